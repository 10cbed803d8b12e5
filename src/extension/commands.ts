import * as vscode from 'vscode';
import { COMMANDS, type CommandId, type CommandSpec } from './command-table';
import { funnel } from './error-funnel';
import { allowHostCommand } from './trust';

/** What the features give the command layer: a handler for every command id (a missing one does not compile). */
export type CommandHandlers = Record<CommandId, (spec: CommandSpec) => unknown>;

/** Registers every command of {@link COMMANDS}. Host commands pass the trust gate first. */
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
      await handler(spec);
    });
    context.subscriptions.push(vscode.commands.registerCommand(spec.id, run));
  }
}
