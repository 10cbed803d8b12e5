import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  DeployRefusedError, formatGateFindings,
  countFindings, followServerLogs, reconcileDeployment, runBuild, runCheckHost, runDeploy, runFetchModel, runQuantize, runStop,
  type DeployOutcome, type JobOutcome, type RunContext,
} from '../../core/remote/index';
import type { DeployDescriptor } from '../../core/descriptor/types';
import type { ProgressFn } from '../../core/remote/upload/transfer-progress';
import { HostTextFilter } from '../../core/host-command/sanitize-text';
import type { CommandHandlers } from '../commands';
import { UserCancelled } from '../error-funnel';
import type { HostConnections } from '../hosts/connections';
import { findWorkspaceDescriptor } from '../workspace-descriptor';
import { showHostReport } from './host-check-report';
import { showOutcome } from './outcome-message';
import { runContext } from './run-context';
import { withRun } from './with-run';

/**
 * The host commands of the palette: each loads the workspace's deploy descriptor, runs the core runner against
 * its host with a cancellable progress notification (with-run.ts), streams output to "Ascend Jobs", and ends
 * with one message (with the log diagnosis when a job failed, outcome-message.ts).
 */
export interface RemoteEvents {
  deploymentChanged(): void;
  /** A host check learned the host's NPUs, e.g. "8× 910B4". */
  hostChecked(alias: string, summary: string): void;
  jobsChanged(): void;
}

type RemoteCommandId = 'ascend.checkHost' | 'ascend.fetchModel' | 'ascend.buildImage' | 'ascend.quantizeModel'
  | 'ascend.deploy' | 'ascend.finishInterruptedDeploy' | 'ascend.stopDeployment' | 'ascend.showLogs';

