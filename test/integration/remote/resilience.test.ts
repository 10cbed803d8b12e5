/**
 * Remote work that outlives the connection, against the simulated host in its own network namespace
 * (root only) behind a real sshd:
 * - the link is cut while a blue/green deploy waits for health: the new server goes on starting on the host,
 *   the runner rides out the outage (the pool reconnects) and completes the switch;
 * - the link is cut and the new server dies on the host meanwhile: once the link returns the runner rolls back
 *   cleanly (the old server, never stopped, keeps serving);
 * - sshd is killed mid-build: the detached build job finishes on the host without it; after sshd is back the
 *   runner re-attaches, reads the log on from its offset (nothing lost, nothing twice) and reports success.
 * Every wait is for a state on the host or in the pool, with a deadline; nothing sleeps for correctness.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { command as fetchModel } from '../../../src/cli/commands/fetch-model';
import { runBuild, runDeploy, type RunContext } from '../../../src/core/remote/index';
import { loadDescriptor } from '../../../src/core/descriptor/index';
import { collectingIo, hostContainers, servedModels, sandbox, sshdControl, waitFor, type Sandbox } from './fixture';

const root = process.getuid?.() === 0;
let s: Sandbox;
let sshd: ReturnType<typeof sshdControl>;
before(async () => {
  s = await sandbox({
    netns: root, startupMs: 1500,
    // Notice a dead link within ~2 s and retry connecting every ~2 s (the defaults are 45 s and 20 s).
    sshOptions: ['ServerAliveInterval 1', 'ServerAliveCountMax 2', 'ConnectTimeout 2'],
  });
  sshd = sshdControl(s.sim);
  const io = collectingIo(s.env, s.home);
  assert.equal(await fetchModel.run(['--descriptor', s.descriptor()], io), 0, io.err);
});
after(async () => {
  sshd?.dispose();
  await s?.done();
});

const record = (): Record<string, unknown> => JSON.parse(readFileSync(join(s.sim.home, '.ascend-llm', 'deployments', 'coder.json'), 'utf8')) as Record<string, unknown>;
const containerLog = (id: string): string => { try { return readFileSync(join(s.sim.stateDir, 'containers', id, 'log.jsonl'), 'utf8'); } catch { return ''; } };

const models = (port: number): Promise<string> => servedModels(s, port);

/** Runs a deploy; `during` runs once the runner logs a step matching `at` (default: waiting for the new server). */
async function deploy(over: Record<string, unknown>, extra: Partial<RunContext> = {}, during?: () => Promise<void>, at = /^Wait for ascend-llm-coder to be healthy/): Promise<{ outcome: Awaited<ReturnType<typeof runDeploy>>; logs: string[] }> {
  const file = s.descriptor(over);
  const d = await loadDescriptor(readFileSync(file, 'utf8'), file);
  const logs: string[] = [];
  let hook: Promise<void> | undefined;
  const outcome = await runDeploy(s.ctx({
    ...extra,
    log: (_l, m) => {
      logs.push(m);
      if (during && !hook && at.test(m)) hook = during();
    },
  }), d, { confirmDowntime: async () => false });
  await hook; // rethrows what failed in it
  return { outcome, logs };
}

/** Cuts the link, runs `meanwhile` (the host goes on), holds the link down until the runner has seen it go, restores it. */
async function outage(meanwhile: () => Promise<void>): Promise<void> {
  const netns = s.sim.netns;
  assert.ok(netns);
  netns.cut(true);
  try {
    await meanwhile();
    await waitFor('the runner to lose its connection', () => s.pool.state(s.sim.alias) === 'reconnecting', 20_000);
  } finally {
    netns.cut(false);
  }
}

const skip = !root && 'needs root (network namespace)';

test('link cut while a blue/green deploy waits for health, past its deadline: the server starts on the host meanwhile, the deploy completes after the link returns', { timeout: 90_000, skip }, async () => {
  const first = await deploy({});
  assert.equal(first.outcome.status, 'succeeded', first.outcome.message);
  const old = hostContainers(s.sim).find((c) => c.running);
  assert.ok(old);
  const healthTimeoutMs = 3000;
  const { outcome, logs } = await deploy({ serve: { 'max-model-len': 2048 } }, { healthTimeoutMs }, () => outage(async () => {
    const cutAt = Date.now();
    // On the host the new server finishes starting although nobody can reach the host.
    await waitFor('the new server to start on the host', () => hostContainers(s.sim).some((c) => c.running && c.id !== old.id && /Application startup complete/.test(containerLog(c.id))), 30_000);
    // The health deadline passes during the outage: no verdict (and no rollback) is made blind.
    await waitFor('the health deadline to pass', () => Date.now() > cutAt + healthTimeoutMs + 500, 10_000);
  }));
  assert.equal(outcome.status, 'succeeded', `${outcome.message}\n${logs.join('\n')}`);
  assert.ok(logs.includes('Deploy strategy: blue-green.'), logs.join('\n'));
  // The switch completed: record on the new NPUs and port, the old container retired, the new one serving.
  const r = record();
  assert.deepEqual([r.container, r.hostPort, r.npus, r.status], ['ascend-llm-coder', s.port + 1, [2, 3], 'running']);
  const left = hostContainers(s.sim);
  assert.equal(left.length, 1, JSON.stringify(left));
  assert.ok(left[0].running && left[0].id !== old.id && left[0].name === 'ascend-llm-coder');
  assert.match(await models(s.port + 1), /deepseek-coder/);
});

