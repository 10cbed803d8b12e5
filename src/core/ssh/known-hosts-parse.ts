/**
 * Parses known_hosts files (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): optional marker (`@revoked`,
 * `@cert-authority`), a host field (comma-separated patterns, or one hashed `|1|salt|hash` entry), key type,
 * base64 key, optional comment. Malformed lines are skipped, as ssh does.
 */
export type KnownHostMarker = 'revoked' | 'cert-authority';

export interface KnownHostEntry {
  file: string;
  /** 1-based line number. */
  line: number;
  marker?: KnownHostMarker;
  /** Plain patterns (lower case kept as written), when the host field is not hashed. */
  patterns?: string[];
  /** Salt and HMAC-SHA1 of the host name, when the host field is `|1|salt|hash`. */
  hashed?: { salt: Buffer; hash: Buffer };
  keyType: string;
  keyBlob: Buffer;
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const entry = parseLine(lines[i].replace(/\r$/, ''), file, i + 1);
    if (entry) out.push(entry);
  }
  return out;
}

function parseLine(raw: string, file: string, line: number): KnownHostEntry | undefined {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  const fields = text.split(/[ \t]+/);
  let marker: KnownHostMarker | undefined;
  if (fields[0].startsWith('@')) {
    const m = fields.shift()?.toLowerCase();
    if (m === '@revoked') marker = 'revoked';
    else if (m === '@cert-authority') marker = 'cert-authority';
    else return undefined;
  }
  if (fields.length < 3) return undefined;
  const [hostField, keyType, b64] = fields;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return undefined;
  const keyBlob = Buffer.from(b64, 'base64');
  const entry: KnownHostEntry = { file, line, marker, keyType, keyBlob };
  if (hostField.startsWith('|')) {
    const m = /^\|1\|([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)$/.exec(hostField);
    if (!m) return undefined;
    entry.hashed = { salt: Buffer.from(m[1], 'base64'), hash: Buffer.from(m[2], 'base64') };
    if (entry.hashed.salt.length !== 20 || entry.hashed.hash.length !== 20) return undefined;
  } else {
    entry.patterns = hostField.split(',').filter((p) => p !== '');
  }
  return entry;
}
