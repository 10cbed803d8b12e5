/**
 * Uploads against the simulated host (real sshd with the real sftp-server): `model.source: upload` sends a
 * local folder over SFTP, incrementally, with progress and cancel, never following symlinks out of the folder
 * and never letting a file name reach a shell; `image.tarball` is uploaded and `docker load`ed; and an sshd
 * without the sftp subsystem still gets a build context, over plain exec.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { command as fetchModel } from '../../../src/cli/commands/fetch-model';
import { command as build } from '../../../src/cli/commands/build';
import { runBuild, runFetchModel } from '../../../src/core/remote/index';
import { loadDescriptor } from '../../../src/core/descriptor/index';
import { collectingIo, sandbox, type Sandbox } from './fixture';

const HOSTILE = "x'; touch pwned; '$(touch pwned2)`touch pwned3`";
const SHARDS = ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors'];

let s: Sandbox;
before(async () => { s = await sandbox(); });
after(async () => { await s?.done(); });

/** A small but complete model folder: config.json, the index, two shards (one of `bigMb`). */
function writeModel(dir: string, bigMb = 2): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ architectures: ['LlamaForCausalLM'], model_type: 'llama' }));
  writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: {}, weight_map: { 'a.weight': SHARDS[0], 'b.weight': SHARDS[1] } }));
  writeFileSync(join(dir, SHARDS[0]), Buffer.alloc(bigMb * 1024 * 1024, 7));
  writeFileSync(join(dir, SHARDS[1]), 'shard two');
}

const uploadDescriptor = (local: string, hostDir: string): string =>
  s.descriptor({ model: { source: 'upload', localPath: local, hostPath: join(s.sim.home, 'models', hostDir) } });

test('upload over SFTP: progress, odd names stay names, symlinks out of the folder stay home; re-run skips; one change sends one file', { timeout: 60_000 }, async () => {
  const local = join(s.home, 'weights', 'coder');
  writeModel(local);
  writeFileSync(join(local, HOSTILE), 'just a file');
  writeFileSync(join(s.home, 'weights', 'secret.txt'), 'do not upload');
  symlinkSync('../secret.txt', join(local, 'leak.txt'));
  const file = uploadDescriptor('./weights/coder', 'coder');
  const hostDir = join(s.sim.home, 'models', 'coder');

  const io = collectingIo(s.env, s.home);
  assert.equal(await fetchModel.run(['--descriptor', file, '--json'], io), 0, io.err);
  const out = JSON.parse(io.out) as { status: string; message: string };
  assert.equal(out.status, 'succeeded', out.message);
  assert.match(io.err, /Uploading coder: .* of .*\/s\)/, 'progress on stderr');
  assert.match(io.err, /Model folder synced to .* \(sftp\): 5 uploaded, 0 removed, 0 unchanged/);
  assert.match(io.err, /warn: Not uploaded: symbolic links .*leak\.txt/);
  for (const f of ['config.json', 'model.safetensors.index.json', ...SHARDS, HOSTILE]) {
    assert.deepEqual(readFileSync(join(hostDir, f)), readFileSync(join(local, f)), f);
  }
  assert.equal(existsSync(join(hostDir, 'leak.txt')), false);
  assert.equal(readdirSync(s.sim.home).filter((n) => n.startsWith('pwned')).length, 0, 'a file name never ran');
  assert.equal(readdirSync(hostDir).some((n) => n.endsWith('.ascend-llm-part')), false);
  assert.match(readFileSync(s.sim.sshdLogPath, 'utf8'), /Starting session: subsystem 'sftp' for /, 'the bytes went over SFTP');

  const again = collectingIo(s.env, s.home);
  assert.equal(await fetchModel.run(['--descriptor', file, '--json'], again), 0, again.err);
  assert.equal(JSON.parse(again.out).status, 'skipped');

  writeFileSync(join(local, SHARDS[1]), 'shard two, fine-tuned');
  const changed = collectingIo(s.env, s.home);
  assert.equal(await fetchModel.run(['--descriptor', file], changed), 0, changed.err);
  assert.match(changed.err, /1 uploaded, 0 removed, 4 unchanged/);
  assert.equal(readFileSync(join(hostDir, SHARDS[1]), 'utf8'), 'shard two, fine-tuned');

  truncateSync(join(hostDir, SHARDS[0]), 10); // damaged on the host since the last upload
  const healed = collectingIo(s.env, s.home);
  assert.equal(await fetchModel.run(['--descriptor', file], healed), 0, healed.err);
  assert.match(healed.err, /1 uploaded, 0 removed, 4 unchanged/);
  assert.equal(statSync(join(hostDir, SHARDS[0])).size, 2 * 1024 * 1024);
});

