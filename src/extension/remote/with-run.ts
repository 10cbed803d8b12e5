import * as vscode from 'vscode';
import { CancelledError, type RunContext } from '../../core/remote/index';
import type { ProgressFn } from '../../core/remote/upload/transfer-progress';
import { sanitizeHostText } from '../../core/host-command/sanitize-text';
import { UserCancelled } from '../error-funnel';
import type { HostConnections } from '../hosts/connections';
import { jobsOutput, runContext } from './run-context';

/**
 * Runs one host operation under a cancellable progress notification: a heading in "Ascend Jobs", the last
 * output line as the progress message, and Cancel stopping the work on the host. A cancel becomes UserCancelled
 * (after saying so), so the error funnel does not report it as a failure.
 */
export async function withRun<T>(
  connections: HostConnections,
  log: vscode.LogOutputChannel,
  title: string,
  alias: string,
  fn: (ctx: RunContext, onProgress: ProgressFn) => Promise<T>,
): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const ctx = runContext(alias, connections, log, token);
    // Hashing and upload lines; while bytes move, the bar follows the fraction sent (Cancel stops the upload).
    let shown = 0;
    const onProgress: ProgressFn = (message, fraction) => {
      const increment = fraction === undefined ? undefined : Math.max(0, fraction * 100 - shown);
      if (fraction !== undefined) shown = Math.max(shown, fraction * 100);
      progress.report({ message: sanitizeHostText(message), increment });
    };
    jobsOutput().appendLine(`\n=== ${title} (${alias}) ${new Date().toISOString()}`);
    const inner = ctx.onOutput;
    ctx.onOutput = (text) => {
      inner?.(text);
      const last = sanitizeHostText(text).trim().split('\n').pop();
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
}
