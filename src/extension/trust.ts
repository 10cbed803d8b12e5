import * as vscode from 'vscode';

/**
 * Restricted Mode policy (docs/contracts.md §5): commands that touch a host are off in an untrusted workspace, and
 * say why, with a way to manage trust. Returns true when the command may run.
 */
export async function allowHostCommand(title: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const pick = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      '"{0}" is off in Restricted Mode: it connects to hosts and runs commands named by this workspace. Trust the workspace to use it.',
      title,
    ),
    manage,
  );
  if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
