import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { documentTarget, targetSourceLabel } from '../../core/config/index';
import { RELEASE_LINES, NEWEST_FINAL } from '../../core/versions/release-lines';
import { COMPAT_MATRIX } from '../../core/versions/compat-matrix';
import { settings } from '../settings';

const SETTING = 'ascend.validation.targetVersion';

/** Reads a file next to the document (the descriptor, its Dockerfile); undefined when absent. */
function readNear(path: string): string | undefined {
  try { return readFileSync(path, 'utf8'); } catch { return undefined; }
}

/**
 * The target-release status bar item, shown while a vLLM serve config or deploy descriptor is open: which
 * vllm-ascend release its findings are for and where that came from. A click opens a quick pick that sets
 * `ascend.validation.targetVersion` for the workspace (or clears it, back to the document's own sources).
 */
export function registerTargetVersion(context: vscode.ExtensionContext): { handlers: { 'ascend.selectTargetVersion': () => Promise<void> } } {
  const item = vscode.window.createStatusBarItem('ascend.targetVersion', vscode.StatusBarAlignment.Right, 99);
  item.name = vscode.l10n.t('vllm-ascend Target Release');
  item.command = 'ascend.selectTargetVersion';
  const refresh = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    const choice = doc && doc.uri.scheme === 'file'
      ? documentTarget({ fileName: doc.uri.fsPath, text: doc.getText(), targetVersion: settings.validationTargetVersion() || undefined, workspaceFiles: readNear })
      : undefined;
    if (!choice) { item.hide(); return; }
    item.text = `$(versions) vllm-ascend ${choice.tag}`;
    item.tooltip = vscode.l10n.t('Checked against vllm-ascend {0} ({1}); schema of the {2} release line. Click to choose another release.', choice.tag, targetSourceLabel(choice), choice.line);
    item.show();
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.workspace.onDidSaveTextDocument(refresh),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(SETTING)) refresh(); }),
  );
  refresh();
  const select = async (): Promise<void> => {
    const auto = vscode.l10n.t('Automatic');
    const tags = [...new Set([...RELEASE_LINES.filter((l) => /\d$/.test(l)), ...COMPAT_MATRIX.map((r) => r.vllmAscend)])];
    const picks: Array<vscode.QuickPickItem & { tag: string }> = [
      { label: auto, tag: '', description: vscode.l10n.t('descriptor target, image tag, vllm-ascend== pin, else {0}', NEWEST_FINAL) },
      ...tags.map((tag) => ({ label: tag, tag, description: (RELEASE_LINES as readonly string[]).includes(tag) ? vscode.l10n.t('release line with its own schema') : undefined })),
    ];
    const current = settings.validationTargetVersion();
    const picked = await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('vllm-ascend release to check configs against (now: {0})', current || auto) });
    if (!picked) return;
    await vscode.workspace.getConfiguration().update(SETTING, picked.tag, vscode.ConfigurationTarget.Workspace);
    refresh();
  };
  return { handlers: { 'ascend.selectTargetVersion': select } };
}
