import * as vscode from 'vscode';
import { cancelRemoteJob, listRemoteJobs, reattachJob, reconcileDeployment, type JobState } from '../../core/remote/index';
import type { HostConnections } from '../hosts/connections';
import { runContext, jobsOutput } from '../remote/run-context';
import { findWorkspaceDescriptor } from '../workspace-descriptor';

const ICON: Record<string, string> = {
  running: 'sync~spin', succeeded: 'pass', failed: 'error', cancelled: 'circle-slash', lost: 'question',
};

class JobItem extends vscode.TreeItem {
  constructor(readonly alias: string, readonly job: JobState) {
    super(job.id, vscode.TreeItemCollapsibleState.None);
    this.description = job.status + (job.exitCode !== undefined ? ` (${job.exitCode})` : '');
    this.iconPath = new vscode.ThemeIcon(ICON[job.status] ?? 'circle-outline');
    this.tooltip = job.spec ? `${job.spec.argv.join(' ')}\n${job.spec.createdAt}` : job.id;
    this.contextValue = job.alive ? 'ascendJobRunning' : 'ascendJobDone';
  }
}

/**
 * The Jobs view: the detached jobs on the workspace descriptor's host (contracts.md §2), running and past. A
 * running job can be re-attached (its log streams again from where it is) or cancelled for real on the host.
 */
export class JobsView implements vscode.TreeDataProvider<JobItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly connections: HostConnections, private readonly log: vscode.LogOutputChannel) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(item: JobItem): vscode.TreeItem {
    return item;
  }

  async getChildren(): Promise<JobItem[]> {
    if (!vscode.workspace.isTrusted) return [];
    const found = await findWorkspaceDescriptor().catch(() => undefined);
    if (!found) return [];
    const alias = found.descriptor.target.host;
    try {
      const jobs = await listRemoteJobs(runContext(alias, this.connections, this.log));
      this.settleInterrupted(alias, found.descriptor.name);
      return jobs.sort((a, b) => (b.spec?.createdAt ?? b.id).localeCompare(a.spec?.createdAt ?? a.id)).map((j) => new JobItem(alias, j));
    } catch (err) {
      this.log.warn(`jobs view: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  }

  /** A deploy of the workspace deployment interrupted by a restart is finished or rolled back (in the background). */
  private settleInterrupted(alias: string, name: string): void {
    reconcileDeployment(runContext(alias, this.connections, this.log), name).then((r) => {
      if (r.state === 'finished' || r.state === 'rolled-back') void vscode.window.showInformationMessage(r.message ?? '');
      if (r.state === 'failed') void vscode.window.showErrorMessage(r.message ?? '');
    }, (err: unknown) => this.log.warn(`jobs view: ${err instanceof Error ? err.message : String(err)}`));
  }

  async reattach(item: JobItem): Promise<void> {
    jobsOutput().show(true);
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Re-attaching to {0}', item.job.id), cancellable: true },
      (_p, token) => reattachJob(runContext(item.alias, this.connections, this.log, token), item.job.id),
    );
    void vscode.window.showInformationMessage(`${item.job.id}: ${outcome.message}`);
    this.refresh();
  }

  async cancel(item: JobItem): Promise<void> {
    await cancelRemoteJob(runContext(item.alias, this.connections, this.log), item.job.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('Job {0} cancelled on {1}.', item.job.id, item.alias));
    this.refresh();
  }
}
