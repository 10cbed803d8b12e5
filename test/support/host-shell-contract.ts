/**
 * ONE contract for every host shell (src/core/host-command/host-shell.ts), run against the SSH shell (a real sshd,
 * test/integration/remote/jobs.test.ts) and the local shell (test/integration/local/jobs.test.ts): commands are
 * argv (hostile values stay data), cancel stops the command's whole process group, a held command ends when it is
 * closed, detached jobs outlive the client that started them and are re-attached from a saved offset, cancel of
 * a job kills its process group, and a job whose processes vanished reads back as lost.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostShell } from '../../src/core/host-command/host-shell';
import { CancelledError } from '../../src/core/host-command/host-errors';
import { cancelJob, listJobs, pollJob, startJob } from '../../src/core/remote/jobs/job-remote';
import { followJob } from '../../src/core/remote/jobs/job-follow';
import { newJobId, type JobSpec } from '../../src/core/remote/jobs/job-types';
import { waitFor } from './wait';

export interface ShellUnderTest {
  /** The shell the runner would get. */
  shell(): HostShell;
  /** $HOME of the host's commands (where ~/.ascend-llm/jobs is). */
  home(): string;
  /** A scratch folder both this process and the host can see. */
  scratch(): string;
  /** Starts the job from ANOTHER client, which then goes away for good (its connection or process is killed). */
  startFromGoneClient(spec: JobSpec): Promise<void>;
}

const spec = (argv: string[], extra: Partial<JobSpec> = {}): JobSpec => ({ id: newJobId('other'), kind: 'other', argv, createdAt: new Date().toISOString(), ...extra });
const running = (pattern: string): boolean => spawnSync('pgrep', ['-f', pattern]).status === 0;
const count = (pattern: string): number => Number(spawnSync('pgrep', ['-c', '-f', pattern], { encoding: 'utf8' }).stdout.trim() || 0);

