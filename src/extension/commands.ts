import * as vscode from 'vscode';
import { COMMANDS, type CommandId } from './command-table';
import { funnel } from './error-funnel';
import { allowHostCommand } from './trust';

/**
 * What the features give the command layer: a handler for every command id (a missing one does not compile).
 * A handler gets the command's arguments (e.g. the tree item of a view's inline action) and its localized title.
 */
type CommandHandler = (context: { title: string; args: unknown[] }) => unknown;
export type CommandHandlers = Record<CommandId, CommandHandler>;

/** Registers every command of {@link COMMANDS} through the error funnel; host commands pass the trust gate first. */
export function registerCommands(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  handlers: CommandHandlers,
): void {
  for (const spec of COMMANDS) {
    const handler = handlers[spec.id];
    const title = vscode.l10n.t(spec.title);
    const run = funnel(log, { id: spec.id, title }, async (...args: unknown[]) => {
      if (spec.needsHost && !(await allowHostCommand(title))) return;
      await handler({ title, args });
    });
    context.subscriptions.push(vscode.commands.registerCommand(spec.id, run));
  }
}
