import * as vscode from 'vscode';
import { cancelRemoteJob, listRemoteJobs, readPending, reattachJob, type JobState, type PendingState } from '../../core/remote/index';
import type { HostConnections } from '../hosts/connections';
import { runContext, jobsOutput } from '../remote/run-context';
import { showOutcome } from '../remote/outcome-message';
import { findWorkspaceDescriptor } from '../workspace-descriptor';
import { sanitizeHostText } from '../../core/host-command/sanitize-text';

const ICON: Record<string, string> = {
  running: 'sync~spin', succeeded: 'pass', failed: 'error', cancelled: 'circle-slash', lost: 'question',
};

class JobItem extends vscode.TreeItem {
  constructor(readonly alias: string, readonly job: JobState) {
    // Ids, argv and dates are read from the host's job folders: host text.
    super(sanitizeHostText(job.id), vscode.TreeItemCollapsibleState.None);
    this.description = job.status + (job.exitCode !== undefined ? ` (${job.exitCode})` : '');
    this.iconPath = new vscode.ThemeIcon(ICON[job.status] ?? 'circle-outline');
    this.tooltip = sanitizeHostText(job.spec ? `${job.spec.argv.join(' ')}\n${job.spec.createdAt}` : job.id);
    this.contextValue = job.alive ? 'ascendJobRunning' : 'ascendJobDone';
  }
}

/** A deploy whose client went away mid-way (its marker is stale): finished or rolled back only when asked. */
class InterruptedDeployItem extends vscode.TreeItem {
  constructor(name: string, pending: PendingState) {
    super(vscode.l10n.t('Interrupted deploy of {0}', name), vscode.TreeItemCollapsibleState.None);
    this.description = sanitizeHostText(pending.marker?.startedAt ?? '');
    this.iconPath = new vscode.ThemeIcon('warning');
    this.tooltip = vscode.l10n.t('Its client went away before the deploy ended. "Finish Interrupted Deploy" finishes it when the new server is healthy, else rolls it back.');
    this.contextValue = 'ascendInterruptedDeploy';
  }
}

type Item = JobItem | InterruptedDeployItem;

/** A command argument that must be one of this view's job rows (a keybinding or another extension may pass anything). */
function jobItem(arg: unknown): JobItem {
  if (arg instanceof JobItem) return arg;
  throw new Error(vscode.l10n.t('Choose a running job in the Jobs view.'));
}

/**
 * The Jobs view: the detached jobs on the workspace descriptor's host, running and past, and a deploy of its
 * deployment that was interrupted. Rendering only reads the host; it never changes it: re-attach, cancel and
 * finishing an interrupted deploy are commands (trust-gated, command-table.ts).
 */
export class JobsView implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly connections: HostConnections, private readonly log: vscode.LogOutputChannel) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(item: Item): vscode.TreeItem {
    return item;
  }

  async getChildren(): Promise<Item[]> {
    if (!vscode.workspace.isTrusted) return [];
    const found = await findWorkspaceDescriptor().catch(() => undefined);
    if (!found) return [];
    const alias = found.descriptor.target.host;
    const ctx = runContext(alias, this.connections, this.log);
    try {
      const [jobs, pending] = await Promise.all([
        listRemoteJobs(ctx),
        readPending(ctx, found.descriptor.name).catch((err: unknown) => {
          this.log.warn(`jobs view: ${err instanceof Error ? err.message : String(err)}`);
          return undefined;
        }),
      ]);
      const rows: Item[] = jobs.sort((a, b) => (b.spec?.createdAt ?? b.id).localeCompare(a.spec?.createdAt ?? a.id)).map((j) => new JobItem(alias, j));
      return pending?.state === 'stale' ? [new InterruptedDeployItem(found.descriptor.name, pending), ...rows] : rows;
    } catch (err) {
      this.log.warn(`jobs view: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  }

  async reattach(arg: unknown): Promise<void> {
    const item = jobItem(arg);
    jobsOutput().show(true);
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Re-attaching to {0}', item.job.id), cancellable: true },
      (_p, token) => reattachJob(runContext(item.alias, this.connections, this.log, token), item.job.id),
    );
    await showOutcome(item.job.id, outcome);
    this.refresh();
  }

  async cancel(arg: unknown): Promise<void> {
    const item = jobItem(arg);
    await cancelRemoteJob(runContext(item.alias, this.connections, this.log), item.job.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('Job {0} cancelled on {1}.', sanitizeHostText(item.job.id), item.alias));
    this.refresh();
  }
}
