/**
 * Detached jobs against a real sshd: the job runs on after its connection drops, the log is re-read from an
 * offset after reconnecting, cancel kills the whole process group, and hostile argv runs as plain data.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectionPool } from '../../../src/core/ssh/connection-pool';
import { hostConnector } from '../../../src/core/ssh/host-connector';
import { SshHostShell } from '../../../src/core/ssh/ssh-shell';
import { cancelJob, listJobs, pollJob, startJob } from '../../../src/core/remote/jobs/job-remote';
import { followJob } from '../../../src/core/remote/jobs/job-follow';
import { newJobId, type JobSpec } from '../../../src/core/remote/jobs/job-types';
import { eventually, sandboxHome, startSshd, type RealSshd } from '../ssh/real-sshd';

let sshd: RealSshd;
let h: ReturnType<typeof sandboxHome>;
let pool: ConnectionPool;

before(async () => {
  sshd = await startSshd();
  h = sandboxHome(`Host sim\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User root\n`);
  writeFileSync(join(h.home, '.ssh', 'known_hosts'), `${sshd.knownHostsLine}\n`);
  sshd.authorize(h.publicLine);
  pool = new ConnectionPool({ connect: hostConnector({ home: h.home, localUser: 't' }, {}), initialDelayMs: 100, maxDelayMs: 300 });
});
after(async () => {
  pool?.dispose();
  await sshd?.dispose();
  h?.done();
});

const shell = (): SshHostShell => new SshHostShell('sim', () => pool.get('sim'));
const spec = (argv: string[], extra: Partial<JobSpec> = {}): JobSpec => ({ id: newJobId('other'), kind: 'other', argv, createdAt: new Date().toISOString(), ...extra });
const running = (tag: string): boolean => spawnSync('pgrep', ['-f', tag]).status === 0;

test('a job writes spec, log, pid, status and exit under ~/.ascend-llm/jobs/<id>/ and is followed to the end', async () => {
  const s = spec(['sh', '-c', 'echo one; sleep 0.3; echo two >&2; exit 3']);
  await startJob(shell(), s);
  let text = '';
  const final = await followJob(shell(), s.id, { intervalMs: 100, onData: (d) => { text += d.toString(); } });
  assert.equal(final.status, 'failed');
  assert.equal(final.exitCode, 3);
  assert.equal(text, 'one\ntwo\n');
  const dir = join(sshd.sessionHome, '.ascend-llm', 'jobs', s.id);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8')), s);
  assert.equal(readFileSync(join(dir, 'status'), 'utf8'), 'failed\n');
  assert.equal(readFileSync(join(dir, 'exit'), 'utf8'), '3\n');
  assert.match(readFileSync(join(dir, 'pid'), 'utf8'), /^\d+\n$/);
});

test('hostile argv in a job is data, not code', async () => {
  const marker = join(sshd.dir, 'pwned');
  const values = ["x'; touch MARK; '", '$(touch MARK)', '`touch MARK`', 'a\ntouch MARK', '--x'].map((v) => v.replaceAll('MARK', marker));
  const s = spec(['printf', '%s|', ...values]);
  await startJob(shell(), s);
  let text = '';
  const final = await followJob(shell(), s.id, { intervalMs: 100, onData: (d) => { text += d.toString(); } });
  assert.equal(final.status, 'succeeded');
  assert.equal(text, `${values.join('|')}|`);
  assert.equal(existsSync(marker), false);
});

test('the job survives sshd going away; after reconnecting, the log continues from the saved offset', async () => {
  const tag = `ascend-job-${Date.now()}`;
  const s = spec(['sh', '-c', 'for i in 1 2 3 4 5 6; do echo "line $i $0"; sleep 0.3; done', tag]);
  await startJob(shell(), s);
  const first = await pollJob(shell(), s.id, 0);
  assert.equal(first.state.status, 'running');
  await sshd.stop(); // every session is dropped, as when a link or sshd dies
  assert.ok(running(tag), 'the job keeps running without any SSH session');
  await new Promise((r) => setTimeout(r, 500));
  await sshd.start();
  let text = first.data.toString();
  const final = await followJob(shell(), s.id, { offset: first.nextOffset, intervalMs: 100, onData: (d) => { text += d.toString(); } });
  assert.equal(final.status, 'succeeded');
  assert.equal(text, [1, 2, 3, 4, 5, 6].map((i) => `line ${i} ${tag}\n`).join(''), 'every line exactly once');
});

test('cancel kills the whole process group (children too) and marks the job cancelled', async () => {
  const tag = `${40 + Math.random()}`;
  const s = spec(['sh', '-c', `sleep ${tag} & sleep ${tag}; wait`]);
  await startJob(shell(), s);
  assert.ok(await eventually(() => spawnSync('pgrep', ['-c', '-f', `^sleep ${tag}`], { encoding: 'utf8' }).stdout.trim() === '2', 3000), 'two sleeps running');
  const status = await cancelJob(shell(), s.id);
  assert.equal(status, 'cancelled');
  assert.ok(await eventually(() => !running(`^sleep ${tag}`), 3000), 'no sleep left');
  const p = await pollJob(shell(), s.id, 0);
  assert.equal(p.state.status, 'cancelled');
  assert.equal(p.state.alive, false);
});

test('listJobs finds the jobs with their specs, newest first', async () => {
  const jobs = await listJobs(shell());
  assert.ok(jobs.length >= 4);
  assert.ok(jobs.every((j) => j.spec?.id === j.id));
  assert.deepEqual(jobs.map((j) => j.id), [...jobs.map((j) => j.id)].sort().reverse());
  assert.ok(jobs.some((j) => j.status === 'cancelled') && jobs.some((j) => j.status === 'failed'));
});

test('a job whose processes vanished without writing an exit (host reboot, kill -9) reads back as lost', async () => {
  const tag = `${50 + Math.random()}`;
  const s = spec(['sleep', tag]);
  const pid = await startJob(shell(), s);
  process.kill(-pid, 'SIGKILL'); // the job's own process group, by its recorded id
  assert.ok(await eventually(() => !running(`^sleep ${tag}`), 3000));
  const p = await pollJob(shell(), s.id, 0);
  assert.equal(p.state.status, 'lost');
  assert.equal(p.state.exitCode, undefined);
  const final = await followJob(shell(), s.id, { intervalMs: 50 });
  assert.equal(final.status, 'lost', 'following a lost job ends instead of waiting forever');
});
