/**
 * The one suppression of findings, for every file kind we check (YAML, Dockerfiles, scripts and Python all use `#`
 * comments), applied once by analyze-file.ts:
 *   `# ascend-llm-disable-next-line ASC511 ASC512` on the line above (no codes = every rule), or
 *   `… # ascend-llm-disable-line ASC511,ASC512` at the end of the line itself, or
 *   `# ascend-llm-disable-file ASC501` anywhere (the whole file).
 * Codes are case-insensitive; other words after the directive (a reason) are ignored. A next-line directive above a
 * line continued with a trailing backslash covers the whole continued line.
 */
import type { Finding, TextEdit } from '../diagnostics';

const DIRECTIVE = /#\s*ascend-llm-disable-(next-line|line|file)\b([^#\n]*)/;
const FILE = -1;

interface Suppression {
  all: boolean;
  codes: Set<string>;
}

function parseCodes(rest: string): Suppression {
  const codes = rest.split(/[\s,]+/).map((s) => s.trim().toUpperCase()).filter((s) => /^[A-Z]+\d+$/.test(s));
  return { all: codes.length === 0, codes: new Set(codes) };
}

function add(map: Map<number, Suppression[]>, line: number, s: Suppression): void {
  const list = map.get(line);
  if (list) list.push(s);
  else map.set(line, [s]);
}

export function suppressionsOf(text: string): Map<number, Suppression[]> {
  const map = new Map<number, Suppression[]>();
  if (!text.includes('ascend-llm-disable')) return map;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]);
    if (!m) continue;
    const s = parseCodes(m[2]);
    if (m[1] === 'file') {
      add(map, FILE, s);
      continue;
    }
    if (m[1] === 'line') {
      add(map, i, s);
      continue;
    }
    let j = i + 1;
    add(map, j, s);
    while (j < lines.length && /\\\s*$/.test(lines[j])) add(map, ++j, s);
  }
  return map;
}

export function applySuppressions(text: string, findings: Finding[]): Finding[] {
  const map = suppressionsOf(text);
  if (map.size === 0) return findings;
  const matches = (line: number, code: string): boolean => (map.get(line) ?? []).some((s) => s.all || s.codes.has(code));
  return findings.filter((f) => !matches(f.range.startLine, f.code) && !matches(FILE, f.code));
}

/** The edit that suppresses `code` on `line`: a next-line directive above the (possibly continued) command. */
export function suppressionEdit(text: string, line: number, code: string): TextEdit {
  const lines = text.split(/\r?\n/);
  let target = Math.min(line, lines.length - 1);
  while (target > 0 && /\\\s*$/.test(lines[target - 1])) target--;
  const indent = /^\s*/.exec(lines[target] ?? '')?.[0] ?? '';
  const above = lines[target - 1];
  const existing = above !== undefined ? DIRECTIVE.exec(above) : null;
  if (existing && existing[1] === 'next-line' && above !== undefined) {
    const end = above.length;
    return { range: { startLine: target - 1, startColumn: end, endLine: target - 1, endColumn: end }, newText: ` ${code}` };
  }
  return { range: { startLine: target, startColumn: 0, endLine: target, endColumn: 0 }, newText: `${indent}# ascend-llm-disable-next-line ${code}\n` };
}
