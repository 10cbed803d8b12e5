/**
 * Host key checks and authentication against a real OpenSSH sshd (and a second one as ProxyJump).
 * "Before any authentication" is read from sshd's own VERBOSE log: a client that authenticates leaves
 * "Postponed publickey" / "Accepted" lines there.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectHost, type ConnectOptions } from '../../../src/core/ssh/connect';
import { resolveHost } from '../../../src/core/ssh/host-config';
import { sha256Fingerprint } from '../../../src/core/ssh/fingerprint';
import { HostKeyRefusedError } from '../../../src/core/ssh/ssh-errors';
import type { UnknownHostInfo } from '../../../src/core/ssh/host-key-policy';
import type { SecretStoreLike } from '../../../src/core/ssh/secret-store';
import { ConnectionPool } from '../../../src/core/ssh/connection-pool';
import { hostConnector } from '../../../src/core/ssh/host-connector';
import { eventually, generateKey, makeTempDir, sandboxHome, startSshd, type RealSshd } from './real-sshd';

let sshd: RealSshd;
let jump: RealSshd;
const cleanups: (() => void)[] = [];

before(async () => {
  [sshd, jump] = await Promise.all([startSshd(), startSshd({ logLevel: 'DEBUG1' })]);
});
after(async () => {
  for (const c of cleanups) c();
  await Promise.all([sshd?.dispose(), jump?.dispose()]);
});

function home(extra = '', opts: { jumpHost?: boolean } = {}): ReturnType<typeof sandboxHome> {
  const lines = ['Host sim', '  HostName 127.0.0.1', `  Port ${sshd.port}`, '  User root', extra];
  if (opts.jumpHost) lines.push('Host jump', '  HostName 127.0.0.1', `  Port ${jump.port}`, '  User root', '  StrictHostKeyChecking accept-new');
  const h = sandboxHome(`${lines.join('\n')}\n`);
  sshd.authorize(h.publicLine);
  jump.authorize(h.publicLine);
  cleanups.push(h.done);
  return h;
}

async function connect(homeDir: string, opts: ConnectOptions = {}, alias = 'sim') {
  const resolve = (a: string) => resolveHost(a, { home: homeDir, localUser: 'tester' });
  return connectHost(resolve(alias), { resolveHop: resolve, ...opts });
}

/** Returns what sshd logs while `fn` runs. */
async function logDuring(server: RealSshd, fn: () => Promise<unknown>): Promise<string> {
  const start = server.log().length;
  await fn().catch(() => undefined);
  await eventually(() => /Connection closed|Disconnected|Received disconnect|Close session/.test(server.log().slice(start)));
  await new Promise((r) => setTimeout(r, 100));
  return server.log().slice(start);
}

class MapSecrets implements SecretStoreLike {
  readonly map = new Map<string, string>();
  async get(k: string) { return this.map.get(k); }
  async store(k: string, v: string) { this.map.set(k, v); }
  async delete(k: string) { this.map.delete(k); }
}

test('unknown host key: the callback gets its SHA256 fingerprint; "save" writes a hashed line, and the next connect does not ask', async () => {
  const h = home('  HashKnownHosts yes');
  const asked: UnknownHostInfo[] = [];
  const conn = await connect(h.home, { onUnknownHost: async (info) => { asked.push(info); return 'save'; } });
  conn.close();
  assert.equal(asked.length, 1);
  assert.equal(asked[0].fingerprint, sha256Fingerprint(sshd.hostKeyBlob));
  assert.equal(asked[0].port, sshd.port);
  const kh = readFileSync(join(h.home, '.ssh', 'known_hosts'), 'utf8');
  assert.match(kh, /^\|1\|/);
  const r = spawnSync('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', join(h.home, '.ssh', 'known_hosts')]);
  assert.equal(r.status, 0, 'OpenSSH finds the saved line');
  const again = await connect(h.home, { onUnknownHost: async () => { throw new Error('asked again'); } });
  again.close();
});

