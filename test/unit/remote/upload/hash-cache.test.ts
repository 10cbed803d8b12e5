// The process-wide hash cache of context-sync.ts never serves a stale hash (its speed-up is measured by
// test/bench/remote/resync.bench.ts).
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { forgetLocalHashes, hashContext, loadHashCache, saveHashCache } from '../../../../src/core/remote/upload/context-sync';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Moves the clock the hash cache reads 3 s ahead of the files' change times (past its 2 s racy window). */
function clockPastRacyWindow(t: { after(fn: () => void): void }): void {
  mock.timers.enable({ apis: ['Date'], now: Date.now() + 3000 });
  t.after(() => mock.timers.reset());
}

test('remembered hashes: a changed file with the same size and a restored mtime is hashed again, and so is a file changed in the last 2 s', async (t) => {
  forgetLocalHashes();
  const dir = mkdtempSync(join(tmpdir(), 'hash-cache-'));
  try {
    const f = join(dir, 'a.txt');
    writeFileSync(f, 'one');
    const old = new Date(Date.now() - 60_000);
    utimesSync(f, old, old);
    // ctime is now: a file whose ctime is fresh is never remembered (racily clean), so let the clock pass it.
    clockPastRacyWindow(t);
    assert.equal((await hashContext(dir)).get('a.txt'), sha('one'));
    writeFileSync(f, 'two');
    utimesSync(f, old, old); // mtime and size as before; ctime moved
    assert.equal((await hashContext(dir)).get('a.txt'), sha('two'), 'ctime changed: hashed again');
    // A file changed less than 2 s ago is hashed every time.
    mock.timers.reset();
    writeFileSync(f, 'thr');
    assert.equal((await hashContext(dir)).get('a.txt'), sha('thr'));
    writeFileSync(f, 'fou');
    assert.equal((await hashContext(dir)).get('a.txt'), sha('fou'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('saved hashes are loaded by the next process and used without reading the file while its stat key holds', async (t) => {
  forgetLocalHashes();
  const dir = mkdtempSync(join(tmpdir(), 'hash-cache-'));
  try {
    const f = join(dir, 'a.txt');
    writeFileSync(f, 'one');
    clockPastRacyWindow(t); // older than the racy window, so it is remembered
    assert.equal((await hashContext(dir)).get('a.txt'), sha('one'));
    const file = join(dir, 'cache', 'file-hashes.json');
    await saveHashCache(file);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    // A new process: nothing in memory until the file is loaded. Plant a marker hash for the same stat key: if it
    // comes back, the file was not read (the cache answered).
    forgetLocalHashes();
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { version: number; entries: Record<string, [string, string]> };
    const [key] = saved.entries[f];
    const marker = 'f'.repeat(64);
    writeFileSync(file, JSON.stringify({ version: 1, entries: { [f]: [key, marker] } }));
    await loadHashCache(file);
    assert.equal((await hashContext(dir)).get('a.txt'), marker);
    // Touching the file changes its key: read again, the marker is gone.
    writeFileSync(f, 'one');
    assert.equal((await hashContext(dir)).get('a.txt'), sha('one'));
    // A damaged cache file is ignored.
    forgetLocalHashes();
    writeFileSync(file, '{not json');
    await loadHashCache(file);
    assert.equal((await hashContext(dir)).get('a.txt'), sha('one'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
