/**
 * A light Python tokenizer: names, strings (with prefixes and triple quotes), numbers and operators, each with its
 * 0-based position. Comments are dropped; newlines are not tokens. Enough to find calls and their keyword arguments
 * across lines; not a parser.
 */
export type TokenKind = 'name' | 'string' | 'number' | 'op';

export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const isNameStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0xc0;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNameChar = (c: number): boolean => isNameStart(c) || isDigit(c);
const STRING_PREFIX_START = new Set(['r', 'R', 'b', 'B', 'u', 'U', 'f', 'F', "'", '"']);
const TWO_CHAR_OPS = new Set(['**', '==', '!=', '<=', '>=', '->', ':=', '//', '<<', '>>', '+=', '-=', '*=', '/=']);

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 0;
  let col = 0;
  const advance = (n: number): void => {
    for (let k = 0; k < n && i < text.length; k++, i++) {
      if (text[i] === '\n') { line++; col = 0; } else col++;
    }
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n' || c === ' ' || c === '\t' || c === '\r' || c === '\f') { advance(1); continue; }
    if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) { advance(text[i + 1] === '\r' ? 3 : 2); continue; }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') advance(1);
      continue;
    }
    const startLine = line;
    const startCol = col;
    const start = i;
    const prefix = STRING_PREFIX_START.has(c) ? /^([rRbBuUfF]{1,2})?(['"])/.exec(text.slice(i, i + 3)) : null;
    if (prefix && (prefix[1] === undefined || /^(?:[rR][bBfF]?|[bBfF][rR]?|[uU])$/.test(prefix[1]))) {
      const q = prefix[2];
      const raw = /[rR]/.test(prefix[1] ?? '');
      advance(prefix[0].length);
      const triple = text.slice(i, i + 2) === q + q;
      if (triple) advance(2);
      const closer = triple ? q.repeat(3) : q;
      while (i < text.length) {
        if (text[i] === '\\' && !raw) { advance(2); continue; }
        if (text[i] === '\\' && raw) { advance(2); continue; }
        if (text.startsWith(closer, i)) { advance(closer.length); break; }
        if (!triple && text[i] === '\n') break; // unterminated single-line string
        advance(1);
      }
      out.push({ kind: 'string', text: text.slice(start, i), line: startLine, column: startCol, endLine: line, endColumn: col });
      continue;
    }
    if (isNameStart(text.charCodeAt(i))) {
      while (i < text.length && isNameChar(text.charCodeAt(i))) advance(1);
      out.push({ kind: 'name', text: text.slice(start, i), line: startLine, column: startCol, endLine: line, endColumn: col });
      continue;
    }
    if (isDigit(text.charCodeAt(i)) || (c === '.' && isDigit(text.charCodeAt(i + 1)))) {
      while (i < text.length && /[\w.]/.test(text[i])) advance(1);
      out.push({ kind: 'number', text: text.slice(start, i), line: startLine, column: startCol, endLine: line, endColumn: col });
      continue;
    }
    const two = text.slice(i, i + 2);
    advance(TWO_CHAR_OPS.has(two) ? 2 : 1);
    out.push({ kind: 'op', text: text.slice(start, i), line: startLine, column: startCol, endLine: line, endColumn: col });
  }
  return out;
}

/** The value of a simple string literal token (no f-string evaluation, escapes kept as written). */
export function stringValue(tok: Token): { value: string; quoteStart: number; quoteEnd: number } | undefined {
  const m = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(tok.text);
  if (!m) return undefined;
  const open = m[0].length;
  const close = tok.text.endsWith(m[2]) && tok.text.length >= open + m[2].length ? m[2].length : 0;
  return { value: tok.text.slice(open, tok.text.length - close), quoteStart: open, quoteEnd: close };
}
