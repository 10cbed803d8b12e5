/**
 * The verdict on a presented host key, from every known_hosts file ssh would read (UserKnownHostsFile list,
 * then GlobalKnownHostsFile list):
 * - revoked: a `@revoked` line for this host carries this exact key;
 * - known: a plain line for this host carries it;
 * - changed: the host has a line with a key of the same type but different bytes (both fingerprints given);
 * - unknown: none of these (keys of other types known for the host are listed, as ssh mentions them).
 * `@cert-authority` lines are ignored: we do not accept host certificates, so they never vouch for a key.
 */
import { readFileSync } from 'node:fs';
import { keyTypeOfBlob, sha256Fingerprint } from './fingerprint';
import { entryMatchesName, knownHostsName } from './known-hosts-match';
import { parseKnownHosts, type KnownHostEntry } from './known-hosts-parse';

export interface KnownAt { file: string; line: number }

export type HostKeyVerdict =
  | { kind: 'known'; fingerprint: string; at: KnownAt }
  | { kind: 'unknown'; fingerprint: string; keyType: string; otherKnownTypes: string[] }
  | { kind: 'changed'; fingerprint: string; expectedFingerprints: string[]; at: KnownAt[] }
  | { kind: 'revoked'; fingerprint: string; at: KnownAt };

export interface HostKeyQuery {
  /** The host name (HostName, or HostKeyAlias when set) and port the key is checked for. */
  host: string;
  port: number;
  keyBlob: Buffer;
  files: readonly string[];
}

export function readKnownHostsFiles(files: readonly string[]): KnownHostEntry[] {
  return files.flatMap((f) => {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      return [];
    }
    return parseKnownHosts(text, f);
  });
}

export function checkHostKey(q: HostKeyQuery): HostKeyVerdict {
  return verdictFromEntries(readKnownHostsFiles(q.files), q.host, q.port, q.keyBlob);
}

export function verdictFromEntries(entries: readonly KnownHostEntry[], host: string, port: number, keyBlob: Buffer): HostKeyVerdict {
  const name = knownHostsName(host, port);
  const fingerprint = sha256Fingerprint(keyBlob);
  const keyType = keyTypeOfBlob(keyBlob);
  const forHost = entries.filter((e) => e.marker !== 'cert-authority' && entryMatchesName(e, name));
  const at = (e: KnownHostEntry): KnownAt => ({ file: e.file, line: e.line });

  const revoked = forHost.find((e) => e.marker === 'revoked' && e.keyBlob.equals(keyBlob));
  if (revoked) return { kind: 'revoked', fingerprint, at: at(revoked) };
  const plain = forHost.filter((e) => e.marker === undefined);
  const same = plain.find((e) => e.keyBlob.equals(keyBlob));
  if (same) return { kind: 'known', fingerprint, at: at(same) };
  const sameType = plain.filter((e) => keyTypeOfBlob(e.keyBlob) === keyType);
  if (sameType.length > 0) {
    return {
      kind: 'changed',
      fingerprint,
      expectedFingerprints: [...new Set(sameType.map((e) => sha256Fingerprint(e.keyBlob)))],
      at: sameType.map(at),
    };
  }
  const otherKnownTypes = [...new Set(plain.map((e) => keyTypeOfBlob(e.keyBlob)))];
  return { kind: 'unknown', fingerprint, keyType, otherKnownTypes };
}

/** The key types this host has in known_hosts (to prefer them when negotiating, as ssh does). */
export function knownKeyTypes(files: readonly string[], host: string, port: number): string[] {
  const name = knownHostsName(host, port);
  return [...new Set(readKnownHostsFiles(files)
    .filter((e) => e.marker === undefined && entryMatchesName(e, name))
    .map((e) => keyTypeOfBlob(e.keyBlob)))];
}