export function remoteHandlers(
  log: vscode.LogOutputChannel,
  connections: HostConnections,
  reportDir: vscode.Uri,
  events: RemoteEvents,
): Pick<CommandHandlers, RemoteCommandId> {
  const onDeploymentChanged = () => {
    events.deploymentChanged();
    events.jobsChanged();
  };
  const descriptorOrFail = async (): Promise<{ d: DeployDescriptor; uri: vscode.Uri }> => {
    const found = await findWorkspaceDescriptor();
    if (!found) throw new Error(vscode.l10n.t('No ascend-deploy.yaml in this workspace: create one first (see the walkthrough).'));
    return { d: found.descriptor, uri: found.uri };
  };
  const run = <T>(title: string, alias: string, fn: (ctx: RunContext, onProgress: ProgressFn) => Promise<T>) => withRun(connections, log, title, alias, fn);

  const job = (title: string, start: (ctx: RunContext, d: DeployDescriptor, uri: vscode.Uri, onProgress: ProgressFn) => Promise<JobOutcome>) => async () => {
    const { d, uri } = await descriptorOrFail();
    const outcome = await run(title, d.target.host, (ctx, onProgress) => start(ctx, d, uri, onProgress)).finally(() => events.jobsChanged());
    await showOutcome(title, outcome);
  };

  return {
    'ascend.checkHost': async ({ title }) => {
      const found = await findWorkspaceDescriptor().catch(() => undefined);
      const alias = found?.descriptor.target.host ?? (await vscode.window.showQuickPick(connections.aliases(), {
        placeHolder: vscode.l10n.t('Host to check (from ~/.ssh/config)'),
      }));
      if (!alias) throw new UserCancelled();
      const result = await run(title, alias, (ctx) => runCheckHost(ctx, found?.descriptor));
      await showHostReport(reportDir, alias, result);
      if (result.summary) events.hostChecked(alias, `${result.summary.npuCount}× ${result.summary.chip ?? 'NPU'}`);
      const c = countFindings(result);
      const text = vscode.l10n.t('Host {0}: {1} passed, {2} warnings, {3} failed.', alias, c.pass, c.warn, c.fail);
      if (c.fail > 0) void vscode.window.showErrorMessage(text);
      else if (c.warn > 0) void vscode.window.showWarningMessage(text);
      else void vscode.window.showInformationMessage(text);
    },
    // model.localPath, image.dockerfile and image.tarball are relative to the descriptor's folder.
    'ascend.fetchModel': job(vscode.l10n.t('Fetch Model'), (ctx, d, uri, onProgress) =>
      runFetchModel(ctx, d, { descriptorDir: vscode.Uri.joinPath(uri, '..').fsPath, onProgress })),
    'ascend.buildImage': job(vscode.l10n.t('Build Image'), (ctx, d, uri, onProgress) =>
      runBuild(ctx, d, { descriptorDir: vscode.Uri.joinPath(uri, '..').fsPath, onProgress })),
    'ascend.quantizeModel': job(vscode.l10n.t('Quantize Model'), (ctx, d) => runQuantize(ctx, d)),
    'ascend.deploy': job(vscode.l10n.t('Deploy'), async (ctx, d, uri) => {
      // The validator gates the deploy (src/core/remote/deploy/deploy-gate.ts); "Deploy anyway" goes past it.
      const deploy = (force: boolean): Promise<DeployOutcome> => runDeploy(ctx, d, {
        confirmDowntime: async (text) => {
          const go = vscode.l10n.t('Stop and Redeploy');
          return (await vscode.window.showWarningMessage(text, { modal: true }, go)) === go;
        },
        gate: { descriptorFile: uri.fsPath, read: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } }, force },
      });
      let outcome: DeployOutcome;
      try {
        outcome = await deploy(false);
      } catch (e) {
        if (!(e instanceof DeployRefusedError)) throw e;
        ctx.log('error', e.message);
        const anyway = vscode.l10n.t('Deploy anyway');
        const pick = await vscode.window.showWarningMessage(
          vscode.l10n.t('The validator found {0} error(s) in the deploy descriptor or its serve config that vLLM would refuse or fail on.', e.findings.length),
          { modal: true, detail: formatGateFindings(e.findings) }, anyway);
        if (pick !== anyway) throw new UserCancelled();
        outcome = await deploy(true);
      }
      if (outcome.status === 'succeeded') onDeploymentChanged();
      return outcome;
    }),
    // Deploy, stop and logs finish or roll back an interrupted deploy of their deployment first; this does only that.
    'ascend.finishInterruptedDeploy': async ({ title }) => {
      const { d } = await descriptorOrFail();
      const r = await run(title, d.target.host, (ctx) => reconcileDeployment(ctx, d.name)).finally(() => onDeploymentChanged());
      if (r.state === 'failed') throw new Error(r.message);
      void vscode.window.showInformationMessage(r.state === 'none'
        ? vscode.l10n.t('No interrupted deploy of {0} on {1}.', d.name, d.target.host)
        : r.message ?? '');
    },
    'ascend.stopDeployment': async ({ title }) => {
      const { d } = await descriptorOrFail();
      const stop = vscode.l10n.t('Stop');
      const sure = await vscode.window.showWarningMessage(
        vscode.l10n.t('Stop the deployment "{0}" on {1}? The model will be unavailable until you deploy again.', d.name, d.target.host),
        { modal: true }, stop);
      if (sure !== stop) throw new UserCancelled();
      await run(title, d.target.host, (ctx) => runStop(ctx, d.name));
      onDeploymentChanged();
      void vscode.window.showInformationMessage(vscode.l10n.t('Deployment "{0}" stopped.', d.name));
    },
    'ascend.showLogs': async () => {
      const { d } = await descriptorOrFail();
      const writeEmitter = new vscode.EventEmitter<string>();
      const abort = new AbortController();
      // Container logs are host text: no escape sequence of theirs reaches the terminal.
      const filter = new HostTextFilter();
      const write = (text: string) => writeEmitter.fire(text.replace(/\r?\n/g, '\r\n'));
      const pty: vscode.Pseudoterminal = {
        onDidWrite: writeEmitter.event,
        open: () => {
          const ctx = { ...runContext(d.target.host, connections, log), signal: abort.signal, onOutput: (text: string) => write(filter.push(text)) };
          followServerLogs(ctx, d.name, { follow: true, tail: 200 }).then(
            () => write(`${filter.flush()}\n${vscode.l10n.t('[log stream ended]')}\n`),
            (err: unknown) => write(`${filter.flush()}\n${new HostTextFilter().push(err instanceof Error ? err.message : String(err))}\n`),
          );
        },
        close: () => abort.abort(),
      };
      vscode.window.createTerminal({ name: vscode.l10n.t('vLLM logs: {0}', d.name), pty }).show();
    },
  };
}

