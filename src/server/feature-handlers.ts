/** Completion, hover, quick fixes and document symbols: config files go to the config engine, the rest to ours. */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/diagnostics';
import { exceeds, HEAD_CHARS, MAX_FILE_BYTES } from '../core/analysis/limits';
import { configCompletions, configHover, configSymbols } from '../core/config/index';
import { fileKindOf } from '../core/analysis/analyze-file';
import { codeActionsFor } from './code-actions';
import { findingsHover, markdownHover, toCompletionItem, toDocumentSymbol } from './lsp-shapes';
import { otherCompletions } from './other-completions';
import { otherSymbols } from './other-symbols';
import { pythonKeywordHover } from './python-hover';
import { fileNameOf } from './file-name';

export interface FeatureDeps {
  documents: TextDocuments<TextDocument>;
  /** The findings last published per document URI (hover shows them). */
  lastFindings: Map<string, Finding[]>;
  locale: () => string | undefined;
  targetVersion: () => string | undefined;
}

export function registerFeatureHandlers(connection: Connection, deps: FeatureDeps): void {
  const { documents, lastFindings } = deps;
  const position = (uri: string, line: number, column: number) => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const text = doc.getText();
    // A file too large to analyse gets no completion, hover or outline either (each would parse all of it).
    if (exceeds(text, MAX_FILE_BYTES)) return undefined;
    const fileName = fileNameOf(uri);
    // The same decision as the diagnostics (analyzeFile): a config by name or modeline wins over a Dockerfile name.
    const kind = fileKindOf(fileName, text.slice(0, HEAD_CHARS));
    const other = kind?.engine === 'rules' ? kind.kind : null;
    return { doc, fileName, text, line, column, other };
  };

  connection.onCompletion((p) => {
    const at = position(p.textDocument.uri, p.position.line, p.position.character);
    if (!at) return [];
    const items = at.other
      ? otherCompletions(at.fileName, at.text, at.doc.offsetAt(p.position), deps.targetVersion())
      : configCompletions({ fileName: at.fileName, text: at.text, line: at.line, column: at.column, locale: deps.locale() });
    return items.map(toCompletionItem);
  });

  connection.onHover((p) => {
    const at = position(p.textDocument.uri, p.position.line, p.position.character);
    if (!at) return null;
    const kind = at.other;
    const md = kind
      ? findingsHover(lastFindings.get(p.textDocument.uri) ?? [], at.line, at.column)
        ?? (kind === 'python' ? pythonKeywordHover(at.text, at.line, at.column) : null)
      : configHover({ fileName: at.fileName, text: at.text, line: at.line, column: at.column, locale: deps.locale(), targetVersion: deps.targetVersion() });
    return md ? markdownHover(md) : null;
  });

  connection.onCodeAction((p) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? codeActionsFor(doc, p) : [];
  });

  connection.onDocumentSymbol((p) => {
    const at = position(p.textDocument.uri, 0, 0);
    if (!at) return [];
    const symbols = at.other
      ? otherSymbols(at.fileName, at.text)
      : configSymbols({ fileName: at.fileName, text: at.text });
    return symbols.map(toDocumentSymbol);
  });
}
