/**
 * A light bracket and quote scanner (no parser): enough to tell which openers of the current line are still
 * open, which of them the rest of the line closes, and where a completion closes more than is open.
 * Strings: ' and " end at the end of a line; ` may span lines. Line comments are skipped.
 */

const OPEN_TO_CLOSE: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);
const QUOTES = new Set(['"', "'", '`']);

/** Characters an editor may have auto-closed after the cursor. */
export const AUTO_CLOSED = new Set([')', ']', '}', '"', "'", '`']);

export function closerOf(opener: string): string {
  return OPEN_TO_CLOSE[opener] ?? opener;
}

export function isCloser(ch: string): boolean {
  return CLOSERS.has(ch);
}

function startsLineComment(text: string, i: number, lineComment: string): boolean {
  return lineComment.length > 0 && text.startsWith(lineComment, i);
}

/** Unclosed openers and quotes of `linePrefix`, bottom first. */
export function openStack(linePrefix: string, lineComment: string): string[] {
  const stack: string[] = [];
  for (let i = 0; i < linePrefix.length; i++) {
    const ch = linePrefix[i];
    const top = stack[stack.length - 1];
    if (top !== undefined && QUOTES.has(top)) {
      if (ch === '\\') i++;
      else if (ch === top) stack.pop();
      continue;
    }
    if (startsLineComment(linePrefix, i, lineComment)) break;
    if (QUOTES.has(ch)) stack.push(ch);
    else if (OPEN_TO_CLOSE[ch]) stack.push(ch);
    else if (CLOSERS.has(ch) && top !== undefined && closerOf(top) === ch) stack.pop();
  }
  return stack;
}

/**
 * How many items from the top of `stack` the text `rest` closes, reading left to right (used on the rest of the
 * line, which closes what the prefix opened).
 */
export function countClosedBy(rest: string, stack: readonly string[]): number {
  const s = [...stack];
  let closed = 0;
  const local: string[] = [];
  for (const ch of rest) {
    const localTop = local[local.length - 1];
    if (localTop !== undefined && QUOTES.has(localTop)) {
      if (ch === localTop) local.pop();
      continue;
    }
    const top = s[s.length - 1];
    if (local.length === 0 && top !== undefined && QUOTES.has(top)) {
      if (ch === top) { s.pop(); closed++; }
      continue;
    }
    if (QUOTES.has(ch) || OPEN_TO_CLOSE[ch]) local.push(ch);
    else if (CLOSERS.has(ch)) {
      if (local.length > 0) local.pop();
      else if (top !== undefined && closerOf(top) === ch) { s.pop(); closed++; }
      else break;
    }
  }
  return closed;
}

export interface CompletionScan {
  /** Index in the completion where an unmatched closer sits (cut there), or the text length. */
  cutAt: number;
  /** How many items of the given stack the completion closed, top first. */
  closedFromStack: number;
}

/** Scans a completion that continues a line whose open items are `stack`. */
export function scanCompletion(text: string, stack: readonly string[], lineComment: string): CompletionScan {
  const base = [...stack];
  const local: string[] = [];
  let closed = 0;
  let inComment = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      inComment = false;
      while (local.length > 0 && (local[local.length - 1] === '"' || local[local.length - 1] === "'")) local.pop();
      continue;
    }
    if (inComment) continue;
    const localTop = local[local.length - 1];
    const baseTop = base[base.length - 1];
    const quote = localTop !== undefined ? (QUOTES.has(localTop) ? localTop : undefined)
      : baseTop !== undefined && QUOTES.has(baseTop) ? baseTop : undefined;
    if (quote !== undefined) {
      if (ch === '\\') { i++; continue; }
      if (ch === quote) {
        if (local.length > 0) local.pop();
        else { base.pop(); closed++; }
      }
      continue;
    }
    if (startsLineComment(text, i, lineComment)) { inComment = true; continue; }
    if (QUOTES.has(ch) || OPEN_TO_CLOSE[ch]) { local.push(ch); continue; }
    if (!CLOSERS.has(ch)) continue;
    if (localTop !== undefined) {
      if (closerOf(localTop) === ch) { local.pop(); continue; }
      return { cutAt: i, closedFromStack: closed };
    }
    if (baseTop !== undefined && closerOf(baseTop) === ch) { base.pop(); closed++; continue; }
    return { cutAt: i, closedFromStack: closed };
  }
  return { cutAt: text.length, closedFromStack: closed };
}
