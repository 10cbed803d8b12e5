// Runs every *.test.ts under the given folders (default test/unit) with node's built-in test runner,
// loading TypeScript through tsx. Node 20's --test takes no globs, so we list the files here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir, out = []) {
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) find(p, out);
    else if (/\.test\.(ts|mjs)$/.test(e)) out.push(p);
  }
  return out;
}
const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/unit'];
const files = roots.flatMap((r) => (statSync(r, { throwIfNoEntry: false })?.isFile() ? [r] : find(r))).sort();
if (files.length === 0) { console.error('no unit test files found'); process.exit(1); }
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
