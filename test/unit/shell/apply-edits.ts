/** Applies TextEdits (0-based line/column ranges) to a text, as an editor would. Test support only. */
import type { TextEdit } from '../../../src/core/diagnostics';

function offsetAt(lines: string[], line: number, column: number): number {
  let off = 0;
  for (let i = 0; i < line && i < lines.length; i++) off += lines[i].length + 1;
  return off + column;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const withOffsets = edits.map((e) => ({
    start: offsetAt(lines, e.range.startLine, e.range.startColumn),
    end: offsetAt(lines, e.range.endLine, e.range.endColumn),
    newText: e.newText,
  }));
  withOffsets.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function textAt(text: string, r: TextEdit['range']): string {
  return applyEdits(text, []).slice(offsetAt(text.split('\n'), r.startLine, r.startColumn), offsetAt(text.split('\n'), r.endLine, r.endColumn));
}
