import * as vscode from 'vscode';

/** Thrown by a command when the user cancelled: logged, never shown as an error. */
export class UserCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * The one error funnel (style.md): every command and provider runs through here. It logs, tells a user's
 * cancel from a failure, and shows one actionable message with "Show Log".
 */
export function funnel<A extends unknown[]>(
  log: vscode.LogOutputChannel,
  name: string,
  fn: (...args: A) => unknown,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      log.debug(`command ${name} started`);
      await fn(...args);
    } catch (err) {
      if (err instanceof UserCancelled || err instanceof vscode.CancellationError) {
        log.info(`command ${name} cancelled`);
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      log.error(`command ${name} failed: ${err instanceof Error && err.stack ? err.stack : message}`);
      const showLog = vscode.l10n.t('Show Log');
      const pick = await vscode.window.showErrorMessage(vscode.l10n.t('{0} failed: {1}', name, message), showLog);
      if (pick === showLog) log.show(true);
    }
  };
}