test('an incomplete local folder uploads nothing; verified weights we did not upload are kept as they are', { timeout: 60_000 }, async () => {
  const mine = join(s.home, 'mine');
  writeModel(mine);
  writeFileSync(join(mine, SHARDS[1]), 'changed locally');
  const placed = join(s.sim.home, 'models', 'placed');
  writeModel(placed); // put there by someone else: no manifest of ours
  const kept = collectingIo(s.env, s.home);
  assert.equal(await fetchModel.run(['--descriptor', uploadDescriptor('mine', 'placed'), '--json'], kept), 0, kept.err);
  assert.equal(JSON.parse(kept.out).status, 'skipped');
  assert.equal(readFileSync(join(placed, SHARDS[1]), 'utf8'), 'shard two');

  const broken = join(s.home, 'broken');
  writeModel(broken);
  execFileSync('rm', [join(broken, SHARDS[1])]);
  const bad = collectingIo(s.env, s.home);
  assert.equal(await fetchModel.run(['--descriptor', uploadDescriptor('broken', 'broken'), '--json'], bad), 1);
  assert.match(JSON.parse(bad.out).message, /not a complete model, so nothing was uploaded: .*model-00002-of-00002/);
  assert.equal(existsSync(join(s.sim.home, 'models', 'broken')), false);

  const none = collectingIo(s.env, s.home);
  const noLocal = s.descriptor({ model: { source: 'upload', hostPath: join(s.sim.home, 'models', 'nolocal') } });
  assert.equal(await fetchModel.run(['--descriptor', noLocal], none), 1);
  assert.match(none.err, /model\.localPath is required/);
});

test('cancel mid-upload: no half file under its real name, and the next run sends only the rest', { timeout: 60_000 }, async () => {
  const local = join(s.home, 'big');
  writeModel(local, 48);
  const file = uploadDescriptor('big', 'big');
  const d = await loadDescriptor(readFileSync(file, 'utf8'), file);
  const hostDir = join(s.sim.home, 'models', 'big');
  // Cancel once the 48 MiB shard is on its way and config.json is done (files may go one by one or several
  // at once; either way the small ones finish first).
  const part = join(hostDir, `.${SHARDS[0]}.ascend-llm-part`);
  const abort = new AbortController();
  let partSeen = 0;
  const watch = setInterval(() => {
    try {
      partSeen = statSync(part).size;
      if (partSeen > 0 && existsSync(join(hostDir, 'config.json'))) abort.abort();
    } catch { /* not yet */ }
  }, 2);
  const fractions: number[] = [];
  const outcome = await runFetchModel(s.ctx({ signal: abort.signal }), d, { onProgress: (_m, f) => { if (f !== undefined) fractions.push(f); } }).finally(() => clearInterval(watch));
  assert.equal(outcome.status, 'cancelled', outcome.message);
  assert.ok(partSeen > 0 && fractions.length > 0 && fractions.every((f) => f < 1), `cancelled mid-shard (${partSeen} bytes, ${fractions.join(',')})`);
  assert.equal(existsSync(join(hostDir, SHARDS[0])), false, 'never a truncated shard under its name');
  assert.equal(readdirSync(hostDir).some((n) => n.endsWith('.ascend-llm-part')), false, 'temporary file removed');
  assert.ok(existsSync(join(hostDir, 'config.json')), 'a file finished before the cancel stays');

  const logs: string[] = [];
  const done = await runFetchModel(s.ctx({ log: (_l, m) => logs.push(m) }), d, {});
  assert.equal(done.status, 'succeeded', done.message);
  assert.equal(statSync(join(hostDir, SHARDS[0])).size, 48 * 1024 * 1024);
  const synced = logs.map((l) => /synced .*: (\d+) uploaded, 0 removed, (\d+) unchanged/.exec(l)).find(Boolean);
  assert.ok(synced, logs.join('\n'));
  const [sent, kept] = [Number(synced[1]), Number(synced[2])];
  assert.ok(sent >= 1 && kept >= 1 && sent + kept === 4, `only the rest is sent: ${synced[0]}`);
});

