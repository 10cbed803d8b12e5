/**
 * Detached jobs against a real sshd: the host-shell contract (test/support/host-shell-contract.ts, the same suite
 * the local shell runs), plus what only SSH has: the job runs on while sshd itself is gone, and the log is
 * re-read from an offset after the pool reconnects.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectionPool } from '../../../src/core/ssh/connection-pool';
import { hostConnector } from '../../../src/core/ssh/host-connector';
import { SshHostShell } from '../../../src/core/ssh/ssh-shell';
import { pollJob, startJob } from '../../../src/core/remote/jobs/job-remote';
import { followJob } from '../../../src/core/remote/jobs/job-follow';
import { newJobId, type JobSpec } from '../../../src/core/remote/jobs/job-types';
import { hostShellContract } from '../../support/host-shell-contract';
import { sandboxHome, startSshd, type RealSshd } from '../ssh/real-sshd';

let sshd: RealSshd;
let h: ReturnType<typeof sandboxHome>;
let pool: ConnectionPool;
const connector = () => hostConnector({ home: h.home, localUser: 't' }, {});

before(async () => {
  sshd = await startSshd();
  h = sandboxHome(`Host sim\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User root\n`);
  writeFileSync(join(h.home, '.ssh', 'known_hosts'), `${sshd.knownHostsLine}\n`);
  sshd.authorize(h.publicLine);
  pool = new ConnectionPool({ connect: connector(), initialDelayMs: 100, maxDelayMs: 300 });
});
after(async () => {
  pool?.dispose();
  await sshd?.dispose();
  h?.done();
});

const shell = (): SshHostShell => new SshHostShell('sim', () => pool.get('sim'));
const spec = (argv: string[], extra: Partial<JobSpec> = {}): JobSpec => ({ id: newJobId('other'), kind: 'other', argv, createdAt: new Date().toISOString(), ...extra });
const running = (tag: string): boolean => spawnSync('pgrep', ['-f', tag]).status === 0;

hostShellContract('ssh', {
  shell,
  home: () => sshd.sessionHome,
  scratch: () => sshd.dir,
  async startFromGoneClient(s) {
    // A second client (its own pool and connection) starts the job, then its connection is closed for good.
    const other = new ConnectionPool({ connect: connector() });
    try {
      await startJob(new SshHostShell('sim', () => other.get('sim')), s);
    } finally {
      other.dispose();
    }
  },
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