test('unknown host key: "once" connects without saving; "reject" refuses before any authentication', async () => {
  const h = home();
  const conn = await connect(h.home, { onUnknownHost: async () => 'once' });
  conn.close();
  assert.equal(existsSync(join(h.home, '.ssh', 'known_hosts')), false);
  let error: unknown;
  const log = await logDuring(sshd, () => connect(h.home, { onUnknownHost: async () => 'reject' }).catch((e) => { error = e; }));
  assert.ok(error instanceof HostKeyRefusedError && error.reason === 'rejected-by-user');
  assert.doesNotMatch(log, /Postponed publickey|Accepted/);
});

test('StrictHostKeyChecking yes refuses an unknown key without asking; accept-new saves it without asking', async () => {
  const strict = home('  StrictHostKeyChecking yes');
  await assert.rejects(connect(strict.home, { onUnknownHost: async () => { throw new Error('must not ask'); } }),
    (e: unknown) => e instanceof HostKeyRefusedError && e.reason === 'unknown-strict' && e.message.includes(sha256Fingerprint(sshd.hostKeyBlob)));
  const acceptNew = home('  StrictHostKeyChecking accept-new');
  (await connect(acceptNew.home, { onUnknownHost: async () => { throw new Error('must not ask'); } })).close();
  assert.ok(readFileSync(join(acceptNew.home, '.ssh', 'known_hosts'), 'utf8').includes(sshd.knownHostsLine.split(' ')[2]));
});

