/**
 * The local half of the uploads: which manifest entries are still trusted given what the host has, the
 * host's file listing, symlink handling of a model folder, and the progress lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRemoteSizes, planContextSync, trustedManifest } from '../../../../src/core/remote/upload/context-sync-plan';
import { scanFile, scanTree } from '../../../../src/core/remote/upload/context-sync';
import { partName } from '../../../../src/core/remote/upload/context-store';
import { byteMeter, formatBytes } from '../../../../src/core/remote/upload/transfer-progress';
import { CancelledError } from '../../../../src/core/host-command/host-errors';

const H = (c: string): string => c.repeat(64);

test('a manifest entry counts only while the host has the file at the local size', () => {
  const manifest = new Map([['a.safetensors', H('1')], ['b.safetensors', H('2')], ['config.json', H('3')], ['gone.txt', H('4')], ['old.txt', H('5')]]);
  const remote = new Map([['a.safetensors', 100], ['b.safetensors', 40], ['config.json', 7], ['old.txt', 3]]);
  const local = new Map([['a.safetensors', 100], ['b.safetensors', 100], ['config.json', 7], ['gone.txt', 9]]);
  const trusted = trustedManifest(manifest, remote, local);
  // b was truncated on the host, gone.txt deleted there: both are sent again; old.txt (only on the host) stays listed for removal.
  assert.deepEqual([...trusted.keys()], ['a.safetensors', 'config.json', 'old.txt']);
  const localHashes = new Map([['a.safetensors', H('1')], ['b.safetensors', H('2')], ['config.json', H('3')], ['gone.txt', H('4')]]);
  assert.deepEqual(planContextSync(localHashes, trusted), { upload: ['b.safetensors', 'gone.txt'], remove: ['old.txt'], unchanged: 2 });
});

test('the host listing: NUL-separated "<size> <path>", odd names kept, escaping names dropped', () => {
  const text = '12 config.json\u00004096 sub/x y.bin\u00003 we\nird\u00005 ../escape\u0000garbage\u0000';
  assert.deepEqual(parseRemoteSizes(text), new Map([['config.json', 12], ['sub/x y.bin', 4096], ['we\nird', 3]]));
});

test('model folders: links to files inside are uploaded as those files; links leaving the folder, and folder links, are not', async () => {
  const base = mkdtempSync(join(tmpdir(), 'upl-'));
  try {
    const dir = join(base, 'model');
    mkdirSync(join(dir, 'blobs'), { recursive: true });
    writeFileSync(join(base, 'secret.txt'), 'outside');
    writeFileSync(join(dir, 'blobs', 'cfg'), '{}');
    writeFileSync(join(dir, '.ascend-llm-manifest.json'), '{}');
    symlinkSync(join(dir, 'blobs', 'cfg'), join(dir, 'config.json'));
    symlinkSync('../secret.txt', join(dir, 'leak.txt'));
    symlinkSync(base, join(dir, 'up'));
    symlinkSync(join(dir, 'missing'), join(dir, 'dangling'));
    const tree = await scanTree(dir, { symlinks: 'inside' });
    assert.deepEqual([...tree.files.keys()].sort(), ['blobs/cfg', 'config.json']);
    assert.equal(tree.files.get('config.json')?.abs, join(dir, 'blobs', 'cfg'));
    assert.deepEqual(tree.skipped.sort(), ['dangling', 'leak.txt', 'up']);
    const ctx = await scanTree(dir);
    assert.deepEqual([...ctx.files.keys()], ['blobs/cfg'], 'build contexts skip every symlink');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('hashing reports progress and stops on cancel', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'upl-'));
  try {
    writeFileSync(join(dir, 'big.bin'), Buffer.alloc(3 * 1024 * 1024, 1));
    const lines: string[] = [];
    const f = await scanFile(join(dir, 'big.bin'), { label: 'big.bin', onProgress: (m) => lines.push(m) });
    assert.equal(f.size, 3 * 1024 * 1024);
    assert.match(lines.at(-1) ?? '', /^Hashing big\.bin: 3\.0 MiB of 3\.0 MiB$/);
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(scanFile(join(dir, 'big.bin'), { signal: abort.signal }), CancelledError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('upload progress lines carry the fraction; byte formatting; temporary names are hidden siblings', () => {
  const seen: [string, number | undefined][] = [];
  const m = byteMeter((msg, f) => seen.push([msg, f]), 'w.safetensors', 2048, true, 0);
  m.add(1024);
  m.add(1024);
  assert.equal(seen.length, 2);
  assert.equal(seen[0][1], 0.5);
  assert.match(seen[1][0], /^Uploading w\.safetensors: 2\.0 KiB of 2\.0 KiB \(.+\/s\)$/);
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(13476839424), '13 GiB');
  assert.equal(partName('/data/m/model-00001.safetensors'), '/data/m/.model-00001.safetensors.ascend-llm-part');
});
