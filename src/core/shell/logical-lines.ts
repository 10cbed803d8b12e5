/**
 * Shell-like text as logical lines: physical lines joined at a trailing backslash, with comments blanked out,
 * and a map from every character of the logical text back to its (line, column) in the document.
 * Used for `*.sh` scripts and for the shell part of Dockerfile RUN/CMD/ENTRYPOINT/ENV instructions.
 */
import type { Range } from '../diagnostics';

export interface LogicalLine {
  /** Code of the joined lines; comments replaced by spaces, the joining backslash+newline dropped. */
  text: string;
  /** For each index of `text`, and one past its end: the document position. */
  lines: number[];
  columns: number[];
}

/** Blanks a `#` comment (outside quotes, at a word start) with spaces, keeping column offsets. */
export function stripShellComment(line: string): string {
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '\\') { i++; continue; }
    if (c === '"' || c === "'") { quote = c; continue; }
    if (c === '#' && (i === 0 || /[\s;&|(]/.test(line[i - 1]))) return line.slice(0, i) + ' '.repeat(line.length - i);
  }
  return line;
}

/**
 * Joins the given physical lines (indices into `docLines`, ascending) into logical lines. `startColumns` lets a
 * caller skip a prefix of a line (e.g. the `RUN` keyword). Lines that are whole comments inside a continuation
 * (Dockerfile allows them) are skipped.
 */
export function logicalLines(docLines: string[], lineIndices: number[], startColumns = new Map<number, number>()): LogicalLine[] {
  const out: LogicalLine[] = [];
  let cur: LogicalLine | null = null;
  for (const li of lineIndices) {
    const raw = docLines[li] ?? '';
    const from = startColumns.get(li) ?? 0;
    if (cur && /^\s*#/.test(raw)) continue;
    const code = stripShellComment(raw.slice(from));
    const trimmedEnd = code.replace(/\s+$/, '');
    const continues = trimmedEnd.endsWith('\\');
    const body = continues ? trimmedEnd.slice(0, -1) : code;
    if (!cur) cur = { text: '', lines: [], columns: [] };
    for (let i = 0; i < body.length; i++) {
      cur.text += body[i];
      cur.lines.push(li);
      cur.columns.push(from + i);
    }
    if (!continues) {
      cur.lines.push(li);
      cur.columns.push(from + body.length);
      out.push(cur);
      cur = null;
    } else {
      // Joining keeps the words apart the way the shell sees them.
      cur.text += ' ';
      cur.lines.push(li);
      cur.columns.push(from + body.length);
    }
  }
  if (cur) {
    const last = cur.lines.length ? cur.lines[cur.lines.length - 1] : 0;
    const col = cur.columns.length ? cur.columns[cur.columns.length - 1] : 0;
    cur.lines.push(last);
    cur.columns.push(col);
    out.push(cur);
  }
  return out;
}

/** The document range of `text[start, end)` of a logical line. */
export function rangeOf(line: LogicalLine, start: number, end: number): Range {
  const e = Math.max(start, end - 1);
  const endIsLast = end >= line.text.length;
  return {
    startLine: line.lines[start],
    startColumn: line.columns[start],
    endLine: endIsLast ? line.lines[line.text.length] : line.lines[e],
    endColumn: endIsLast ? line.columns[line.text.length] : line.columns[e] + 1,
  };
}

/** Where the shell command around `index` ends: the next `&&`, `||`, `;`, `|` or the end of the logical line. */
export function commandEnd(text: string, index: number): number {
  const rest = text.slice(index);
  const m = /(&&|\|\||;|\|)/.exec(rest);
  let end = m ? index + m.index : text.length;
  while (end > index && /\s/.test(text[end - 1])) end--;
  return end;
}
