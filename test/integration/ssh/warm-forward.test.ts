/**
 * The completion forward stays warm (src/core/ssh/port-forward.ts), against a real sshd: a channel is opened ahead,
 * so a new local connection (after an aborted stream or vLLM's keep-alive timeout) finds one waiting instead of a
 * round trip to the host; a spare the host side closes is replaced; keep-alive connections reuse their channel.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { connectHost, type SshConnection } from '../../../src/core/ssh/connect';
import { resolveHost } from '../../../src/core/ssh/host-config';
import { startLocalForward } from '../../../src/core/ssh/port-forward';
import { eventually, sandboxHome, startSshd, type RealSshd } from './real-sshd';

let sshd: RealSshd;
let h: ReturnType<typeof sandboxHome>;
let conn: SshConnection;
let server: http.Server;
let remotePort = 0;
const accepted: Socket[] = [];

before(async () => {
  sshd = await startSshd();
  h = sandboxHome(`Host sim\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User root\n`);
  writeFileSync(join(h.home, '.ssh', 'known_hosts'), `${sshd.knownHostsLine}\n`);
  sshd.authorize(h.publicLine);
  conn = await connectHost(resolveHost('sim', { home: h.home, localUser: 't' }), {});
  server = http.createServer((req, res) => res.end(`ok ${req.url}`));
  server.on('connection', (s: Socket) => accepted.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  remotePort = (server.address() as { port: number }).port;
});
after(async () => {
  conn?.close();
  await new Promise((r) => server.close(r));
  await sshd?.dispose();
  h?.done();
});

const get = (port: number, path: string, agent?: http.Agent) => new Promise<string>((resolve, reject) => {
  http.get({ host: '127.0.0.1', port, path, agent: agent ?? false }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => { body += c; });
    res.on('end', () => resolve(body));
  }).on('error', reject);
});

test('a spare channel is open before the first connection, and each new connection takes one', async () => {
  const fwd = await startLocalForward(async () => conn.client, remotePort);
  try {
    assert.ok(await eventually(() => fwd.stats.channelsOpened === 1, 5000), 'a spare is opened ahead');
    assert.equal(await get(fwd.localPort, '/a'), 'ok /a');
    assert.equal(fwd.stats.sparesUsed, 1);
    // The next connection (a new TCP connection, as after an aborted stream) finds the refilled spare waiting.
    assert.ok(await eventually(() => fwd.stats.channelsOpened === 2, 5000), 'refilled');
    assert.equal(await get(fwd.localPort, '/b'), 'ok /b');
    assert.equal(fwd.stats.sparesUsed, 2);
  } finally {
    await fwd.close();
  }
});

test('without spares every connection waits for its own channel', async () => {
  const fwd = await startLocalForward(async () => conn.client, remotePort, { spares: 0 });
  try {
    assert.equal(await get(fwd.localPort, '/c'), 'ok /c');
    assert.equal(await get(fwd.localPort, '/d'), 'ok /d');
    assert.equal(fwd.stats.sparesUsed, 0);
    assert.equal(fwd.stats.channelsOpened, 2);
  } finally {
    await fwd.close();
  }
});

test('a keep-alive client reuses its connection and channel; a spare the host closes is replaced', async () => {
  const fwd = await startLocalForward(async () => conn.client, remotePort, { respareMs: 50 });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    assert.ok(await eventually(() => fwd.stats.channelsOpened === 1, 5000));
    for (const p of ['/1', '/2', '/3']) assert.equal(await get(fwd.localPort, p, agent), `ok ${p}`);
    assert.equal(fwd.stats.sparesUsed, 1, 'one connection for three requests');
    assert.ok(await eventually(() => fwd.stats.channelsOpened === 2, 5000));
    // The host side drops the idle spare (as a server's idle timeout would): another is opened.
    const before = accepted.length;
    for (const s of accepted.slice(0, before)) if (s.bytesRead === 0) s.destroy();
    assert.ok(await eventually(() => fwd.stats.channelsOpened === 3, 5000), 'replaced');
  } finally {
    agent.destroy();
    await fwd.close();
  }
});
