// The sandbox HOME that `npm start` and the e2e tests give VS Code and the CLI: its ~/.ssh names the simulated
// host, so the developer's own ~/.ssh is never read or written.
import { appendFileSync, chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sshConfigBlock, type SimHost } from './index.js';

/** Writes <home>/.ssh/{config, known_hosts, id_simhost_<alias>}; appends when several hosts share one sandbox. */
export function writeSandboxSsh(home: string, host: Pick<SimHost, 'alias' | 'host' | 'port' | 'user' | 'keyPath' | 'knownHostsLine'>): { sshDir: string; configPath: string } {
  const sshDir = join(home, '.ssh');
  mkdirSync(sshDir, { recursive: true, mode: 0o700 });
  chmodSync(sshDir, 0o700);
  const key = join(sshDir, `id_simhost_${host.alias}`);
  copyFileSync(host.keyPath, key);
  chmodSync(key, 0o600);
  copyFileSync(`${host.keyPath}.pub`, `${key}.pub`);
  const knownHostsPath = join(sshDir, 'known_hosts');
  appendFileSync(knownHostsPath, `${host.knownHostsLine}\n`);
  chmodSync(knownHostsPath, 0o600);
  const configPath = join(sshDir, 'config');
  appendFileSync(configPath, sshConfigBlock({ alias: host.alias, host: host.host, port: host.port, user: host.user, keyPath: key, knownHostsPath }));
  chmodSync(configPath, 0o600);
  return { sshDir, configPath };
}

/** Convenience for a fresh sandbox: clears any previous ssh config of that sandbox first. */
export function resetSandboxSsh(home: string): void {
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  writeFileSync(join(home, '.ssh', 'config'), '');
  writeFileSync(join(home, '.ssh', 'known_hosts'), '');
}
