/**
 * Pure half of the build-context sync: which local files a `.dockerignore` excludes, and which files to upload
 * or delete given the content hashes on both sides. The host keeps the hashes of the last sync in a manifest,
 * so an unchanged context uploads nothing. `.dockerignore` is ./dockerignore.ts.
 */

export { isIgnored, parseDockerignore, DockerignoreError, type IgnoreRule } from './dockerignore';

export interface SyncPlan {
  upload: string[];
  remove: string[];
  unchanged: number;
}

/** Files whose hash differs (or that the host lacks) are uploaded; files the host has and we don't are removed. */
export function planContextSync(local: ReadonlyMap<string, string>, remote: ReadonlyMap<string, string>): SyncPlan {
  const upload: string[] = [];
  let unchanged = 0;
  for (const [path, hash] of local) {
    if (remote.get(path) === hash) unchanged++;
    else upload.push(path);
  }
  const remove = [...remote.keys()].filter((p) => !local.has(p));
  return { upload: upload.sort(), remove: remove.sort(), unchanged };
}

/** The manifest the host keeps: `{ "files": { "<relPath>": "<sha256 hex>" } }`; anything else reads as empty. */
export function parseManifest(text: string | undefined): Map<string, string> {
  try {
    const v = JSON.parse(text ?? '') as { files?: Record<string, unknown> };
    return new Map(Object.entries(v.files ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && /^[0-9a-f]{64}$/.test(e[1]) && safeRelPath(e[0])));
  } catch {
    return new Map();
  }
}

/**
 * The manifest entries still worth trusting: the host has the file, at the size the local file has now. A file
 * deleted or truncated on the host since the last sync is uploaded again; an entry for a file gone both
 * locally and on the host is dropped (nothing to delete).
 */
export function trustedManifest(manifest: ReadonlyMap<string, string>, remoteSizes: ReadonlyMap<string, number>, localSizes: ReadonlyMap<string, number>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [rel, hash] of manifest) {
    const there = remoteSizes.get(rel);
    if (there === undefined) continue;
    const here = localSizes.get(rel);
    if (here !== undefined && here !== there) continue;
    out.set(rel, hash);
  }
  return out;
}

/** Parses `find . -type f -printf "%s %P\0"`: relPath → size. Malformed records are ignored. */
export function parseRemoteSizes(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const rec of text.split('\0')) {
    const m = /^(\d+) (.+)$/s.exec(rec);
    if (m && safeRelPath(m[2])) out.set(m[2], Number(m[1]));
  }
  return out;
}

/** Relative, forward slashes, no `.`/`..` segments: what a manifest may name. */
export function safeRelPath(p: string): boolean {
  return p.length > 0 && !p.startsWith('/') && !p.includes('\0') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

export function formatManifest(files: ReadonlyMap<string, string>): string {
  return `${JSON.stringify({ files: Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1))) })}\n`;
}

export const MANIFEST_NAME = '.ascend-llm-manifest.json';

/** The manifest's hash for a name an upload claimed before creating it: never a real sha256, so it is sent again. */
export const CLAIMED_HASH = '0'.repeat(64);