test('changed host key: refused with both fingerprints, and sshd sees no authentication attempt', async () => {
  const h = home('  StrictHostKeyChecking no');
  const dir = makeTempDir('otherkey-');
  cleanups.push(() => spawnSync('rm', ['-rf', dir]));
  const [, otherPub] = generateKey(join(dir, 'k'));
  const otherBlob = Buffer.from(otherPub.split(' ')[1], 'base64');
  writeFileSync(join(h.home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${otherPub.split(' ').slice(0, 2).join(' ')}\n`);
  let error: unknown;
  const log = await logDuring(sshd, () => connect(h.home, { onUnknownHost: async () => 'save' }).catch((e) => { error = e; }));
  assert.ok(error instanceof HostKeyRefusedError, String(error));
  assert.equal(error.reason, 'changed');
  assert.ok(error.message.includes(sha256Fingerprint(otherBlob)), error.message);
  assert.ok(error.message.includes(sha256Fingerprint(sshd.hostKeyBlob)), error.message);
  assert.match(log, /Connection from 127\.0\.0\.1/);
  assert.doesNotMatch(log, /Postponed publickey|Accepted|Failed/);
  // The same home with the right key authenticates (so the refusal above was about the key, not the client).
  writeFileSync(join(h.home, '.ssh', 'known_hosts'), `${sshd.knownHostsLine}\n`);
  const ok = await logDuring(sshd, async () => (await connect(h.home)).close());
  assert.match(ok, /Accepted publickey for root/);
});

test('revoked host key: refused before authentication', async () => {
  const h = home();
  writeFileSync(join(h.home, '.ssh', 'known_hosts'), `${sshd.knownHostsLine}\n@revoked * ${sshd.knownHostsLine.split(' ').slice(1).join(' ')}\n`);
  let error: unknown;
  const log = await logDuring(sshd, () => connect(h.home, { onUnknownHost: async () => 'save' }).catch((e) => { error = e; }));
  assert.ok(error instanceof HostKeyRefusedError && error.reason === 'revoked', String(error));
  assert.doesNotMatch(log, /Postponed publickey|Accepted/);
});

test('passphrase-protected key: asked through the callback (again after a wrong one), then kept in the SecretStore and not asked again', async () => {
  const h = home(`  IdentityFile ~/.ssh/locked\n  StrictHostKeyChecking accept-new`);
  const [, pub] = generateKey(join(h.home, '.ssh', 'locked'), 'correct horse');
  sshd.authorize(pub);
  // IdentityFile is set, so the sandbox's default id_ed25519 is not tried: only the locked key can log in.
  const secrets = new MapSecrets();
  const asked: number[] = [];
  const onPassphrase = async (_file: string, attempt: number) => { asked.push(attempt); return attempt === 1 ? 'wrong' : 'correct horse'; };
  const log = await logDuring(sshd, async () => (await connect(h.home, { secrets, onPassphrase })).close());
  assert.deepEqual(asked, [1, 2], 'a wrong passphrase is asked again');
  assert.equal([...secrets.map.values()][0], 'correct horse');
  assert.match(log, new RegExp(`Accepted publickey for root .*${sha256Fingerprint(Buffer.from(pub.split(' ')[1], 'base64')).replace(/[+/]/g, '.')}`));
  (await connect(h.home, { secrets, onPassphrase: async () => { throw new Error('asked again'); } })).close();
});

test('agent first: a key in a real ssh-agent is used, and key files are not even opened', async () => {
  const h = home(`  IdentityFile ~/.ssh/locked\n  StrictHostKeyChecking accept-new`);
  const [, lockedPub] = generateKey(join(h.home, '.ssh', 'locked'), 'pw');
  sshd.authorize(lockedPub);
  const agentKeyDir = makeTempDir('agentkey-');
  const sock = join(agentKeyDir, 'agent.sock');
  const [agentKey, agentPub] = generateKey(join(agentKeyDir, 'id'));
  sshd.authorize(agentPub);
  const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
  try {
    assert.ok(await eventually(() => existsSync(sock), 3000));
    const add = spawnSync('ssh-add', [agentKey], { env: { ...process.env, SSH_AUTH_SOCK: sock }, encoding: 'utf8' });
    assert.equal(add.status, 0, add.stderr);
    const log = await logDuring(sshd, async () => (await connect(h.home, {
      agentSocket: sock,
      onPassphrase: async () => { throw new Error('key file tried before the agent'); },
    })).close());
    const agentFp = sha256Fingerprint(Buffer.from(agentPub.split(' ')[1], 'base64'));
    assert.ok(log.includes(`Accepted publickey for root from 127.0.0.1`) && log.includes(agentFp), log);
  } finally {
    agent.kill('SIGTERM');
    spawnSync('rm', ['-rf', agentKeyDir]);
  }
});

test('ProxyJump: the target is reached through a second sshd (its log shows the direct-tcpip to the target)', async () => {
  const h = home('  ProxyJump jump\n  StrictHostKeyChecking accept-new', { jumpHost: true });
  const start = jump.log().length;
  const conn = await connect(h.home);
  try {
    assert.equal(conn.hops.length, 1);
    const out = await new Promise<string>((resolve, reject) => conn.client.exec('echo via-jump', (err, s) => {
      if (err) return reject(err);
      let text = '';
      s.on('data', (d: Buffer) => { text += d.toString(); }).on('close', () => resolve(text));
    }));
    assert.equal(out.trim(), 'via-jump');
  } finally {
    conn.close();
  }
  assert.ok(await eventually(() => jump.log().slice(start).includes(`target 127.0.0.1 port ${sshd.port}`)), jump.log().slice(start));
  const kh = readFileSync(join(h.home, '.ssh', 'known_hosts'), 'utf8');
  assert.ok(kh.includes(`[127.0.0.1]:${jump.port} `) && kh.includes(`[127.0.0.1]:${sshd.port} `), 'both host keys were checked and saved');
});

test('with no prompt (the CLI) and StrictHostKeyChecking ask, an unknown key is refused and its fingerprint shown', async () => {
  const h = home();
  await assert.rejects(connect(h.home), (e: unknown) => e instanceof HostKeyRefusedError && e.reason === 'unknown-strict'
    && e.message.includes(sha256Fingerprint(sshd.hostKeyBlob)));
});

test('the pool does not retry a refused host key', async () => {
  const h = home('  StrictHostKeyChecking yes');
  let attempts = 0;
  const connect = hostConnector({ home: h.home, localUser: 'tester' }, {});
  const pool = new ConnectionPool({ connect: (a) => { attempts++; return connect(a); }, initialDelayMs: 50 });
  try {
    await assert.rejects(pool.get('sim'), HostKeyRefusedError);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(attempts, 1);
    assert.equal(pool.state('sim'), 'failed');
  } finally {
    pool.dispose();
  }
});
