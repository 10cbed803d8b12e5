/**
 * `target.host: local` / `--host local` through the CLI, exactly as `ascend-llm` runs them, on this machine with
 * the simulated host's shims on PATH (test/host/local-host.ts: no sshd anywhere): check-host, fetch-model (a job),
 * deploy (the server answers on its published loopback port directly, no forward), logs, stop,
 * and a local model folder that already is the host path is checked, not copied.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { command as checkHost } from '../../../src/cli/commands/check-host';
import { command as fetchModel } from '../../../src/cli/commands/fetch-model';
import { command as deploy } from '../../../src/cli/commands/deploy';
import { command as logs } from '../../../src/cli/commands/logs';
import { command as stop } from '../../../src/cli/commands/stop';
import { layOutLocalHost, type LocalSimHost } from '../../host/local-host';
import { freePort } from '../../support/ports';
import { collectingIo } from '../remote/fixture';

let h: LocalSimHost;
let env: NodeJS.ProcessEnv;
let port: number;
before(async () => {
  h = layOutLocalHost({ latency: { startupMs: 500 } });
  port = await freePort();
  // No ~/.ssh at all: a local target never reads it.
  env = { ...h.env, USER: 'local-test', ASCEND_LLM_HOSTS: JSON.stringify({ local: h.hostsEntry }) };
});
after(async () => { await h?.stop(); });

function descriptor(over: Record<string, unknown> = {}): string {
  const d = {
    version: 1, name: 'coder',
    target: { host: 'local', chip: '910B4', vllmAscend: 'v0.23.0' },
    model: { id: 'deepseek-ai/deepseek-coder-1.3b-base', source: 'modelscope', hostPath: `${h.home}/models/deepseek-coder-1.3b-base` },
    image: { tag: 'quay.io/ascend/vllm-ascend:v0.23.0' },
    runtime: { npus: [0, 1], shmSize: '1g', publish: { address: '127.0.0.1', port } },
    serve: { 'served-model-name': 'deepseek-coder', 'max-model-len': 4096, 'tensor-parallel-size': 2 },
    ...over,
  };
  const file = join(h.home, `ascend-deploy-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(d));
  return file;
}

test('check-host --host local checks this machine (the shims on PATH), with no SSH', { timeout: 60_000 }, async () => {
  const io = collectingIo(env, h.home);
  const code = await checkHost.run(['--host', 'local', '--json'], io);
  const report = JSON.parse(io.out) as { host: string; summary?: { npuCount: number; chip?: string }; findings: Array<{ status: string }> };
  assert.equal(report.host, 'local');
  assert.equal(report.summary?.npuCount, 8);
  assert.equal(report.summary?.chip, '910B4');
  assert.equal(code, report.findings.some((f) => f.status === 'fail') ? 1 : 0, io.err);
  assert.equal(existsSync(join(h.home, '.ssh')), false, 'nothing looked for ~/.ssh');
});

test('fetch-model, deploy, logs and stop with target.host: local; the model port is reached directly', { timeout: 120_000 }, async () => {
  const file = descriptor();
  const f = collectingIo(env, h.home);
  assert.equal(await fetchModel.run(['--descriptor', file], f), 0, f.err);
  const io = collectingIo(env, h.home);
  assert.equal(await deploy.run(['--descriptor', file, '--json'], io), 0, io.err);
  assert.equal((JSON.parse(io.out) as { status: string }).status, 'succeeded');
  const record = JSON.parse(readFileSync(join(h.home, '.ascend-llm', 'deployments', 'coder.json'), 'utf8')) as { hostPort: number; container: string };
  assert.equal(record.hostPort, port);
  const models = await (await fetch(`http://127.0.0.1:${port}/v1/models`)).json() as { data: Array<{ id: string }> };
  assert.ok(models.data.some((m) => m.id === 'deepseek-coder'));
  const jobs = join(h.home, '.ascend-llm', 'jobs');
  assert.ok(existsSync(jobs), 'the download ran as a detached job in ~/.ascend-llm/jobs');
  const l = collectingIo(env, h.home);
  assert.equal(await logs.run(['--descriptor', file, '--tail', '20'], l), 0, l.err);
  assert.ok(l.out.length > 0);
  const s = collectingIo(env, h.home);
  assert.equal(await stop.run(['--descriptor', file], s), 0, s.err);
  await assert.rejects(fetch(`http://127.0.0.1:${port}/v1/models`));
});

test('model.source: upload from the host path itself: checked in place, nothing copied', { timeout: 60_000 }, async () => {
  const dir = join(h.home, 'models', 'deepseek-coder-1.3b-base');
  const file = descriptor({ model: { id: 'deepseek-ai/deepseek-coder-1.3b-base', source: 'upload', localPath: dir, hostPath: dir } });
  const io = collectingIo(env, h.home);
  assert.equal(await fetchModel.run(['--descriptor', file, '--json'], io), 0, io.err);
  assert.equal((JSON.parse(io.out) as { status: string }).status, 'skipped');
  assert.equal(existsSync(join(dir, '.ascend-llm-manifest.json')), false, 'no upload manifest: nothing was synced');
  // Below model.uploadRoot (default ~/models), where an upload may write.
  const empty = join(h.home, 'models', 'empty-model');
  mkdirSync(empty, { recursive: true });
  const other = descriptor({ model: { id: 'deepseek-ai/deepseek-coder-1.3b-base', source: 'upload', localPath: empty, hostPath: empty } });
  const bad = collectingIo(env, h.home);
  assert.equal(await fetchModel.run(['--descriptor', other], bad), 1);
  assert.match(bad.out, /incomplete/);
});
