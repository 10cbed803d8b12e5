/** Finds calls `Name(...)` / `obj.name(...)` in Python tokens, with their positional and keyword arguments. */
import type { Token } from './python-tokens';

export interface KeywordArg {
  name: Token;
  /** Tokens of the value, up to the next top-level comma or the closing parenthesis. */
  value: Token[];
  /** Token after the value: ',' or ')'. */
  after: Token | undefined;
  /** Token before the keyword: '(' or ','. */
  before: Token;
}

export interface Call {
  /** The called name (last part of a dotted name). */
  callee: Token;
  open: Token;
  close: Token | undefined;
  positional: Token[][];
  keywords: KeywordArg[];
}

export function findCalls(tokens: Token[], names: ReadonlySet<string>): Call[] {
  const calls: Call[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.kind !== 'name' || !names.has(tok.text) || tokens[i + 1].text !== '(') continue;
    const prev = tokens[i - 1];
    if (prev && prev.kind === 'name' && (prev.text === 'def' || prev.text === 'class')) continue;
    calls.push(readCall(tokens, i));
  }
  return calls;
}

function readCall(tokens: Token[], calleeIndex: number): Call {
  const open = tokens[calleeIndex + 1];
  const call: Call = { callee: tokens[calleeIndex], open, close: undefined, positional: [], keywords: [] };
  let depth = 0;
  let argStart = calleeIndex + 2;
  for (let j = calleeIndex + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.kind === 'op' && '([{'.includes(t.text)) depth++;
    else if (t.kind === 'op' && ')]}'.includes(t.text)) {
      depth--;
      if (depth === 0) {
        addArg(call, tokens, argStart, j);
        call.close = t;
        return call;
      }
    } else if (depth === 1 && t.text === ',') {
      addArg(call, tokens, argStart, j);
      argStart = j + 1;
    }
  }
  addArg(call, tokens, argStart, tokens.length);
  return call;
}

function addArg(call: Call, tokens: Token[], start: number, end: number): void {
  if (start >= end) return;
  const first = tokens[start];
  if (first.text === '*' || first.text === '**') return;
  if (first.kind === 'name' && tokens[start + 1]?.text === '=' && start + 1 < end) {
    call.keywords.push({ name: first, value: tokens.slice(start + 2, end), after: tokens[end], before: tokens[start - 1] });
  } else {
    call.positional.push(tokens.slice(start, end));
  }
}
