/**
 * sha256 of local files, remembered by path while the file's identity, size and change times stay the same, so
 * an unchanged build context or model folder is not read again on the next sync (re-sync under 1 s,
 * test/bench/remote/resync.bench.ts). The extension keeps the memory for its lifetime; the CLI, a new process
 * each time, loads and saves it as a file (`loadHashCache` / `saveHashCache`).
 * ctime cannot be set back by tools (`touch -d`, tar), and a file changed within a clock tick of its previous
 * change may keep its times, so only files whose last change was well before the hashing are remembered.
 */
import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CancelledError } from '../../host-command/host-errors';

const hashCache = new Map<string, { key: string; hash: string }>();
const HASH_CACHE_MAX = 200_000;
const RACY_MS = 2000;

/** Empties the memory (as a new process starts). */
export function forgetLocalHashes(): void {
  hashCache.clear();
}

export function hashFile(path: string, signal: AbortSignal | undefined, onBytes: (n: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const h = createHash('sha256');
    const s = createReadStream(path);
    const onAbort = (): void => { s.destroy(new CancelledError()); };
    signal?.addEventListener('abort', onAbort, { once: true });
    s.on('data', (d: Buffer | string) => {
      h.update(d);
      onBytes(d.length);
    }).on('error', (e) => {
      signal?.removeEventListener('abort', onAbort);
      reject(e);
    }).on('end', () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(h.digest('hex'));
    });
  });
}

const statKey = (st: Stats): string => `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;

/** The file's sha256, from memory when its stat key is the one it was hashed with. */
export async function cachedHash(abs: string, st: Stats, signal: AbortSignal | undefined, onBytes: (n: number) => void): Promise<string> {
  if (signal?.aborted) throw new CancelledError();
  const key = statKey(st);
  const hit = hashCache.get(abs);
  if (hit?.key === key) {
    onBytes(st.size);
    return hit.hash;
  }
  const started = Date.now();
  const hash = await hashFile(abs, signal, onBytes);
  if (started - Math.max(st.mtimeMs, st.ctimeMs) > RACY_MS) {
    if (hashCache.size >= HASH_CACHE_MAX) hashCache.clear();
    hashCache.set(abs, { key, hash });
  }
  return hash;
}

/** Adds the entries of a file written by {@link saveHashCache}; a missing or damaged file adds nothing. */
export async function loadHashCache(file: string): Promise<void> {
  let v: unknown;
  try {
    v = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return;
  }
  const entries = (v as { version?: unknown; entries?: unknown })?.entries;
  if ((v as { version?: unknown }).version !== 1 || !entries || typeof entries !== 'object') return;
  for (const [abs, e] of Object.entries(entries as Record<string, unknown>)) {
    if (hashCache.size >= HASH_CACHE_MAX) break;
    if (Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string' && /^[0-9a-f]{64}$/.test(e[1])) {
      hashCache.set(abs, { key: e[0], hash: e[1] });
    }
  }
}

/** Writes the memory to `file` (private to the user; replaced atomically). Best effort: errors are ignored. */
export async function saveHashCache(file: string): Promise<void> {
  const entries = Object.fromEntries([...hashCache].map(([abs, e]) => [abs, [e.key, e.hash]]));
  try {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ version: 1, entries }), { mode: 0o600 });
    await rename(tmp, file);
  } catch {
    // a cache: the next run hashes again
  }
}
