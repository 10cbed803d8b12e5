/** Config/other results (engine shapes) → LSP completion items, hovers and document symbols. */
import {
  CompletionItemKind, InsertTextFormat, MarkupKind, SymbolKind,
  type CompletionItem, type DocumentSymbol, type Hover,
} from 'vscode-languageserver';
import type { Finding } from '../core/diagnostics';
import type { ConfigCompletion, ConfigSymbol } from '../core/config/index';
import { toLspRange } from './to-lsp';

/** A symbol of the config engine, or of the other documents (other-symbols.ts: no kind, the key is the range). */
export type SymbolShape = Omit<ConfigSymbol, 'kind' | 'selectionRange' | 'children'> & {
  kind?: ConfigSymbol['kind'];
  selectionRange?: ConfigSymbol['selectionRange'];
  children?: SymbolShape[];
};

export function toCompletionItem(c: ConfigCompletion): CompletionItem {
  const item: CompletionItem = {
    label: c.label,
    kind: c.kind === 'key' ? CompletionItemKind.Property : c.kind === 'value' ? CompletionItemKind.Value : CompletionItemKind.Snippet,
    insertText: c.insertText,
  };
  if (c.kind === 'snippet' || /\$\{?\d/.test(c.insertText)) item.insertTextFormat = InsertTextFormat.Snippet;
  if (c.detail) item.detail = c.detail;
  if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
  if (c.sortText) item.sortText = c.sortText;
  return item;
}

export function toDocumentSymbol(s: SymbolShape): DocumentSymbol {
  const range = toLspRange(s.range);
  const hasChildren = Boolean(s.children && s.children.length > 0);
  const kind = s.kind === 'array' ? SymbolKind.Array : s.kind === 'object' || (!s.kind && hasChildren) ? SymbolKind.Object : SymbolKind.Property;
  const sym: DocumentSymbol = {
    name: s.name || ' ',
    kind,
    range,
    selectionRange: s.selectionRange ? toLspRange(s.selectionRange) : range,
  };
  if (s.detail) sym.detail = s.detail;
  if (s.children && hasChildren) sym.children = s.children.map(toDocumentSymbol);
  return sym;
}

export function markdownHover(value: string): Hover {
  return { contents: { kind: MarkupKind.Markdown, value } };
}

function contains(f: Finding, line: number, column: number): boolean {
  const r = f.range;
  if (line < r.startLine || line > r.endLine) return false;
  if (line === r.startLine && column < r.startColumn) return false;
  if (line === r.endLine && column > r.endColumn) return false;
  return true;
}

/** Markdown for the findings under the cursor: message, code, link. */
export function findingsHover(findings: Finding[], line: number, column: number): string | null {
  const here = findings.filter((f) => contains(f, line, column));
  if (here.length === 0) return null;
  return here.map((f) => `**${f.code}** ${f.message}${f.docUrl ? `\n\n[${f.docUrl}](${f.docUrl})` : ''}`).join('\n\n---\n\n');
}