/** A `docker save`-shaped archive: manifest.json naming `tags`. */
function imageTar(name: string, tags: string[]): string {
  const dir = join(s.home, `img-${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify([{ Config: `${'ab'.repeat(32)}.json`, RepoTags: tags, Layers: ['l/layer.tar'] }]));
  writeFileSync(join(dir, `${'ab'.repeat(32)}.json`), '{}');
  mkdirSync(join(dir, 'l'), { recursive: true });
  writeFileSync(join(dir, 'l', 'layer.tar'), Buffer.alloc(4096));
  const tar = join(s.home, `${name}.tar`);
  execFileSync('tar', ['-cf', tar, '-C', dir, '.']);
  return tar;
}

test('image.tarball: uploaded, docker load-ed, tag verified; present tag skips; wrong tag and non-images fail clearly', { timeout: 60_000 }, async () => {
  imageTar('offline', ['ascend-llm/offline:v1']);
  const file = s.descriptor({ image: { tag: 'ascend-llm/offline:v1', tarball: './offline.tar' } });
  const io = collectingIo(s.env, s.home);
  assert.equal(await build.run(['--descriptor', file], io), 0, io.err);
  assert.match(io.out, /^Loaded image: ascend-llm\/offline:v1$/m);
  assert.match(io.out, /Loaded image ascend-llm\/offline:v1 on kunpeng-01/);
  assert.ok(existsSync(join(s.sim.home, '.ascend-llm', 'images', 'coder', 'image.tar')));
  const again = collectingIo(s.env, s.home);
  assert.equal(await build.run(['--descriptor', file, '--json'], again), 0, again.err);
  assert.equal(JSON.parse(again.out).status, 'skipped');

  imageTar('other', ['ascend-llm/other:v9']);
  const load = async (over: Record<string, unknown>): Promise<Awaited<ReturnType<typeof runBuild>> & { out: string }> => {
    const f = s.descriptor({ image: over });
    let out = '';
    const outcome = await runBuild(s.ctx({ onOutput: (x) => { out += x; } }), await loadDescriptor(readFileSync(f, 'utf8'), f), { descriptorDir: s.home });
    return { ...outcome, out };
  };
  const wrong = await load({ tag: 'ascend-llm/wanted:v1', tarball: 'other.tar' });
  assert.equal(wrong.status, 'failed');
  assert.match(wrong.message, /holds ascend-llm\/other:v9, not image\.tag ascend-llm\/wanted:v1/);

  writeFileSync(join(s.home, 'notes.tar'), 'x'.repeat(2000));
  const junk = await load({ tag: 'ascend-llm/junk:v1', tarball: 'notes.tar' });
  assert.equal(junk.status, 'failed');
  assert.match(junk.out, /Error processing tar file\(exit status 1\): archive\/tar: invalid tar header/);
});

test('no sftp subsystem: the build context still syncs, over exec', { timeout: 60_000 }, async () => {
  const plain = await sandbox({ sftp: false });
  try {
    const ctxDir = join(plain.home, 'image');
    mkdirSync(ctxDir, { recursive: true });
    writeFileSync(join(ctxDir, 'Dockerfile'), 'FROM quay.io/ascend/vllm-ascend:v0.23.0\nCOPY app.py /workspace/app.py\n');
    writeFileSync(join(ctxDir, 'app.py'), `print("${'v'.repeat(200_000)}")\n`);
    const file = plain.descriptor({ image: { tag: 'ascend-llm/coder:exec', dockerfile: './image/Dockerfile' } });
    const d = await loadDescriptor(readFileSync(file, 'utf8'), file);
    const logs: string[] = [];
    const outcome = await runBuild(plain.ctx({ log: (_l, m) => logs.push(m) }), d, { descriptorDir: plain.home });
    assert.equal(outcome.status, 'succeeded', outcome.message);
    assert.ok(logs.some((l) => /SFTP is not available on kunpeng-01/.test(l)), logs.join('\n'));
    const remote = join(plain.sim.home, '.ascend-llm', 'contexts', 'coder');
    assert.deepEqual(readFileSync(join(remote, 'app.py')), readFileSync(join(ctxDir, 'app.py')));
    const sshdLog = readFileSync(plain.sim.sshdLogPath, 'utf8');
    assert.match(sshdLog, /subsystem request for sftp by user \S+ failed, subsystem not found/);
    assert.doesNotMatch(sshdLog, /Starting session: subsystem 'sftp'/);
    const again = await runBuild(plain.ctx(), d, { descriptorDir: plain.home });
    assert.equal(again.status, 'skipped', again.message);
  } finally {
    await plain.done();
  }
});
