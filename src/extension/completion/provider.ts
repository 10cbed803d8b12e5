import * as vscode from 'vscode';
import type { CompletionEngine } from '../../core/completion/engine';
import type { CompletionTrace } from './completion-trace';
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
 * Acceptance is counted through the item's command. With a `trace` (completion-trace.ts, opt-in), each call's
 * timing is appended to a file. A partial result (the first piece of a line) is shown at once; when the engine says
 * the rest is there and the editor has not moved on, the inline suggestion is triggered again through VS Code's own
 * command, and the next call returns the whole line from the stream or the cache (VS Code fetches anew on an
 * explicit trigger at an unchanged position once per document version: one growth step per keystroke).
 */
export class AscendInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly engine: () => CompletionEngine | undefined,
    private readonly languageEnabled: (languageId: string) => boolean,
    private readonly recentEdits: RecentEditsTracker,
    private readonly trace?: CompletionTrace,
  ) {}

  provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    _context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const trace = this.trace;
    if (!trace) return this.provide(document, position, token);
    const entry = trace.now();
    const stamps: { engineCalled?: number; engineCalledPerf?: number; source?: string; mode?: string; complete?: boolean } = {};
    const done = (items: vscode.InlineCompletionItem[] | undefined) => {
      trace.record({
        entry, engineCalled: stamps.engineCalled, returned: trace.now(), version: document.version,
        offset: document.offsetAt(position), items: !!items?.length, cancelled: token.isCancellationRequested,
        source: stamps.source, mode: stamps.mode, complete: stamps.complete,
      }, stamps.engineCalledPerf);
      return items;
    };
    return this.provide(document, position, token, stamps).then(done, (e: unknown) => {
      done(undefined);
      throw e;
    });
  }

  private async provide(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
    stamps?: { engineCalled?: number; engineCalledPerf?: number; source?: string; mode?: string; complete?: boolean },
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const engine = this.engine();
    if (!engine || !this.languageEnabled(document.languageId)) return undefined;
    const request = {
      documentText: document.getText(),
      offset: document.offsetAt(position),
      languageId: document.languageId,
      fileName: vscode.workspace.asRelativePath(document.uri, false),
      recentEdits: () => this.recentEdits.snapshot(),
      token: tokenLike(token),
    };
    if (stamps) {
      stamps.engineCalledPerf = performance.now();
      stamps.engineCalled = performance.timeOrigin + stamps.engineCalledPerf;
    }
    const result = await engine.complete(request);
    if (stamps && result) { stamps.source = result.source; stamps.mode = result.mode; stamps.complete = result.complete; }
    if (!result || token.isCancellationRequested || !result.text) return undefined;
    if (!result.complete) this.growLater(document, position, result.whenComplete);
    const range = new vscode.Range(document.positionAt(result.replaceStart), document.positionAt(result.replaceEnd));
    return [new vscode.InlineCompletionItem(result.text, range, { title: vscode.l10n.t('Accept'), command: 'ascend.completion.accepted' })];
  }

  /** Once the rest of a partial suggestion is there, asks VS Code to fetch again if the editor is where it was. */
  private growLater(document: vscode.TextDocument, position: vscode.Position, whenComplete: Promise<boolean> | undefined): void {
    const version = document.version;
    void whenComplete?.then((ok) => {
      const editor = vscode.window.activeTextEditor;
      if (!ok || editor?.document !== document || document.version !== version || !editor.selection.active.isEqual(position)) return;
      void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    });
  }
}
