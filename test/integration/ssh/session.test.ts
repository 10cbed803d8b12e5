/**
 * What features do over one connection, against a real sshd: exec with streaming and cancel, hostile argv,
 * SFTP, a local port forward to an HTTP server on the host's loopback, and the pool reconnecting after sshd
 * restarts.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { connectHost, type SshConnection } from '../../../src/core/ssh/connect';
import { resolveHost } from '../../../src/core/ssh/host-config';
import { execArgv } from '../../../src/core/ssh/exec';
import { CancelledError } from '../../../src/core/host-command/host-errors';
import { SshHostShell } from '../../../src/core/ssh/ssh-shell';
import { startLocalForward } from '../../../src/core/ssh/port-forward';
import { ConnectionPool, type ConnectionState } from '../../../src/core/ssh/connection-pool';
import { hostConnector } from '../../../src/core/ssh/host-connector';
import { HOSTILE_VALUES } from '../../unit/host-command/hostile-values';
import { eventually, makeTempDir, sandboxHome, startSshd, type RealSshd } from './real-sshd';

let sshd: RealSshd;
let h: ReturnType<typeof sandboxHome>;
let conn: SshConnection;
let work: string;

before(async () => {
  sshd = await startSshd();
  h = sandboxHome(`Host sim\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User root\n`);
  writeFileSync(join(h.home, '.ssh', 'known_hosts'), `${sshd.knownHostsLine}\n`);
  sshd.authorize(h.publicLine);
  conn = await connectHost(resolveHost('sim', { home: h.home, localUser: 't' }), {});
  work = makeTempDir('ascend-work-');
});
after(async () => {
  conn?.close();
  await sshd?.dispose();
  h?.done();
  rmSync(work, { recursive: true, force: true });
});

test('exec streams stdout and stderr as they come and returns the exit code', async () => {
  const chunks: string[] = [];
  let firstAt = 0;
  const t0 = Date.now();
  const r = await execArgv(conn.client, ['sh', '-c', 'echo one; sleep 0.4; echo two; echo err >&2; exit 7'], {
    onStdout: (d) => { if (!firstAt) firstAt = Date.now(); chunks.push(d.toString()); },
  });
  assert.equal(r.code, 7);
  assert.equal(r.stdout, 'one\ntwo\n');
  assert.equal(r.stderr, 'err\n');
  assert.ok(firstAt - t0 < Date.now() - t0 - 300, 'the first line arrived before the command ended');
  assert.ok(chunks.length >= 2);
});

test('hostile values travel through the real sshd intact and execute nothing', async () => {
  const marker = join(work, 'pwned');
  const values = HOSTILE_VALUES.map((v) => v.replaceAll('/tmp/pwned', marker));
  const r = await execArgv(conn.client, ['printf', '%s\\0', ...values]);
  assert.equal(r.code, 0, r.stderr);
  const got = r.stdout.split('\0');
  got.pop();
  assert.deepEqual(got, values);
  // And as the first word (a program name), a hostile value is just a missing program.
  const r2 = await execArgv(conn.client, [`x'; touch ${marker}; '`]);
  assert.notEqual(r2.code, 0);
  assert.equal(existsSync(marker), false);
});

test('cancel stops the remote command (its process group is killed)', async () => {
  const tag = `${30 + Math.random()}`;
  const ac = new AbortController();
  const p = execArgv(conn.client, ['sleep', tag], { signal: ac.signal });
  assert.ok(await eventually(() => spawnSync('pgrep', ['-f', `sleep ${tag}`]).status === 0, 3000), 'remote sleep started');
  ac.abort();
  await assert.rejects(p, CancelledError);
  assert.ok(await eventually(() => spawnSync('pgrep', ['-f', `sleep ${tag}`]).status !== 0, 3000), 'remote sleep is gone');
});

test('sftp upload keeps every byte, lands through a temporary name, and reads back', async () => {
  const data = randomBytes(3 * 1024 * 1024 + 17);
  const local = join(work, 'up.bin');
  writeFileSync(local, data);
  const remote = join(work, 'sub', 'remote.bin');
  const files = await new SshHostShell('sim', async () => conn.client).files();
  try {
    assert.equal(files.kind, 'sftp');
    let sent = 0;
    await files.put(local, remote, data.length, { onBytes: (n) => { sent += n; } });
    assert.equal(sent, data.length);
    assert.ok(readFileSync(remote).equals(data));
    assert.equal(existsSync(join(work, 'sub', '.remote.bin.ascend-llm-part')), false);
    await files.write(join(work, 'sub', 'note.txt'), 'hello\n');
    assert.equal(await files.read(join(work, 'sub', 'note.txt')), 'hello\n');
  } finally {
    files.close();
  }
});

test('a local port forward reaches an HTTP server listening only on the host loopback', async () => {
  const server: Server = createServer((req, res) => res.end(`hello ${req.url}`));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const remotePort = typeof addr === 'object' && addr ? addr.port : 0;
  const fwd = await startLocalForward(async () => conn.client, remotePort);
  try {
    assert.notEqual(fwd.localPort, remotePort);
    const bodies = await Promise.all([1, 2, 3].map(async (i) => (await fetch(`http://127.0.0.1:${fwd.localPort}/v1/models?${i}`)).text()));
    assert.deepEqual(bodies, ['hello /v1/models?1', 'hello /v1/models?2', 'hello /v1/models?3']);
  } finally {
    await fwd.close();
    await new Promise((r) => server.close(r));
  }
});

test('the pool shares one connection, reconnects with backoff after sshd restarts, and a forward keeps working', async () => {
  const states: ConnectionState[] = [];
  const pool = new ConnectionPool({
    connect: hostConnector({ home: h.home, localUser: 't' }, {}),
    initialDelayMs: 100,
    maxDelayMs: 400,
    onState: (_a, s) => states.push(s),
  });
  const server: Server = createServer((_req, res) => res.end('alive'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const fwd = await startLocalForward(() => pool.get('sim'), typeof addr === 'object' && addr ? addr.port : 0);
  try {
    const [a, b] = await Promise.all([pool.get('sim'), pool.get('sim')]);
    assert.equal(a, b, 'one shared connection');
    assert.equal(await (await fetch(`http://127.0.0.1:${fwd.localPort}/`)).text(), 'alive');

    await sshd.stop();
    assert.ok(await eventually(() => pool.state('sim') === 'reconnecting', 3000));
    await new Promise((r) => setTimeout(r, 700)); // a few failed attempts while sshd is down
    await sshd.start();
    assert.ok(await eventually(() => pool.state('sim') === 'connected', 5000), `states: ${states.join(',')}`);
    const c = await pool.get('sim');
    assert.notEqual(c, a, 'a new connection');
    assert.equal((await execArgv(c, ['echo', 'back'])).stdout, 'back\n');
    assert.equal(await (await fetch(`http://127.0.0.1:${fwd.localPort}/`)).text(), 'alive');
    assert.ok(states.filter((s) => s === 'reconnecting').length >= 2, `retried: ${states.join(',')}`);
  } finally {
    await fwd.close();
    pool.dispose();
    await new Promise((r) => server.close(r));
  }
});
