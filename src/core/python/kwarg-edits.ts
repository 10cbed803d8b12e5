/** Text edits on keyword arguments found by python-calls: rename, remove, move into another call. */
import type { Range, TextEdit } from '../diagnostics';
import type { Call, KeywordArg } from './python-calls';
import type { Token } from './python-tokens';

export function tokenRange(a: Token, b: Token = a): Range {
  return { startLine: a.line, startColumn: a.column, endLine: b.endLine, endColumn: b.endColumn };
}

export function valueText(arg: KeywordArg): string {
  if (arg.value.length === 0) return '';
  let s = arg.value[0].text;
  for (let i = 1; i < arg.value.length; i++) {
    const p = arg.value[i - 1];
    const c = arg.value[i];
    s += (p.endLine === c.line && p.endColumn === c.column ? '' : ' ') + c.text;
  }
  return s;
}

/** Removes `name=value` and one neighbouring comma, so the call stays valid. */
export function removeKeyword(arg: KeywordArg): TextEdit {
  const last = arg.value[arg.value.length - 1] ?? arg.name;
  if (arg.before.text === ',') {
    return { range: { startLine: arg.before.line, startColumn: arg.before.column, endLine: last.endLine, endColumn: last.endColumn }, newText: '' };
  }
  if (arg.after && arg.after.text === ',') {
    return { range: { startLine: arg.name.line, startColumn: arg.name.column, endLine: arg.after.endLine, endColumn: arg.after.endColumn }, newText: '' };
  }
  return { range: tokenRange(arg.name, last), newText: '' };
}

export function renameKeyword(arg: KeywordArg, newName: string): TextEdit {
  return { range: tokenRange(arg.name), newText: newName };
}

/** Adds `name=value` as the last argument of `call`. */
export function appendKeyword(call: Call, name: string, value: string): TextEdit | undefined {
  if (!call.close) return undefined;
  const lastArg = [...call.keywords.map((k) => k.value[k.value.length - 1] ?? k.name), ...call.positional.map((p) => p[p.length - 1])]
    .filter((t): t is Token => t !== undefined)
    .sort((a, b) => a.endLine - b.endLine || a.endColumn - b.endColumn)
    .pop();
  if (!lastArg) {
    return { range: { startLine: call.close.line, startColumn: call.close.column, endLine: call.close.line, endColumn: call.close.column }, newText: `${name}=${value}` };
  }
  return { range: { startLine: lastArg.endLine, startColumn: lastArg.endColumn, endLine: lastArg.endLine, endColumn: lastArg.endColumn }, newText: `, ${name}=${value}` };
}
