/**
 * Per-line suppression comments:
 *   key: value  # ascend-llm-disable-line ASC122        (this line; several codes: ASC122,ASC123 or spaces)
 *   # ascend-llm-disable-next-line ASC110                (the next line)
 *   # ascend-llm-disable-file ASC181                     (the whole file)
 * Without codes, every finding on that line (or file) is suppressed.
 */
import type { Finding } from '../diagnostics';

const DIRECTIVE = /#\s*ascend-llm-disable-(line|next-line|file)\b([^#\n]*)/;

export interface Suppressions {
  /** line → codes ('*' = all). */
  lines: Map<number, Set<string>>;
  file: Set<string>;
}

function codesOf(rest: string): Set<string> {
  const codes = rest.match(/[A-Z]+\d+/g);
  return new Set(codes && codes.length ? codes : ['*']);
}

export function readSuppressions(text: string): Suppressions {
  const lines = new Map<number, Set<string>>();
  const file = new Set<string>();
  if (!text.includes('ascend-llm-disable')) return { lines, file };
  const all = text.split('\n');
  for (let i = 0; i < all.length; i++) {
    const m = DIRECTIVE.exec(all[i]);
    if (!m) continue;
    const codes = codesOf(m[2]);
    if (m[1] === 'file') { for (const c of codes) file.add(c); continue; }
    const line = m[1] === 'line' ? i : i + 1;
    const set = lines.get(line) ?? new Set<string>();
    for (const c of codes) set.add(c);
    lines.set(line, set);
  }
  return { lines, file };
}

export function applySuppressions(findings: Finding[], text: string): Finding[] {
  const s = readSuppressions(text);
  if (!s.lines.size && !s.file.size) return findings;
  return findings.filter((f) => {
    if (s.file.has('*') || s.file.has(f.code)) return false;
    const set = s.lines.get(f.range.startLine);
    return !(set && (set.has('*') || set.has(f.code)));
  });
}
