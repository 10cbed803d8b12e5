import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quoteOne, shellQuote } from '../../../src/core/host-command/quote';
import { HOSTILE_VALUES } from './hostile-values';

/** Runs a line with a real POSIX sh; every argument is printed NUL-terminated so we can compare bytes. */
function runSh(line: string, cwd: string): { args: string[]; status: number | null } {
  const r = spawnSync('sh', ['-c', line], { cwd, encoding: 'utf8' });
  const args = r.stdout.split('\0');
  args.pop();
  return { args, status: r.status };
}

test('each hostile value reaches the program intact through a real sh -c, and nothing runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quote-'));
  try {
    for (const v of HOSTILE_VALUES) {
      const marker = join(dir, 'pwned');
      const value = v.replaceAll('/tmp/pwned', marker);
      const r = runSh(shellQuote(['printf', '%s\\0', value]), dir);
      assert.equal(r.status, 0, `sh failed for ${JSON.stringify(value)}`);
      assert.deepEqual(r.args, [value]);
      assert.equal(existsSync(marker), false, `marker created by ${JSON.stringify(value)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('all hostile values at once keep their count and order (no word splitting, no globbing)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quote-'));
  try {
    const r = runSh(shellQuote(['printf', '%s\\0', ...HOSTILE_VALUES]), dir);
    assert.deepEqual(r.args, HOSTILE_VALUES);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the quoting is plain single quotes with the \'\\\'\' escape', () => {
  assert.equal(shellQuote(['echo', "it's"]), `'echo' 'it'\\''s'`);
  assert.equal(quoteOne(''), `''`);
});

test('a NUL byte is refused rather than truncated', () => {
  assert.throws(() => shellQuote(['a\0b']), /NUL/);
});

