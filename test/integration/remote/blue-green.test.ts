/**
 * Blue/green redeploy against the simulated host (real sshd, the docker shim's rename/start/stop/rm): with
 * enough NPUs free outside the running deployment the new server starts on those NPUs and another port while
 * the old one keeps serving; the record switches once the new one is healthy, then the old one is retired.
 * When the new one fails (a config missing the driver mounts), the old one is never stopped and keeps serving.
 * When the record switch fails after the rename and undoing fails too, recovery keeps the old container (renamed
 * back, never re-created); and the new port skips ports the host already listens on.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { command as fetchModel } from '../../../src/cli/commands/fetch-model';
import { runDeploy, type RunContext } from '../../../src/core/remote/index';
import { loadDescriptor } from '../../../src/core/descriptor/index';
import { collectingIo, hostContainers, servedModels, sandbox, type Sandbox } from './fixture';

let s: Sandbox;
before(async () => {
  s = await sandbox();
  const io = collectingIo(s.env, s.home);
  assert.equal(await fetchModel.run(['--descriptor', s.descriptor()], io), 0, io.err);
});
after(async () => { await s?.done(); });

const record = (): Record<string, unknown> => JSON.parse(readFileSync(join(s.sim.home, '.ascend-llm', 'deployments', 'coder.json'), 'utf8')) as Record<string, unknown>;

const models = (port: number): Promise<string> => servedModels(s, port);

async function deploy(over: Record<string, unknown>, extra: Partial<RunContext> = {}, onWait?: () => Promise<void>): Promise<{ outcome: Awaited<ReturnType<typeof runDeploy>>; logs: string[]; askedDowntime: boolean }> {
  const file = s.descriptor(over);
  const d = await loadDescriptor(readFileSync(file, 'utf8'), file);
  const logs: string[] = [];
  let waiting: Promise<void> | undefined;
  let askedDowntime = false;
  const outcome = await runDeploy(s.ctx({
    ...extra,
    log: (_l, m) => {
      logs.push(m);
      if (onWait && !waiting && /^Wait for ascend-llm-coder to be healthy/.test(m)) waiting = onWait();
    },
  }), d, { confirmDowntime: async () => { askedDowntime = true; return false; } });
  await waiting;
  return { outcome, logs, askedDowntime };
}

test('blue/green: the new server starts on free NPUs and another port while the old serves, then the old is retired', { timeout: 60_000 }, async () => {
  const first = await deploy({});
  assert.equal(first.outcome.status, 'succeeded', first.outcome.message);
  const old = hostContainers(s.sim).find((c) => c.running && c.name === 'ascend-llm-coder');
  assert.ok(old);
  let servedDuringSwitch = '';
  let namesDuringSwitch: string[] = [];
  const { outcome, logs, askedDowntime } = await deploy({ serve: { 'max-model-len': 2048 } }, {}, async () => {
    namesDuringSwitch = hostContainers(s.sim).filter((c) => c.running).map((c) => c.name).sort();
    servedDuringSwitch = await models(s.port); // the old server, on the recorded port, while the new one starts
  });
  assert.equal(outcome.status, 'succeeded', `${outcome.message}\n${logs.join('\n')}`);
  assert.equal(askedDowntime, false, 'no downtime to state');
  assert.ok(logs.includes('Deploy strategy: blue-green.'), logs.join('\n'));
  assert.deepEqual(namesDuringSwitch, ['ascend-llm-coder', 'ascend-llm-coder-prev'], 'both ran side by side');
  assert.match(servedDuringSwitch, /deepseek-coder/);
  const r = record();
  assert.equal(r.hostPort, s.port + 1, 'another port');
  assert.deepEqual(r.npus, [2, 3], 'the free NPUs');
  assert.equal(r.container, 'ascend-llm-coder');
  assert.match((r.runArgv as string[]).join(' '), /--max-model-len 2048/);
  // The old one is retired: one container left, the new one, on the new port.
  const left = hostContainers(s.sim);
  assert.equal(left.length, 1, JSON.stringify(left));
  assert.ok(left[0].running && left[0].id !== old.id && left[0].ports[0] === s.port + 1);
  assert.match(await models(s.port + 1), /deepseek-coder/);
});

test('blue/green failure: a new server missing the driver mounts fails; the old one was never stopped and keeps serving', { timeout: 60_000 }, async () => {
  const before = record();
  const old = hostContainers(s.sim).find((c) => c.running);
  assert.ok(old);
  const { outcome, logs } = await deploy({ serve: { 'max-model-len': 1024 } }, { paths: { ...s.ctx().paths, ascendPrefix: join(s.sim.home, 'no-such-ascend') } });
  assert.equal(outcome.status, 'failed', outcome.message);
  assert.ok(logs.includes('Deploy strategy: blue-green.'), logs.join('\n'));
  assert.equal(outcome.rolledBack, true, outcome.message);
  assert.ok(outcome.lastLogLines?.some((l) => /Failed to infer device type/.test(l)), outcome.lastLogLines?.join('\n'));
  assert.ok(outcome.diagnosis.length > 0, 'a §7 diagnosis');
  assert.deepEqual(record(), before, 'the record is untouched');
  const left = hostContainers(s.sim);
  assert.equal(left.length, 1, `the failed container is removed, no -prev left: ${JSON.stringify(left)}`);
  assert.equal(left[0].id, old.id);
  assert.equal(left[0].name, 'ascend-llm-coder');
  assert.equal(left[0].pid, old.pid, 'the old server was never restarted');
  assert.ok(left[0].running);
  assert.match(await models(before.hostPort as number), /deepseek-coder/);
});

test('blue/green: the record switch fails after the rename and undoing fails too; recovery gives the old container its name back and keeps it running, never re-creating it', { timeout: 60_000 }, async () => {
  const before = record();
  const old = hostContainers(s.sim).find((c) => c.running);
  assert.ok(old && old.name === 'ascend-llm-coder');
  // The record cannot be written (its temporary file's path is taken by a folder): the switch step fails, and so
  // does the undo that writes the previous record back, first of the undo steps, so the new container still holds
  // the name and the old one still runs as -prev holding its port when recovery starts.
  const blocker = join(s.sim.home, '.ascend-llm', 'deployments', 'coder.json.tmp');
  mkdirSync(blocker, { recursive: true });
  try {
    const { outcome, logs } = await deploy({ serve: { 'max-model-len': 1536 } });
    assert.equal(outcome.status, 'failed', outcome.message);
    assert.ok(logs.includes('Deploy strategy: blue-green.'), logs.join('\n'));
    assert.ok(logs.some((l) => /^Restoring the old container failed; bringing ascend-llm-coder back/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /^Rename ascend-llm-coder-prev back to ascend-llm-coder/.test(l)), logs.join('\n'));
    assert.equal(outcome.rolledBack, true, `${outcome.message}\n${logs.join('\n')}`);
  } finally {
    rmSync(blocker, { recursive: true, force: true });
  }
  assert.deepEqual(record(), before, 'the record is untouched');
  const left = hostContainers(s.sim);
  assert.equal(left.length, 1, `the new container is removed: ${JSON.stringify(left)}`);
  assert.deepEqual([left[0].id, left[0].pid, left[0].name, left[0].running], [old.id, old.pid, 'ascend-llm-coder', true], 'the same process, never restarted or re-created');
  assert.match(await models(before.hostPort as number), /deepseek-coder/);
});

test('blue/green picks a port nothing listens on: a port taken by another program on the host is skipped', { timeout: 60_000 }, async () => {
  const current = record();
  // The descriptor asks for s.port (free since the first switch); another program takes it.
  assert.notEqual(current.hostPort, s.port);
  const squatter = createServer();
  await new Promise<void>((resolve, reject) => { squatter.once('error', reject); squatter.listen(s.port, '127.0.0.1', resolve); });
  try {
    const { outcome, logs } = await deploy({ serve: { 'max-model-len': 2048 } });
    assert.equal(outcome.status, 'succeeded', `${outcome.message}\n${logs.join('\n')}`);
    assert.ok(logs.includes('Deploy strategy: blue-green.'), logs.join('\n'));
  } finally {
    await new Promise((r) => squatter.close(r));
  }
  const r = record();
  assert.equal(r.hostPort, s.port + 2, 'neither the taken port nor the running server\'s');
  assert.match(await models(s.port + 2), /deepseek-coder/);
});
