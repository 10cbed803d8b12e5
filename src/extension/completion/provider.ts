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
 * timing is appended to a file.
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
    const stamps: { engineCalled?: number; engineCalledPerf?: number; source?: string; mode?: string } = {};
    const done = (items: vscode.InlineCompletionItem[] | undefined) => {
      trace.record({
        entry, engineCalled: stamps.engineCalled, returned: trace.now(), version: document.version,
        offset: document.offsetAt(position), items: !!items?.length, cancelled: token.isCancellationRequested,
        source: stamps.source, mode: stamps.mode,
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
    stamps?: { engineCalled?: number; engineCalledPerf?: number; source?: string; mode?: string },
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
    if (stamps && result) { stamps.source = result.source; stamps.mode = result.mode; }
    if (!result || token.isCancellationRequested || !result.text) return undefined;
    const range = new vscode.Range(document.positionAt(result.replaceStart), document.positionAt(result.replaceEnd));
    return [new vscode.InlineCompletionItem(result.text, range, { title: vscode.l10n.t('Accept'), command: 'ascend.completion.accepted' })];
  }
}
