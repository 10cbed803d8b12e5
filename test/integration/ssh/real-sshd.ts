/**
 * Test-only: a real OpenSSH sshd on 127.0.0.1:<free port>, with its own host key, authorized_keys and a
 * VERBOSE log (docs/testing-here.md). Always stop() it in after().
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export { freePort } from '../../support/ports';
import { freePort } from '../../support/ports';

export interface RealSshd {
  dir: string;
  /** HOME inside this server's sessions. */
  sessionHome: string;
  port: number;
  hostKeyPath: string;
  /** The host public key blob (what a client sees). */
  hostKeyBlob: Buffer;
  /** `[127.0.0.1]:port ssh-ed25519 AAAA...` */
  knownHostsLine: string;
  logPath: string;
  log(): string;
  authorize(publicKeyLine: string): void;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** stop() and remove its folder. */
  dispose(): Promise<void>;
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * ssh-keygen a key pair; returns [privatePath, publicLine]. Encrypted keys use 2 KDF rounds instead of 16 so
 * that decrypting them in JavaScript stays fast in tests (the format is the same).
 */
export function generateKey(path: string, passphrase = '', type = 'ed25519'): [string, string] {
  const rounds = passphrase ? ['-a', '2'] : [];
  const r = spawnSync('ssh-keygen', ['-q', '-t', type, ...rounds, '-N', passphrase, '-C', 'test', '-f', path]);
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
  return [path, readFileSync(`${path}.pub`, 'utf8').trim()];
}

export function blobOfPublicLine(line: string): Buffer {
  return Buffer.from(line.split(/\s+/)[1], 'base64');
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tryOnce = (): void => {
      const s = netConnect(port, '127.0.0.1');
      s.once('data', () => { s.destroy(); resolve(); });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > deadline) reject(new Error(`sshd did not listen on ${port}`));
        else setTimeout(tryOnce, 30);
      });
    };
    tryOnce();
  });
}

export async function startSshd(opts: { extraConfig?: string; hostKeyType?: string; port?: number; logLevel?: string } = {}): Promise<RealSshd> {
  mkdirSync('/run/sshd', { recursive: true });
  const dir = makeTempDir('ascend-sshd-');
  const hostKeyPath = join(dir, 'hostkey');
  const [, hostPub] = generateKey(hostKeyPath, '', opts.hostKeyType ?? 'ed25519');
  const port = opts.port ?? await freePort();
  const logPath = join(dir, 'sshd.log');
  const authorizedKeys = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, '');
  // Sessions get their own HOME (no dotfiles of this machine's root: its .bashrc is slow and not ours).
  const sessionHome = join(dir, 'home');
  mkdirSync(sessionHome);
  const configPath = join(dir, 'sshd_config');
  writeFileSync(configPath, [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${hostKeyPath}`, `AuthorizedKeysFile ${authorizedKeys}`,
    'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM no', 'StrictModes no',
    'PermitRootLogin prohibit-password', `LogLevel ${opts.logLevel ?? 'VERBOSE'}`, `PidFile ${join(dir, 'sshd.pid')}`,
    'AllowTcpForwarding yes', 'Subsystem sftp internal-sftp', 'MaxStartups 50', 'MaxSessions 50', `SetEnv HOME=${sessionHome}`, opts.extraConfig ?? '', '',
  ].join('\n'));
  let child: ChildProcess | undefined;
  const hostKeyBlob = blobOfPublicLine(hostPub);
  const sshd: RealSshd = {
    dir, sessionHome, port, hostKeyPath, hostKeyBlob, logPath,
    knownHostsLine: `[127.0.0.1]:${port} ${hostPub.split(/\s+/).slice(0, 2).join(' ')}`,
    log: () => { try { return readFileSync(logPath, 'utf8'); } catch { return ''; } },
    authorize: (line) => appendFileSync(authorizedKeys, `${line}\n`),
    start: async () => {
      child = spawn('/usr/sbin/sshd', ['-D', '-f', configPath, '-E', logPath], { stdio: 'ignore' });
      await waitForPort(port, 5000);
    },
    dispose: async () => undefined,
    stop: async () => {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      // Per-connection sshd processes are the listener's children: end them too, so a stop drops every
      // session (as a restarted host would) and nothing is left running.
      if (c.pid) spawnSync('pkill', ['-TERM', '-P', String(c.pid)]);
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
      });
    },
  };
  sshd.dispose = async () => {
    await sshd.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  await sshd.start();
  return sshd;
}

/** Polls until `check` is true (logs reach the file a little after the client sees the result). */
export async function eventually(check: () => boolean, timeoutMs = 2000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/** A sandbox HOME with ~/.ssh/config text and an authorized client key; `done()` removes it. */
export function sandboxHome(configText: string): { home: string; keyPath: string; publicLine: string; done: () => void } {
  const home = makeTempDir('ascend-home-');
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const [keyPath, publicLine] = generateKey(join(home, '.ssh', 'id_ed25519'));
  writeFileSync(join(home, '.ssh', 'config'), configText);
  return { home, keyPath, publicLine, done: () => rmSync(home, { recursive: true, force: true }) };
}
