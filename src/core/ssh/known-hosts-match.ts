/**
 * Does a known_hosts entry name this host? The name looked up is `host` for port 22 and `[host]:port`
 * otherwise (OpenSSH put_host_port). Hashed entries compare HMAC-SHA1(salt, name); plain ones use OpenSSH's
 * pattern lists (wildcards, `!negation`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KnownHostEntry } from './known-hosts-parse';
import { matchHostPatterns } from './ssh-pattern';

export function knownHostsName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

export function hashHostName(name: string, salt: Buffer): Buffer {
  return createHmac('sha1', salt).update(name).digest();
}

export function entryMatchesName(entry: KnownHostEntry, name: string): boolean {
  if (entry.hashed) {
    const h = hashHostName(name, entry.hashed.salt);
    return h.length === entry.hashed.hash.length && timingSafeEqual(h, entry.hashed.hash);
  }
  return matchHostPatterns(entry.patterns ?? [], name) === 'match';
}
