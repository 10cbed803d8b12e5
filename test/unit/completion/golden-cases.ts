/** Reads the golden post-processing cases of test/fixtures/completion/*.golden.txt (format in its README.md). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'completion');
export const CURSOR = '\u2502';

export interface GoldenCase {
  file: string;
  name: string;
  language: string;
  expectMode?: string;
  crlf: boolean;
  before: string;
  model: string;
  after: string | null;
}

function section(lines: string[], start: number): { text: string; next: number } {
  const out: string[] = [];
  let i = start;
  while (i < lines.length && !lines[i].startsWith('--- ') && !lines[i].startsWith('=== ')) out.push(lines[i++]);
  return { text: out.join('\n'), next: i };
}

export function loadGoldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.golden.txt')).sort()) {
    const raw = readFileSync(join(FIXTURES, file), 'utf8');
    const lines = raw.replace(/\n$/, '').split('\n');
    let i = 0;
    while (i < lines.length) {
      if (!lines[i].startsWith('=== ')) throw new Error(`${file}:${i + 1}: expected "=== name"`);
      const c: GoldenCase = { file, name: lines[i].slice(4), language: '', crlf: false, before: '', model: '', after: null };
      i++;
      while (i < lines.length && !lines[i].startsWith('--- ')) {
        const m = /^([a-z-]+):\s*(.*)$/.exec(lines[i]);
        if (!m) throw new Error(`${file}:${i + 1}: bad header line`);
        if (m[1] === 'language') c.language = m[2];
        else if (m[1] === 'expect-mode') c.expectMode = m[2];
        else if (m[1] === 'crlf') c.crlf = m[2] === 'true';
        i++;
      }
      while (i < lines.length && lines[i].startsWith('--- ')) {
        const kind = lines[i].slice(4).trim();
        const s = section(lines, i + 1);
        i = s.next;
        if (kind === 'before') c.before = s.text;
        else if (kind === 'model') c.model = s.text;
        else if (kind === 'model-json') c.model = JSON.parse(s.text) as string;
        else if (kind === 'after') c.after = s.text === '(none)' ? null : s.text;
        else throw new Error(`${file}: unknown section ${kind}`);
      }
      if (!c.language || !c.before.includes(CURSOR)) throw new Error(`${file}: case "${c.name}" lacks language or cursor`);
      cases.push(c);
    }
  }
  return cases;
}
