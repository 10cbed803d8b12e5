import * as vscode from 'vscode';
import { mayShareAsContext, type LanguageMap } from '../../core/completion/context-policy';
import type { RecentEdit } from '../../core/completion/extra-context';

const MAX_EDITS = 8;
const CONTEXT_LINES = 6;

/**
 * Remembers the recently edited ranges of files (a few lines around each change), newest first, so the
 * completion prompt can carry them as extra context. The current file is filtered out by the engine. Only files
 * on disk in a language completion is enabled for, and never a secret file (.env, ssh config, keys: see
 * src/core/completion/context-policy.ts), are remembered; their text is never read.
 */
export class RecentEditsTracker implements vscode.Disposable {
  private readonly edits: RecentEdit[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(private readonly languages: () => LanguageMap) {
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => this.record(e));
  }

  private record(e: vscode.TextDocumentChangeEvent): void {
    const doc = e.document;
    if (doc.uri.scheme !== 'file' || e.contentChanges.length === 0) return;
    if (!mayShareAsContext({ languageId: doc.languageId, path: doc.uri.fsPath }, this.languages())) return;
    const change = e.contentChanges[0];
    const first = Math.max(0, change.range.start.line - CONTEXT_LINES);
    const last = Math.min(doc.lineCount - 1, change.range.start.line + CONTEXT_LINES);
    const text = doc.getText(new vscode.Range(first, 0, last, doc.lineAt(last).text.length));
    const fileName = vscode.workspace.asRelativePath(doc.uri, false);
    const existing = this.edits.findIndex((r) => r.fileName === fileName);
    if (existing >= 0) this.edits.splice(existing, 1);
    this.edits.unshift({ fileName, text, languageId: doc.languageId });
    this.edits.length = Math.min(this.edits.length, MAX_EDITS);
  }

  snapshot(): readonly RecentEdit[] {
    return [...this.edits];
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
