/**
 * A deploy whose client dies mid-way (the CLI killed with SIGKILL, as when VS Code or a CI runner goes) leaves
 * its pending marker on the host; the next touch of that deployment (logs, stop, deploy) finishes or rolls it back
 * before anything else, so the host never stays half-deployed. The deploy runs as a real `ascend-llm` process
 * (`node --import tsx src/cli/main.ts deploy …`) against the simulated host behind a real sshd, and is killed once
 * its new container exists on the host. While that process lives, its deploy is not touched from elsewhere.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { command as deploy } from '../../../src/cli/commands/deploy';
import { command as fetchModel } from '../../../src/cli/commands/fetch-model';
import { command as logs } from '../../../src/cli/commands/logs';
import { command as stop } from '../../../src/cli/commands/stop';
import { collectingIo, hostContainers, sandbox, waitFor, type HostContainer, type Sandbox } from './fixture';

const ROOT = resolve(__dirname, '../../..');
let s: Sandbox;
before(async () => {
  // The new server takes 2.5 s to start: the client is killed while it starts.
  s = await sandbox({ startupMs: 2500 });
  const io = collectingIo(s.env, s.home);
  assert.equal(await fetchModel.run(['--descriptor', s.descriptor()], io), 0, io.err);
});
after(async () => { await s?.done(); });

const deployments = (): string => join(s.sim.home, '.ascend-llm', 'deployments');
const record = (): Record<string, unknown> => JSON.parse(readFileSync(join(deployments(), 'coder.json'), 'utf8')) as Record<string, unknown>;
const markerLeft = (): boolean => existsSync(join(deployments(), 'pending', 'coder.json'));

/** `ascend-llm deploy` in its own process, SIGKILLed once `ready(containers)` holds on the host. */
async function killedDeploy(args: string[], ready: (cs: HostContainer[]) => boolean): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'deploy', ...args], { cwd: ROOT, env: s.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await waitFor('the new container on the host', () => {
      if (child.exitCode !== null) throw new Error(`the deploy ended before it was killed:\n${output}`);
      return ready(hostContainers(s.sim));
    }, 45_000, 10);
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  return output;
}

test('a fresh deploy killed while its server starts: while it lives, stop refuses; after, logs finishes the deploy first', { timeout: 90_000 }, async () => {
  const file = s.descriptor();
  let refused = '';
  await killedDeploy(['--descriptor', file], (cs) => {
    if (!cs.some((c) => c.running)) return false;
    if (!refused) {
      refused = 'pending';
      const st = collectingIo(s.env, s.home);
      void stop.run(['--descriptor', file], st).then((code) => { refused = `${code} ${st.err}`; });
    }
    return refused !== 'pending';
  });
  assert.match(refused, /^1 .*A deploy of coder is in progress on .* from another client/s, 'a live deploy is not touched from elsewhere');
  assert.ok(markerLeft(), 'the killed deploy left its marker');
  assert.ok(!existsSync(join(deployments(), 'coder.json')), 'no record yet');
  const io = collectingIo(s.env, s.home);
  assert.equal(await logs.run(['--descriptor', file, '--tail', '20'], io), 0, io.err);
  assert.match(io.err, /Finishing an interrupted deploy of coder/);
  assert.match(io.err, /Finished the interrupted deploy of coder/);
  assert.match(io.out, /Application startup complete|Uvicorn running|vLLM/i);
  const r = record();
  assert.deepEqual([r.container, r.status, r.hostPort, r.npus], ['ascend-llm-coder', 'running', s.port, [0, 1]]);
  const left = hostContainers(s.sim);
  assert.equal(left.length, 1, JSON.stringify(left));
  assert.ok(left[0].running);
  assert.ok(!markerLeft(), 'the marker is gone');
});

test('a blue/green deploy whose new server is broken, killed after the rename: the next deploy rolls it back first, then deploys', { timeout: 90_000 }, async () => {
  const old = hostContainers(s.sim).find((c) => c.running);
  assert.ok(old);
  const before = record();
  // The new server misses its driver mounts and exits; the client dies before it can roll back.
  await killedDeploy(['--descriptor', s.descriptor({ serve: { 'max-model-len': 1024 } }), '--ascend-prefix', join(s.sim.home, 'no-such-ascend')], (cs) => cs.some((c) => c.id !== old.id));
  const mid = hostContainers(s.sim);
  assert.ok(mid.some((c) => c.id === old.id && c.name === 'ascend-llm-coder-prev' && c.running), `half-deployed: ${JSON.stringify(mid)}`);
  assert.ok(markerLeft());
  assert.deepEqual(record(), before);
  const io = collectingIo(s.env, s.home);
  assert.equal(await deploy.run(['--descriptor', s.descriptor({ serve: { 'max-model-len': 3072 } })], io), 0, io.err + io.out);
  assert.match(io.err, /Finishing an interrupted deploy of coder/);
  assert.match(io.err, /Rolled back the interrupted deploy of coder: the previous deployment ascend-llm-coder serves again/);
  // Restored before the new deploy planned: the old server ran under its name again, so blue/green replaced it.
  assert.match(io.err, /Deploy strategy: blue-green\./);
  const r = record();
  assert.match((r.runArgv as string[]).join(' '), /--max-model-len 3072/);
  const left = hostContainers(s.sim);
  assert.equal(left.length, 1, `no broken container, no -prev: ${JSON.stringify(left)}`);
  assert.ok(left[0].running && left[0].name === 'ascend-llm-coder' && left[0].id !== old.id);
  assert.ok(!markerLeft());
});

test('a blue/green deploy killed while its healthy new server starts: stop finishes the switch first (record, old retired), then stops it', { timeout: 90_000 }, async () => {
  const old = hostContainers(s.sim).find((c) => c.running);
  assert.ok(old);
  const before = record();
  const file = s.descriptor({ serve: { 'max-model-len': 2048 } });
  await killedDeploy(['--descriptor', file], (cs) => cs.some((c) => c.id !== old.id && c.running));
  assert.ok(markerLeft());
  const io = collectingIo(s.env, s.home);
  assert.equal(await stop.run(['--descriptor', file], io), 0, io.err);
  assert.match(io.err, /Finishing an interrupted deploy of coder/);
  assert.match(io.err, /Finished the interrupted deploy of coder/);
  const r = record();
  assert.equal(r.status, 'stopped');
  assert.notEqual(r.hostPort, before.hostPort, 'the record switched to the new server');
  assert.match((r.runArgv as string[]).join(' '), /--max-model-len 2048/);
  const left = hostContainers(s.sim);
  assert.equal(left.length, 1, `the old container is retired: ${JSON.stringify(left)}`);
  assert.ok(left[0].id !== old.id && left[0].name === 'ascend-llm-coder' && !left[0].running);
  assert.ok(!markerLeft());
});
