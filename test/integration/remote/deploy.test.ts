/**
 * Deploy end to end against the simulated host: fresh deploy (record written, /v1/models through an SSH
 * forward lists the served name), a docker run missing its driver mounts (diagnosed, previous deployment
 * restored), a record without its run argv (the old container kept as -prev and started again), and a
 * redeploy with no free NPUs (stop-start after the downtime is confirmed, old one restored when the new one fails).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { command as deploy } from '../../../src/cli/commands/deploy';
import { command as fetchModel } from '../../../src/cli/commands/fetch-model';
import { command as stop } from '../../../src/cli/commands/stop';
import { command as logs } from '../../../src/cli/commands/logs';
import { readDeployment, runDeploy } from '../../../src/core/remote/index';
import { loadDescriptor } from '../../../src/core/descriptor/index';
import { startLocalForward } from '../../../src/core/ssh/port-forward';
import { collectingIo, hostContainers, sandbox, type Sandbox } from './fixture';

let s: Sandbox;
before(async () => { s = await sandbox(); });
after(async () => { await s?.done(); });

const record = (name = 'coder'): Record<string, unknown> => JSON.parse(readFileSync(join(s.sim.home, '.ascend-llm', 'deployments', `${name}.json`), 'utf8')) as Record<string, unknown>;

function httpGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

test('fetch-model downloads and verifies, then skips the second time', { timeout: 60_000 }, async () => {
  const file = s.descriptor();
  const io = collectingIo(s.env, s.home);
  assert.equal(await fetchModel.run(['--descriptor', file], io), 0, io.err);
  assert.match(io.out, /deepseek-coder-1\.3b-base/);
  const again = collectingIo(s.env, s.home);
  assert.equal(await fetchModel.run(['--descriptor', file, '--json'], again), 0, again.err);
  assert.equal(JSON.parse(again.out).status, 'skipped');
});

test('fresh deploy: healthy, record written, /v1/models through a forward lists the served name', { timeout: 60_000 }, async () => {
  const file = s.descriptor();
  const io = collectingIo(s.env, s.home);
  assert.equal(await deploy.run(['--descriptor', file, '--json'], io), 0, io.err);
  const outcome = JSON.parse(io.out) as { status: string; record: { container: string } };
  assert.equal(outcome.status, 'succeeded');
  const r = record();
  assert.equal(r.container, 'ascend-llm-coder');
  assert.equal(r.status, 'running');
  assert.equal(r.hostPort, s.port);
  assert.deepEqual(r.npus, [0, 1]);
  assert.equal(r.servedModelName, 'deepseek-coder');
  const fwd = await startLocalForward(() => s.pool.get(s.sim.alias), s.port);
  try {
    const body = JSON.parse(await httpGet(fwd.localPort, '/v1/models')) as { data: Array<{ id: string }> };
    assert.ok(body.data.some((m) => m.id === 'deepseek-coder'));
  } finally {
    await fwd.close();
  }
  const l = collectingIo(s.env, s.home);
  assert.equal(await logs.run(['--descriptor', file, '--tail', '50'], l), 0, l.err);
  assert.ok(l.out.length > 0);
});

test('a docker run missing the driver mounts fails with the §7 diagnosis and the previous deployment is restored', { timeout: 60_000 }, async () => {
  const before = record();
  // All 8 NPUs wanted while the old server holds 2: stop-start, and the new container lacks the driver.
  const file = s.descriptor({ runtime: { npus: [0, 1, 2, 3, 4, 5, 6, 7] }, serve: { 'tensor-parallel-size': 8 } });
  const text = readFileSync(file, 'utf8');
  const d = await loadDescriptor(text, file);
  let downtime = '';
  // What a user reads, in order: the steps (log) and the output they show.
  const seen: string[] = [];
  const outcome = await runDeploy(s.ctx({
    paths: { ...s.ctx().paths, ascendPrefix: join(s.sim.home, 'no-such-ascend') },
    log: (_level, m) => seen.push(m),
    onOutput: (text) => seen.push(...text.split('\n').filter(Boolean)),
  }), d, {
    confirmDowntime: async (t) => { downtime = t; return true; },
  });
  assert.equal(outcome.status, 'failed', outcome.message);
  assert.match(downtime, /ascend-llm-coder/);
  assert.ok(outcome.diagnosis.length > 0, 'a §7 diagnosis');
  assert.ok(outcome.lastLogLines?.some((l) => /Failed to infer device type/.test(l)), outcome.lastLogLines?.join('\n'));
  // The heading of the last log lines is followed by those lines.
  const heading = seen.findIndex((l) => /^Last log lines of ascend-llm-coder/.test(l));
  assert.ok(heading >= 0, seen.join('\n'));
  assert.deepEqual(seen.slice(heading + 1, heading + 1 + outcome.lastLogLines!.length), outcome.lastLogLines);
  assert.equal(outcome.rolledBack, true, outcome.message);
  const after = record();
  assert.equal(after.status, 'running');
  assert.deepEqual(after.npus, before.npus);
  assert.deepEqual(after.runArgv, before.runArgv);
  const left = hostContainers(s.sim);
  assert.equal(left.length, 1, `the failed container is gone: ${JSON.stringify(left)}`);
  assert.ok(left[0].running && left[0].name === 'ascend-llm-coder');
  // The old server serves again.
  const fwd = await startLocalForward(() => s.pool.get(s.sim.alias), s.port);
  try {
    assert.match(await httpGet(fwd.localPort, '/v1/models'), /deepseek-coder/);
  } finally {
    await fwd.close();
  }
});

test('no free NPUs and a record without its run argv (older records): the old container is kept as -prev, stopped, and started again when the new one fails', { timeout: 60_000 }, async () => {
  const path = join(s.sim.home, '.ascend-llm', 'deployments', 'coder.json');
  const legacy = { ...record() };
  delete legacy.runArgv;
  writeFileSync(path, `${JSON.stringify(legacy, null, 2)}\n`);
  const old = hostContainers(s.sim).find((c) => c.running);
  assert.ok(old);
  const file = s.descriptor({ runtime: { npus: [0, 1, 2, 3, 4, 5, 6, 7] }, serve: { 'tensor-parallel-size': 8 } });
  const d = await loadDescriptor(readFileSync(file, 'utf8'), file);
  const logs: string[] = [];
  const outcome = await runDeploy(s.ctx({ log: (_l, m) => logs.push(m), paths: { ...s.ctx().paths, ascendPrefix: join(s.sim.home, 'no-such-ascend') } }), d, { confirmDowntime: async () => true });
  assert.equal(outcome.status, 'failed', outcome.message);
  assert.equal(outcome.rolledBack, true, `${outcome.message}\n${logs.join('\n')}`);
  assert.ok(logs.some((l) => /^Keep the running container as ascend-llm-coder-prev/.test(l)) && logs.some((l) => /^Start the old container ascend-llm-coder again/.test(l)), logs.join('\n'));
  assert.deepEqual(record(), legacy, 'the record is untouched');
  const left = hostContainers(s.sim);
  assert.equal(left.length, 1, JSON.stringify(left));
  assert.deepEqual([left[0].id, left[0].name, left[0].running], [old.id, 'ascend-llm-coder', true], 'the same container, started again');
  const fwd = await startLocalForward(() => s.pool.get(s.sim.alias), s.port);
  try {
    assert.match(await httpGet(fwd.localPort, '/v1/models'), /deepseek-coder/);
  } finally {
    await fwd.close();
  }
});

test('redeploy with no free NPUs: refused without --allow-downtime, stop-start with it', { timeout: 60_000 }, async () => {
  const file = s.descriptor({ runtime: { npus: [0, 1, 2, 3, 4, 5, 6, 7] }, serve: { 'tensor-parallel-size': 8 } });
  const refused = collectingIo(s.env, s.home);
  assert.equal(await deploy.run(['--descriptor', file], refused), 1);
  assert.match(refused.err, /--allow-downtime/);
  assert.deepEqual(record().npus, [0, 1], 'nothing changed');
  const io = collectingIo(s.env, s.home);
  assert.equal(await deploy.run(['--descriptor', file, '--allow-downtime'], io), 0, io.err + io.out);
  assert.deepEqual(record().npus, [0, 1, 2, 3, 4, 5, 6, 7]);
  const left = hostContainers(s.sim);
  assert.equal(left.length, 1, `the old container is retired: ${JSON.stringify(left)}`);
  const dep = await readDeployment(s.ctx(), 'coder');
  assert.equal(dep?.status, 'running');
  const st = collectingIo(s.env, s.home);
  assert.equal(await stop.run(['--descriptor', file], st), 0, st.err);
  assert.equal(record().status, 'stopped');
});
