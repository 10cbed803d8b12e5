import * as vscode from 'vscode';
import type { CompletionEngine } from '../../core/completion/engine';
import type { RecentEditsTracker } from './recent-edits';

/** Adapts VS Code's CancellationToken to the engine's cancellation interface. */
function tokenLike(token: vscode.CancellationToken) {
  return {
    get isCancellationRequested() {
      return token.isCancellationRequested;
    },
    onCancellationRequested: (listener: () => void) => token.onCancellationRequested(listener),
  };
}

/**
 * The inline completion provider: a thin adapter from VS Code's API to the engine in src/core/completion.
 * Acceptance is counted through the item's command.
 */
export class AscendInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly engine: () => CompletionEngine | undefined,
    private readonly languageEnabled: (languageId: string) => boolean,
    private readonly recentEdits: RecentEditsTracker,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    _context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const engine = this.engine();
    if (!engine || !this.languageEnabled(document.languageId)) return undefined;
    const result = await engine.complete({
      documentText: document.getText(),
      offset: document.offsetAt(position),
      languageId: document.languageId,
      fileName: vscode.workspace.asRelativePath(document.uri, false),
      recentEdits: () => this.recentEdits.snapshot(),
      token: tokenLike(token),
    });
    if (!result || token.isCancellationRequested || !result.text) return undefined;
    const range = new vscode.Range(document.positionAt(result.replaceStart), document.positionAt(result.replaceEnd));
    return [new vscode.InlineCompletionItem(result.text, range, { title: vscode.l10n.t('Accept'), command: 'ascend.completion.accepted' })];
  }
}
