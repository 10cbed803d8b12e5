import * as vscode from 'vscode';
import { sanitizeHostText } from '../core/host-command/sanitize-text';

/** Thrown by a command when the user cancelled: logged, never shown as an error. */
export class UserCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * The one error funnel: every command runs through here (commands.ts). It logs, tells a user's cancel from a
 * failure, and shows one actionable message with "Show Log" that names the command by its title (the id is
 * for the log only). Error texts often carry a host's words, so control characters are stripped first.
 */
export function funnel<A extends unknown[]>(
  log: vscode.LogOutputChannel,
  command: { id: string; title: string },
  fn: (...args: A) => unknown,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      log.debug(`command ${command.id} started`);
      await fn(...args);
    } catch (err) {
      if (err instanceof UserCancelled || err instanceof vscode.CancellationError) {
        log.info(`command ${command.id} cancelled`);
        return;
      }
      const message = sanitizeHostText(err instanceof Error ? err.message : String(err));
      log.error(`command ${command.id} (${command.title}) failed: ${err instanceof Error && err.stack ? sanitizeHostText(err.stack) : message}`);
      const showLog = vscode.l10n.t('Show Log');
      const pick = await vscode.window.showErrorMessage(vscode.l10n.t('{0} failed: {1}', command.title, message), showLog);
      if (pick === showLog) log.show(true);
    }
  };
}
