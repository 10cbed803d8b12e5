import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  DeployRefusedError, formatGateFindings,
  followServerLogs, runBuild, runCheckHost, runDeploy, runFetchModel, runQuantize, runStop, CancelledError,
  type DeployOutcome, type JobOutcome, type RunContext,
} from '../../core/remote/index';
import type { DeployDescriptor } from '../../core/descriptor/types';
import type { ProgressFn } from '../../core/remote/upload/transfer-progress';
import type { CommandHandlers } from '../commands';
import { UserCancelled } from '../error-funnel';
import type { HostConnections } from '../hosts/connections';
import { findWorkspaceDescriptor } from '../workspace-descriptor';
import { countFindings, hostReportMarkdown } from './report';
import { jobsOutput, runContext } from './run-context';

/**
 * The host commands of the palette (issue 5): each loads the workspace's deploy descriptor, runs the core
 * runner against its host with a cancellable progress notification, streams output to "Ascend Jobs", and
 * ends with one message (with the log diagnosis when a job failed).
 */
export interface RemoteEvents {
  deploymentChanged(): void;
  /** A host check learned the host's NPUs, e.g. "8× 910B4". */
  hostChecked(alias: string, summary: string): void;
  jobsChanged(): void;
}

type RemoteCommandId = 'ascend.checkHost' | 'ascend.fetchModel' | 'ascend.buildImage' | 'ascend.quantizeModel'
  | 'ascend.deploy' | 'ascend.stopDeployment' | 'ascend.showLogs';

export function remoteHandlers(
  log: vscode.LogOutputChannel,
  connections: HostConnections,
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

  const withRun = async <T>(title: string, alias: string, fn: (ctx: RunContext, onProgress: ProgressFn) => Promise<T>): Promise<T> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const ctx = runContext(alias, connections, log, token);
      // Hashing and upload lines; while bytes move, the bar follows the fraction sent (Cancel stops the upload).
      let shown = 0;
      const onProgress: ProgressFn = (message, fraction) => {
        const increment = fraction === undefined ? undefined : Math.max(0, fraction * 100 - shown);
        if (fraction !== undefined) shown = Math.max(shown, fraction * 100);
        progress.report({ message, increment });
      };
      const out = jobsOutput();
      out.appendLine(`\n=== ${title} (${alias}) ${new Date().toISOString()}`);
      const inner = ctx.onOutput;
      ctx.onOutput = (text) => {
        inner?.(text);
        const last = text.trim().split('\n').pop();
        if (last) progress.report({ message: last.slice(0, 120) });
      };
      try {
        return await fn(ctx, onProgress);
      } catch (err) {
        if (err instanceof CancelledError || token.isCancellationRequested) {
          void vscode.window.showInformationMessage(vscode.l10n.t('{0} cancelled.', title));
          throw new UserCancelled();
        }
        throw err;
      }
    });

  const report = async (title: string, outcome: JobOutcome | DeployOutcome): Promise<void> => {
    const showOutput = vscode.l10n.t('Show Output');
    if (outcome.status === 'succeeded' || outcome.status === 'skipped') {
      void vscode.window.showInformationMessage(`${title}: ${outcome.message}`);
      return;
    }
    if (outcome.status === 'cancelled') {
      // An upload says what it kept on the host ("the next run sends only the rest").
      void vscode.window.showInformationMessage(outcome.message ? vscode.l10n.t('{0} cancelled: {1}', title, outcome.message) : vscode.l10n.t('{0} cancelled.', title));
      return;
    }
    const causes = outcome.diagnosis.map((m) => `${m.cause} ${m.fix}`).filter((x, i, a) => a.indexOf(x) === i);
    const rolled = 'rolledBack' in outcome && outcome.rolledBack ? ` ${vscode.l10n.t('The previous deployment was restored.')}` : '';
    const pick = await vscode.window.showErrorMessage(`${title}: ${outcome.message}${rolled}${causes.length ? ` — ${causes.join(' ')}` : ''}`, showOutput);
    if (pick === showOutput) jobsOutput().show(true);
  };

  const job = (title: string, run: (ctx: RunContext, d: DeployDescriptor, uri: vscode.Uri, onProgress: ProgressFn) => Promise<JobOutcome>) => async () => {
    const { d, uri } = await descriptorOrFail();
    const outcome = await withRun(title, d.target.host, (ctx, onProgress) => run(ctx, d, uri, onProgress)).finally(() => events.jobsChanged());
    await report(title, outcome);
  };

  return {
    'ascend.checkHost': async () => {
      const found = await findWorkspaceDescriptor().catch(() => undefined);
      const alias = found?.descriptor.target.host ?? (await vscode.window.showQuickPick(connections.aliases(), {
        placeHolder: vscode.l10n.t('Host to check (from ~/.ssh/config)'),
      }));
      if (!alias) throw new UserCancelled();
      const title = vscode.l10n.t('Check Host');
      const result = await withRun(title, alias, (ctx) => runCheckHost(ctx, found?.descriptor));
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: hostReportMarkdown(alias, result) });
      await vscode.window.showTextDocument(doc, { preview: true });
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
        jobsOutput().appendLine(e.message);
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
    'ascend.stopDeployment': async () => {
      const { d } = await descriptorOrFail();
      const stop = vscode.l10n.t('Stop');
      const sure = await vscode.window.showWarningMessage(
        vscode.l10n.t('Stop the deployment "{0}" on {1}? The model will be unavailable until you deploy again.', d.name, d.target.host),
        { modal: true }, stop);
      if (sure !== stop) throw new UserCancelled();
      await withRun(vscode.l10n.t('Stop Deployment'), d.target.host, (ctx) => runStop(ctx, d.name));
      onDeploymentChanged();
      void vscode.window.showInformationMessage(vscode.l10n.t('Deployment "{0}" stopped.', d.name));
    },
    'ascend.showLogs': async () => {
      const { d } = await descriptorOrFail();
      const writeEmitter = new vscode.EventEmitter<string>();
      const abort = new AbortController();
      const pty: vscode.Pseudoterminal = {
        onDidWrite: writeEmitter.event,
        open: () => {
          const ctx = { ...runContext(d.target.host, connections, log), signal: abort.signal,
            onOutput: (text: string) => writeEmitter.fire(text.replace(/\r?\n/g, '\r\n')) };
          followServerLogs(ctx, d.name, { follow: true, tail: 200 }).then(
            () => writeEmitter.fire(`\r\n${vscode.l10n.t('[log stream ended]')}\r\n`),
            (err: unknown) => writeEmitter.fire(`\r\n${err instanceof Error ? err.message : String(err)}\r\n`),
          );
        },
        close: () => abort.abort(),
      };
      vscode.window.createTerminal({ name: vscode.l10n.t('vLLM logs: {0}', d.name), pty }).show();
    },
  };
}
