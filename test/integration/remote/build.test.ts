/**
 * build: the context is synced over SFTP (respecting .dockerignore), docker build runs as a detached job and
 * survives our connection dropping mid-build (the runner re-attaches through the pool), an unchanged context
 * with the image present is skipped, and a changed file uploads only that file.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { command as build } from '../../../src/cli/commands/build';
import { runBuild } from '../../../src/core/remote/index';
import { loadDescriptor } from '../../../src/core/descriptor/index';
import { collectingIo, sandbox, type Sandbox } from './fixture';

let s: Sandbox;
let file: string;
before(async () => {
  s = await sandbox();
  const ctx = join(s.home, 'image');
  mkdirSync(join(ctx, 'cache'), { recursive: true });
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM quay.io/ascend/vllm-ascend:v0.23.0\nRUN echo one\nRUN echo two\nRUN echo three\nCOPY app.py /workspace/app.py\n');
  writeFileSync(join(ctx, 'app.py'), 'print("v1")\n');
  writeFileSync(join(ctx, 'cache', 'huge.bin'), 'x'.repeat(1000));
  writeFileSync(join(ctx, '.dockerignore'), 'cache\n');
  file = s.descriptor({ image: { tag: 'ascend-llm/coder:v1', dockerfile: './image/Dockerfile' } });
});
after(async () => { await s?.done(); });

const remoteCtx = (): string => join(s.sim.home, '.ascend-llm', 'contexts', 'coder');

test('first build: synced context (no ignored files), build job survives a dropped connection', { timeout: 60_000 }, async () => {
  const d = await loadDescriptor(readFileSync(file, 'utf8'), file);
  let dropped = false;
  const logs: string[] = [];
  const outcome = await runBuild(s.ctx({
    log: (_l, m) => logs.push(m),
    onOutput: () => {
      if (dropped) return;
      dropped = true;
      void s.pool.get(s.sim.alias).then((c) => c.end()); // cut our SSH connection mid-build
    },
  }), d, { descriptorDir: s.home });
  assert.equal(outcome.status, 'succeeded', outcome.message);
  assert.ok(dropped);
  assert.equal(readFileSync(join(remoteCtx(), 'app.py'), 'utf8'), 'print("v1")\n');
  assert.equal(existsSync(join(remoteCtx(), 'cache')), false, '.dockerignore respected');
  assert.ok(logs.some((l) => /2 uploaded|3 uploaded/.test(l)), logs.join('\n'));
});

test('unchanged context and image present: skipped; one changed file: only it is uploaded', { timeout: 60_000 }, async () => {
  const io = collectingIo(s.env, s.home);
  assert.equal(await build.run(['--descriptor', file, '--json'], io), 0, io.err);
  assert.equal(JSON.parse(io.out).status, 'skipped');
  writeFileSync(join(s.home, 'image', 'app.py'), 'print("v2")\n');
  const again = collectingIo(s.env, s.home);
  assert.equal(await build.run(['--descriptor', file], again), 0, again.err);
  assert.match(again.err, /1 uploaded, 0 removed, 2 unchanged/);
  assert.match(again.out, /Successfully tagged/);
  assert.equal(readFileSync(join(remoteCtx(), 'app.py'), 'utf8'), 'print("v2")\n');
});

test('image.base only: pulled unless present', { timeout: 60_000 }, async () => {
  const f = s.descriptor({ image: { tag: 'quay.io/ascend/vllm-ascend:v0.23.0', base: 'quay.io/ascend/vllm-ascend:v0.23.0' } });
  const io = collectingIo(s.env, s.home);
  assert.equal(await build.run(['--descriptor', f, '--json'], io), 0, io.err);
  assert.equal(JSON.parse(io.out).status, 'skipped');
});
