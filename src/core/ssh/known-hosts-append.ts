/**
 * Accept-and-save: appends one line for a host key to the user's known_hosts, hashed (`|1|salt|hash`, as
 * `HashKnownHosts yes` does) or plain. Creates ~/.ssh (0700) and the file (0600) when missing.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { keyTypeOfBlob } from './fingerprint';
import { hashHostName, knownHostsName } from './known-hosts-match';

export function formatKnownHostsLine(host: string, port: number, keyBlob: Buffer, hashed: boolean, salt?: Buffer): string {
  const name = knownHostsName(host, port);
  let field = name;
  if (hashed) {
    const s = salt ?? randomBytes(20);
    field = `|1|${s.toString('base64')}|${hashHostName(name, s).toString('base64')}`;
  }
  return `${field} ${keyTypeOfBlob(keyBlob)} ${keyBlob.toString('base64')}`;
}

export function appendKnownHost(file: string, line: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  if (existsSync(file)) {
    const current = readFileSync(file, 'utf8');
    if (current.length > 0 && !current.endsWith('\n')) prefix = '\n';
  }
  appendFileSync(file, `${prefix}${line}\n`, { mode: 0o600 });
}
