// The knowledge the code relies on lives in docs/: no file cites a document outside the repository (the shared
// reference folder, "issue N", bare contracts.md / ascend-facts.md), and every cited docs/ page and section exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../../..');
const SCANNED = ['src', 'test', 'scripts', 'webview', 'eslint.config.mjs', 'schemas/README.md'];
const SKIPPED = [join('test', 'fixtures')];

function files(p: string, out: string[] = []): string[] {
  const abs = join(root, p);
  if (!existsSync(abs) || SKIPPED.includes(p)) return out;
  if (statSync(abs).isFile()) {
    if (/\.(ts|mjs|js|md|sh|json)$/.test(p)) out.push(p);
    return out;
  }
  for (const e of readdirSync(abs)) files(join(p, e), out);
  return out;
}

const OUTSIDE = [
  /(?<!docs\/)\b(contracts|ascend-facts|design|testing-here|editor-anchors|completion-anchors)\.md\b/,
  /(?<![\w/-])style\.md\b/,
  /shared\/reference/,
  /\b[Ii]ssue \d+\b/,
];

const all = SCANNED.flatMap((p) => files(p)).filter((f) => f !== relative(root, __filename));

test('no file cites a document outside the repository', () => {
  const bad: string[] = [];
  for (const f of all) {
    readFileSync(join(root, f), 'utf8').split('\n').forEach((line, i) => {
      if (OUTSIDE.some((re) => re.test(line))) bad.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  assert.deepEqual(bad, []);
});

test('every docs/ page and section that a file cites exists', () => {
  const missing: string[] = [];
  const cite = /(?<![\w/])docs\/([\w.-]+\.md)(?: §(\d+))?/g;
  for (const f of all) {
    const text = readFileSync(join(root, f), 'utf8');
    for (const m of text.matchAll(cite)) {
      const page = join(root, 'docs', m[1]);
      if (!existsSync(page)) { missing.push(`${f}: docs/${m[1]}`); continue; }
      if (m[2] && !new RegExp(`^## §${m[2]}\\.`, 'm').test(readFileSync(page, 'utf8'))) missing.push(`${f}: docs/${m[1]} §${m[2]}`);
    }
  }
  assert.deepEqual([...new Set(missing)], []);
});
