/** Builders for quick-fix edits on a parsed YAML file. */
import type { Range, TextEdit } from '../diagnostics';
import type { MapView } from './context';
import type { YamlSource } from './yaml-source';

export function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function lineText(text: string, line: number): string {
  let start = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return '';
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}

export function replaceEdit(range: Range, newText: string): TextEdit {
  return { range, newText };
}

/** Deletes whole lines startLine..endLine (inclusive). */
export function deleteLinesEdit(startLine: number, endLine: number): TextEdit {
  return { range: { startLine, startColumn: 0, endLine: endLine + 1, endColumn: 0 }, newText: '' };
}

/** Last line that belongs to the map (its last entry's value, or the key when the value is empty). */
function lastLineOf(view: MapView, src: YamlSource): number {
  const last = view.entries[view.entries.length - 1];
  if (!last) return -1;
  const r = last.valueRange;
  let line = r.endColumn === 0 && r.endLine > r.startLine ? r.endLine - 1 : r.endLine;
  // Block values end at the start of the next line; step back over trailing blank lines.
  while (line > last.keyRange.startLine && lineText(src.text, line).trim() === '') line--;
  return line;
}

/**
 * Inserts `lines` (already indented relative to the map: each line gets the map's indentation) as new keys
 * after the map's last entry, or at the end of the file when the map is empty.
 */
export function insertKeysEdit(view: MapView | undefined, src: YamlSource, lines: string[]): TextEdit {
  const indent = ' '.repeat(view?.indent ?? 0);
  const body = lines.map((l) => indent + l).join('\n');
  const total = lineCount(src.text);
  const after = view && view.entries.length ? lastLineOf(view, src) : total - 1;
  if (after + 1 < total) {
    return { range: { startLine: after + 1, startColumn: 0, endLine: after + 1, endColumn: 0 }, newText: `${body}\n` };
  }
  const last = lineText(src.text, total - 1);
  const prefix = last.length === 0 ? '' : '\n';
  const pos = { line: total - 1, col: last.length };
  return { range: { startLine: pos.line, startColumn: pos.col, endLine: pos.line, endColumn: pos.col }, newText: `${prefix}${body}\n` };
}

/** Range covering a whole entry line (key through value), for deletion. */
export function entryLines(keyRange: Range, valueRange: Range): [number, number] {
  const end = valueRange.endColumn === 0 && valueRange.endLine > keyRange.startLine ? valueRange.endLine - 1 : valueRange.endLine;
  return [keyRange.startLine, Math.max(keyRange.startLine, end)];
}

export { lineText };
