/** Shared shape of a rule that looks at one logical shell line (a script line or a Dockerfile RUN). */
import type { Finding, TextEdit } from '../diagnostics';
import { rangeOf, type LogicalLine } from './logical-lines';
import type { TargetVersion } from '../versions/target-version';

export interface CommandContext {
  target: TargetVersion;
  /** 'dockerfile' when the line comes from a Dockerfile instruction. */
  kind: 'shell' | 'dockerfile';
}

export type CommandRule = (line: LogicalLine, ctx: CommandContext) => Finding[];

export function editOf(line: LogicalLine, start: number, end: number, newText: string): TextEdit {
  return { range: rangeOf(line, start, end), newText };
}

/** Every match of a global regex in the line's text. */
export function matchesOf(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  let m: RegExpExecArray | null;
  while ((m = g.exec(text))) {
    out.push(m);
    if (m[0].length === 0) g.lastIndex++;
  }
  return out;
}

/** Deletes `[start, end)` together with the whitespace before it, so no double space is left. */
export function deletionOf(line: LogicalLine, start: number, end: number): TextEdit {
  let s = start;
  while (s > 0 && line.text[s - 1] === ' ') s--;
  return editOf(line, s, end, '');
}
