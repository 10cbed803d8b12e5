/**
 * Cuts the prompt's prefix and suffix out of a document at line boundaries.
 *
 * The prefix window starts at a line number aligned down to `chunkLines`, computed only from the lines above the
 * cursor line. Typing on one line therefore never moves the window start, so the prompt's leading tokens stay
 * identical and vLLM's prefix cache keeps hitting; the start moves in chunk steps only when the cursor line moves
 * far enough or the text above grows past the character budget.
 */
export interface WindowOptions {
  maxPrefixLines: number;
  maxPrefixChars: number;
  maxSuffixLines: number;
  maxSuffixChars: number;
  chunkLines: number;
}

export const DEFAULT_WINDOW: WindowOptions = {
  maxPrefixLines: 256,
  maxPrefixChars: 12_000,
  maxSuffixLines: 64,
  maxSuffixChars: 3_000,
  chunkLines: 32,
};

export interface DocumentWindow {
  /** Lines from the window start up to the cursor line, each with its line break. */
  prefixAbove: string;
  /** The cursor line up to the cursor. */
  linePrefix: string;
  /** The cursor line after the cursor, without its line break. */
  lineSuffix: string;
  /** The cursor line's break and the following lines (windowed), or ''. */
  suffixBelow: string;
  /** Zero-based number of the first line in the window, and of the cursor line. */
  windowStartLine: number;
  cursorLine: number;
  eol: '\n' | '\r\n';
}

export function cutWindow(text: string, offset: number, opts: WindowOptions = DEFAULT_WINDOW): DocumentWindow {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const crlf = lineEnd > 0 && text[lineEnd - 1] === '\r' && lineEnd - 1 >= offset;
  const eol: '\n' | '\r\n' = crlf || /\r\n/.test(text.slice(Math.max(0, lineStart - 2), lineStart)) ? '\r\n' : '\n';
  const linePrefix = text.slice(lineStart, offset);
  const lineSuffix = text.slice(offset, crlf ? lineEnd - 1 : lineEnd);

  // Cursor line number and the starts of up to maxPrefixLines (+ chunk) lines above it.
  let cursorLine = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) cursorLine++;
  const chunk = Math.max(1, opts.chunkLines);
  let startLine = Math.floor(Math.max(0, cursorLine - opts.maxPrefixLines) / chunk) * chunk;
  const startOffsetOf = (line: number): number => {
    let pos = lineStart;
    for (let l = cursorLine; l > line; l--) pos = text.lastIndexOf('\n', pos - 2) + 1;
    return pos;
  };
  let start = startOffsetOf(startLine);
  while (lineStart - start > opts.maxPrefixChars && startLine + chunk <= cursorLine) {
    startLine += chunk;
    start = startOffsetOf(startLine);
  }
  if (lineStart - start > opts.maxPrefixChars) { startLine = cursorLine; start = lineStart; }
  const prefixAbove = text.slice(start, lineStart);

  // Suffix: whole lines after the cursor line, within both budgets.
  let end = lineEnd;
  let lines = 0;
  while (end < text.length && lines < opts.maxSuffixLines) {
    let next = text.indexOf('\n', end + 1);
    if (next < 0) next = text.length;
    if (next - lineEnd > opts.maxSuffixChars) break;
    end = next;
    lines++;
  }
  const suffixBelow = text.slice(crlf ? lineEnd - 1 : lineEnd, end);
  return { prefixAbove, linePrefix, lineSuffix, suffixBelow, windowStartLine: startLine, cursorLine, eol };
}
