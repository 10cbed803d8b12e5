import * as vscode from 'vscode';
import { COMMANDS, type CommandSpec } from './command-table';
import { funnel } from './error-funnel';
import { allowHostCommand } from './trust';

/** What a feature gives the command layer: the handler for a command id. */
export type CommandHandlers = Partial<Record<string, (spec: CommandSpec) => unknown>>;

/**
 * Registers every command of {@link COMMANDS}. Host commands pass the trust gate first. A command with no
 * handler yet tells the user that its feature has not landed and does nothing else.
 */
export function registerCommands(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  handlers: CommandHandlers,
): void {
  for (const spec of COMMANDS) {
    const handler = handlers[spec.id];
    const title = vscode.l10n.t(spec.title);
    const run = funnel(log, spec.id, async () => {
      if (spec.needsHost && !(await allowHostCommand(title))) return;
      if (!handler) {
        log.info(`${spec.id}: feature not available yet`);
        void vscode.window.showInformationMessage(
          vscode.l10n.t('"{0}" is not available yet: this feature has not landed in this version of the extension.', title),
        );
        return;
      }
      await handler(spec);
    });
    context.subscriptions.push(vscode.commands.registerCommand(spec.id, run));
  }
}