test('link cut and the new server dies on the host meanwhile: after the link returns the deploy rolls back and the old server keeps serving', { timeout: 90_000, skip }, async () => {
  const before = record();
  const old = hostContainers(s.sim).find((c) => c.running);
  assert.ok(old);
  const { outcome, logs } = await deploy({ serve: { 'max-model-len': 1024 } }, {}, () => outage(async () => {
    const fresh = (): ReturnType<typeof hostContainers>[number] | undefined => hostContainers(s.sim).find((c) => c.id !== old.id && c.running);
    await waitFor('the new container to run on the host', () => fresh() !== undefined, 20_000);
    process.kill(fresh()?.pid ?? 0, 'SIGKILL'); // killed on the host (e.g. by the OOM killer) while unreachable
    await waitFor('the new container to be gone', () => hostContainers(s.sim).filter((c) => c.running).length === 1, 10_000);
  }));
  assert.equal(outcome.status, 'failed', `${outcome.message}\n${logs.join('\n')}`);
  assert.match(outcome.message, /stopped \(exited\) before it was healthy/);
  assert.equal(outcome.rolledBack, true, outcome.message);
  assert.deepEqual(record(), before, 'the record is untouched');
  const left = hostContainers(s.sim);
  assert.equal(left.length, 1, `the dead container is removed and the old one has its name back: ${JSON.stringify(left)}`);
  assert.deepEqual([left[0].id, left[0].pid, left[0].name, left[0].running], [old.id, old.pid, 'ascend-llm-coder', true]);
  assert.match(await models(before.hostPort as number), /deepseek-coder/);
});

test('link cut while `docker run` runs on the host: after reconnecting the runner sees the container exists, starts no second one, and completes', { timeout: 90_000, skip }, async () => {
  const before = record();
  const old = hostContainers(s.sim).find((c) => c.running);
  assert.ok(old);
  // docker run returns 4 s after creating the container, so the link is certainly cut while it runs.
  s.sim.control.setLatency({ runMs: 4000 });
  const { outcome, logs } = await deploy({ serve: { 'max-model-len': 3072 } }, {}, async () => {
    await waitFor('docker run to create the container on the host', () => hostContainers(s.sim).some((c) => c.id !== old.id), 20_000, 5);
    await outage(async () => undefined);
  }, /^Start container ascend-llm-coder/).finally(() => s.sim.control.setLatency({ runMs: 0 }));
  assert.equal(outcome.status, 'succeeded', `${outcome.message}\n${logs.join('\n')}`);
  assert.ok(logs.some((l) => /^Lost the connection to .* during "Start container ascend-llm-coder"/.test(l)), logs.join('\n'));
  const r = record();
  assert.notEqual(r.hostPort, before.hostPort);
  assert.match((r.runArgv as string[]).join(' '), /--max-model-len 3072/);
  const left = hostContainers(s.sim);
  assert.equal(left.length, 1, `one container, no duplicate and no leftover: ${JSON.stringify(left)}`);
  assert.ok(left[0].running && left[0].id !== old.id);
  assert.match(await models(r.hostPort as number), /deepseek-coder/);
});

test('sshd killed mid-build: the build job finishes on the host, and the runner re-attaches and reads the log on from its offset', { timeout: 90_000 }, async () => {
  const dir = join(s.home, 'image');
  mkdirSync(dir, { recursive: true });
  const steps = Array.from({ length: 30 }, (_, i) => `RUN echo step-${i}`);
  writeFileSync(join(dir, 'Dockerfile'), ['FROM quay.io/ascend/vllm-ascend:v0.23.0', ...steps, 'COPY app.py /workspace/app.py', ''].join('\n'));
  writeFileSync(join(dir, 'app.py'), 'print("v1")\n');
  const file = s.descriptor({ image: { tag: 'ascend-llm/coder:resilience', dockerfile: './image/Dockerfile' } });
  const d = await loadDescriptor(readFileSync(file, 'utf8'), file);
  const jobsDir = join(s.sim.home, '.ascend-llm', 'jobs');
  const jobStatus = (id: string): string => { try { return readFileSync(join(jobsDir, id, 'status'), 'utf8').trim(); } catch { return ''; } };
  let output = '';
  let outage: Promise<string> | undefined;
  const logs: string[] = [];
  const outcome = await runBuild(s.ctx({
    log: (_l, m) => logs.push(m),
    onOutput: (text) => {
      output += text;
      outage ??= (async () => {
        await sshd.kill();
        const id = readdirSync(jobsDir).find((j) => j.startsWith('build-'));
        assert.ok(id, 'the build job folder');
        await waitFor('the build to finish on the host while sshd is down', () => jobStatus(id) !== 'running', 30_000);
        await sshd.restart();
        return id;
      })();
    },
  }), d, { descriptorDir: s.home });
  const id = await outage;
  assert.ok(id);
  assert.equal(jobStatus(id), 'succeeded', 'the job finished on its own');
  assert.equal(outcome.status, 'succeeded', `${outcome.message}\n${logs.join('\n')}`);
  assert.ok(logs.some((l) => /Lost contact with job/.test(l)), logs.join('\n'));
  // Re-attached from its offset: exactly the host's log, each step once.
  assert.equal(output, readFileSync(join(jobsDir, id, 'log'), 'utf8'));
  for (let i = 0; i < steps.length; i++) assert.equal(output.split(`echo step-${i}\n`).length - 1, 1, `step ${i} once`);
  assert.match(output, /Successfully tagged ascend-llm\/coder:resilience/);
});