export function hostShellContract(name: string, t: ShellUnderTest): void {
  test(`${name}: exec runs an argv, streams output and returns the exit code; a missing program exits 127`, async () => {
    const chunks: string[] = [];
    const r = await t.shell().exec(['sh', '-c', 'echo one; echo err >&2; exit 7'], { onStdout: (d) => chunks.push(d.toString()) });
    assert.equal(r.code, 7);
    assert.equal(r.stdout, 'one\n');
    assert.equal(r.stderr, 'err\n');
    assert.deepEqual(chunks, ['one\n']);
    const piped = await t.shell().exec(['sh', '-c', 'cat; printf "|%s" "$HOME"'], { stdin: 'in' });
    assert.equal(piped.stdout, `in|${t.home()}`);
    assert.equal((await t.shell().exec(['no-such-program-ascend'])).code, 127);
  });

  test(`${name}: hostile values are data, not code`, async () => {
    const marker = join(t.scratch(), 'pwned');
    const values = ["x'; touch MARK; '", '$(touch MARK)', '`touch MARK`', 'a\ntouch MARK', '--x'].map((v) => v.replaceAll('MARK', marker));
    const r = await t.shell().exec(['printf', '%s\\0', ...values]);
    assert.deepEqual(r.stdout.split('\0').slice(0, -1), values);
    assert.notEqual((await t.shell().exec([`x'; touch ${marker}; '`])).code, 0);
    assert.equal(existsSync(marker), false);
  });

  test(`${name}: cancelling exec stops its whole process group (children too)`, async () => {
    const tag = `${60 + Math.random()}`;
    const ac = new AbortController();
    const p = t.shell().exec(['sh', '-c', `sleep ${tag} & sleep ${tag}; wait`], { signal: ac.signal });
    await waitFor('two sleeps', () => count(`^sleep ${tag}`) === 2, 5000);
    ac.abort();
    await assert.rejects(p, CancelledError);
    await waitFor('no sleep left', () => !running(`^sleep ${tag}`), 5000);
  });

  test(`${name}: a held command runs until closed`, async () => {
    const pidFile = join(t.scratch(), `held-${Math.random()}`);
    const held = await t.shell().hold(['sh', '-c', 'printf "%s\\n" "$$" > "$1" && echo ready && exec cat > /dev/null', 'held', pidFile], 'ready');
    assert.ok(held, 'it said ready');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(alive(pid));
    held.close();
    await held.ended;
    await waitFor('the held process to end', () => !alive(pid), 5000);
  });

  test(`${name}: a job writes spec, log, pid, status and exit under ~/.ascend-llm/jobs/<id>/ and is followed to the end`, async () => {
    const s = spec(['sh', '-c', 'echo one; echo two >&2; exit 3']);
    await startJob(t.shell(), s);
    let text = '';
    const final = await followJob(t.shell(), s.id, { intervalMs: 50, onData: (d) => { text += d.toString(); } });
    assert.equal(final.status, 'failed');
    assert.equal(final.exitCode, 3);
    assert.equal(text, 'one\ntwo\n');
    const dir = join(t.home(), '.ascend-llm', 'jobs', s.id);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8')), s);
    assert.equal(readFileSync(join(dir, 'status'), 'utf8'), 'failed\n');
    assert.match(readFileSync(join(dir, 'pid'), 'utf8'), /^\d+\n$/);
  });

  test(`${name}: hostile argv in a job is data, not code`, async () => {
    const marker = join(t.scratch(), 'pwned-job');
    const values = ["x'; touch MARK; '", '$(touch MARK)', '`touch MARK`', 'a\ntouch MARK', '--x'].map((v) => v.replaceAll('MARK', marker));
    const s = spec(['printf', '%s|', ...values]);
    await startJob(t.shell(), s);
    let text = '';
    const final = await followJob(t.shell(), s.id, { intervalMs: 50, onData: (d) => { text += d.toString(); } });
    assert.equal(final.status, 'succeeded');
    assert.equal(text, `${values.join('|')}|`);
    assert.equal(existsSync(marker), false);
  });

  test(`${name}: a job outlives the client that started it; another client re-attaches and reads every line once`, async () => {
    const tag = `ascend-reattach-${Date.now()}`;
    const go = join(t.scratch(), `${tag}.go`);
    // The job prints its first half, waits for the test's go-ahead, then prints the rest.
    const s = spec(['sh', '-c', 'echo "a $0"; echo "b $0"; while [ ! -e "$1" ]; do sleep 0.05; done; echo "c $0"; echo "d $0"', tag, go]);
    await t.startFromGoneClient(s);
    assert.ok(running(tag), 'the job runs on without the client that started it');
    const first = await pollJob(t.shell(), s.id, 0);
    assert.equal(first.state.status, 'running');
    await waitFor('the first lines', async () => (await pollJob(t.shell(), s.id, 0)).data.toString() === `a ${tag}\nb ${tag}\n`, 5000);
    const head = await pollJob(t.shell(), s.id, 0);
    spawnSync('touch', [go]);
    let text = head.data.toString();
    const final = await followJob(t.shell(), s.id, { offset: head.nextOffset, intervalMs: 50, onData: (d) => { text += d.toString(); } });
    assert.equal(final.status, 'succeeded');
    assert.equal(text, ['a', 'b', 'c', 'd'].map((l) => `${l} ${tag}\n`).join(''), 'every line exactly once');
  });

  test(`${name}: cancelling a job kills its whole process group and marks it cancelled`, async () => {
    const tag = `${40 + Math.random()}`;
    const s = spec(['sh', '-c', `sleep ${tag} & sleep ${tag}; wait`]);
    await startJob(t.shell(), s);
    await waitFor('two sleeps', () => count(`^sleep ${tag}`) === 2, 5000);
    assert.equal(await cancelJob(t.shell(), s.id), 'cancelled');
    await waitFor('no sleep left', () => !running(`^sleep ${tag}`), 5000);
    const p = await pollJob(t.shell(), s.id, 0);
    assert.equal(p.state.status, 'cancelled');
    assert.equal(p.state.alive, false);
  });

  test(`${name}: listJobs finds the jobs with their specs, newest first`, async () => {
    const jobs = await listJobs(t.shell());
    assert.ok(jobs.length >= 3);
    assert.ok(jobs.every((j) => j.spec?.id === j.id));
    assert.deepEqual(jobs.map((j) => j.id), [...jobs.map((j) => j.id)].sort().reverse());
    assert.ok(jobs.some((j) => j.status === 'cancelled') && jobs.some((j) => j.status === 'failed'));
  });

  test(`${name}: a job whose processes vanished without an exit (host reboot, kill -9) reads back as lost`, async () => {
    const tag = `${50 + Math.random()}`;
    const s = spec(['sleep', tag]);
    const pid = await startJob(t.shell(), s);
    process.kill(-pid, 'SIGKILL');
    await waitFor('the job to die', () => !running(`^sleep ${tag}`), 5000);
    const p = await pollJob(t.shell(), s.id, 0);
    assert.equal(p.state.status, 'lost');
    assert.equal(p.state.exitCode, undefined);
    assert.equal((await followJob(t.shell(), s.id, { intervalMs: 50 })).status, 'lost');
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
