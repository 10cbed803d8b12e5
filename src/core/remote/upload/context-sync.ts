/**
 * Incremental upload of a local folder to the host: build contexts (`~/.ascend-llm/contexts/<name>/`, respecting
 * `.dockerignore`), model folders (`model.hostPath`) and image tarballs. Files are hashed (sha256) locally and
 * compared with the manifest the host kept from the last sync; only changed files are uploaded, and files gone
 * locally (that an earlier sync uploaded) are deleted on the host. A manifest entry counts only while the host
 * still has that file at the local size, so a file deleted or truncated on the host is sent again.
 *
 * The manifest is rewritten every few seconds during a long upload and on cancel, so an interrupted upload
 * resumes with the files it had finished. Symlinks: skipped in build contexts; in model folders, a link to a
 * file inside the folder is uploaded as that file, and links leaving the folder are never followed.
 */
import type { Stats } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, posix, sep } from 'node:path';
import { t } from '../../l10n/index';
import { openContextStore, partName, type ContextStore } from './context-store';
import { InputRefusedError } from '../../host-command/validate-input';
import { CLAIMED_HASH, formatManifest, isIgnored, MANIFEST_NAME, parseDockerignore, parseManifest, parseRemoteSizes, planContextSync, trustedManifest, type IgnoreRule, type SyncPlan } from './context-sync-plan';
import { run } from '../host/remote-io';
import { cachedHash, hashFile } from './file-hashes';
import { byteMeter, formatBytes, type ProgressFn } from './transfer-progress';
import { CancelledError } from '../../host-command/host-errors';
import type { RunContext } from '../host/run-context';

export interface LocalFile {
  /** The file to read (a followed symlink's target). */
  abs: string;
  size: number;
  hash: string;
  /** Permission bits of the local file (e.g. 0o600); the upload keeps them. */
  mode?: number;
}

export interface LocalTree {
  /** relPath (forward slashes) → file. */
  files: Map<string, LocalFile>;
  /** Symlinks that were not followed (relPath), e.g. links leaving the folder. */
  skipped: string[];
}

export interface ScanOptions {
  /** Apply the folder's `.dockerignore` (build contexts). */
  dockerignore?: boolean;
  /** Paths kept even when `.dockerignore` excludes them (the Dockerfile). */
  keep?: readonly string[];
  /** `inside`: follow symlinks to files inside the folder; default `skip`: ignore every symlink. */
  symlinks?: 'skip' | 'inside';
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** What the progress line calls the folder. */
  label?: string;
}

const within = (root: string, p: string): boolean => p.startsWith(root.endsWith(sep) ? root : root + sep);

export { forgetLocalHashes, loadHashCache, saveHashCache } from './file-hashes';

/** Every file of `dir` the options keep, with its size and sha256. */
export async function scanTree(dir: string, opts: ScanOptions = {}): Promise<LocalTree> {
  let rules: IgnoreRule[] = [];
  if (opts.dockerignore) {
    const text = await readFile(join(dir, '.dockerignore'), 'utf8').catch(() => undefined);
    if (text !== undefined) rules = parseDockerignore(text); // DockerignoreError: a line Docker refuses too
  }
  const root = await realpath(dir);
  const found: { rel: string; abs: string; size: number; st: Stats }[] = [];
  const skipped: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (p === MANIFEST_NAME || (isIgnored(p, rules) && !(opts.keep ?? []).includes(p))) continue;
      const abs = join(dir, p);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        const st = await lstat(abs);
        found.push({ rel: p, abs, size: st.size, st });
      }
      else if (e.isSymbolicLink() && opts.symlinks === 'inside') {
        const target = await realpath(abs).catch(() => undefined);
        const st = target && within(root, target) ? await stat(target).catch(() => undefined) : undefined;
        if (target && st?.isFile()) found.push({ rel: p, abs: target, size: st.size, st });
        else skipped.push(p);
      }
    }
  };
  await walk('');
  const total = found.reduce((n, f) => n + f.size, 0);
  const meter = byteMeter(opts.onProgress, opts.label ?? dir, total, false);
  const files = new Map<string, LocalFile>();
  for (const f of found) files.set(f.rel, { abs: f.abs, size: f.size, hash: await cachedHash(f.abs, f.st, opts.signal, meter.add), mode: f.st.mode & 0o777 });
  if (found.length > 0) meter.flush();
  return { files, skipped };
}

/** One file (e.g. an image tarball), hashed with progress. */
export async function scanFile(path: string, opts: Pick<ScanOptions, 'signal' | 'onProgress' | 'label'> = {}): Promise<LocalFile> {
  const st = await stat(path);
  const size = st.size;
  const meter = byteMeter(opts.onProgress, opts.label ?? path, size, false);
  const hash = await hashFile(path, opts.signal, meter.add);
  meter.flush();
  return { abs: path, size, hash, mode: st.mode & 0o777 };
}

/** relPath → sha256 of every file of the context that .dockerignore keeps (and those in `keep`). */
export async function hashContext(dir: string, keep: readonly string[] = []): Promise<Map<string, string>> {
  return hashesOf(await scanTree(dir, { dockerignore: true, keep }));
}

export function hashesOf(tree: LocalTree): Map<string, string> {
  return new Map([...tree.files].map(([rel, f]) => [rel, f.hash]));
}

export interface SyncResult extends SyncPlan {
  remoteDir: string;
  /** Bytes uploaded. */
  bytes: number;
  transport: ContextStore['kind'];
}

export interface SyncOptions {
  onProgress?: ProgressFn;
  label?: string;
  /** How often the manifest is saved during a long upload (default 5 s). */
  checkpointMs?: number;
  /** Files uploaded at once over SFTP, biggest first; default 1: one at a time, in name order. */
  parallel?: number;
}

/** Build contexts: files uploaded at once over SFTP (many small files; see syncTree). */
const CONTEXT_PARALLEL_PUTS = 8;

// $1 = folder. Prints "<size> <relPath>\0" for each regular file (GNU find, as on the hosts we target).
const SIZES_SCRIPT = 'cd -- "$1" 2>/dev/null || exit 0; find . -type f -printf "%s %P\\0"';

/** Size of every file on the host under `remoteDir`, or undefined when the host cannot list it. */
async function remoteSizes(ctx: RunContext, remoteDir: string): Promise<Map<string, number> | undefined> {
  const r = await run(ctx, ['sh', '-c', SIZES_SCRIPT, 'ascend-llm', remoteDir]);
  return r.code === 0 ? parseRemoteSizes(r.stdout) : undefined;
}

/** Uploads what changed of `tree` to `remoteDir`; cancel (ctx.signal) keeps what was finished. */
export async function syncTree(ctx: RunContext, tree: LocalTree, remoteDir: string, opts: SyncOptions = {}): Promise<SyncResult> {
  const manifestPath = posix.join(remoteDir, MANIFEST_NAME);
  const local = hashesOf(tree);
  // The host listing (an exec) and the SFTP session open at the same time: one round of waiting, not two.
  const [listed, opened] = await Promise.allSettled([remoteSizes(ctx, remoteDir), openContextStore(ctx)]);
  if (listed.status === 'rejected') {
    if (opened.status === 'fulfilled') opened.value.close();
    throw listed.reason;
  }
  if (opened.status === 'rejected') throw opened.reason;
  const sizes = listed.value;
  const store = opened.value;
  let current = new Map<string, string>();
  let changed = false;
  const inFlight = new Set<string>();
  try {
    const manifest = parseManifest(await store.read(manifestPath));
    const remote = sizes ? trustedManifest(manifest, sizes, new Map([...tree.files].map(([rel, f]) => [rel, f.size]))) : manifest;
    const plan = planContextSync(local, remote);
    // Never replace a file this transfer did not create: a name the host has that no manifest of ours lists.
    const foreign = sizes ? plan.upload.filter((rel) => sizes.has(rel) && !manifest.has(rel)) : [];
    if (foreign.length > 0) {
      throw new InputRefusedError('remotePath', remoteDir, t('{0} already holds files that no upload of ours created, so nothing was uploaded (they would be replaced): {1}', remoteDir, foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ', …' : '')));
    }
    // Claim the new names in the manifest before creating them, so an upload killed midway leaves files that the
    // next run knows as its own (their placeholder hash never matches, so they are sent again).
    const claims = plan.upload.filter((rel) => !manifest.has(rel));
    if (claims.length > 0) await store.write(manifestPath, formatManifest(new Map([...manifest, ...claims.map((rel): [string, string] => [rel, CLAIMED_HASH])])));
    current = new Map(remote);
    changed = remote.size !== manifest.size;
    const bytes = plan.upload.reduce((n, rel) => n + (tree.files.get(rel)?.size ?? 0), 0);
    const meter = byteMeter(opts.onProgress, opts.label ?? remoteDir, bytes, true);
    let saved = Date.now();
    // opts.parallel: several files at once over the one SFTP session. Each file costs round trips (open, write,
    // close, rename) that, one file at a time, leave the link idle (test/bench/remote/sftp-vs-scp.bench.ts).
    // Biggest first, so the small ones fill in around them.
    const parallel = store.kind === 'sftp' ? Math.max(1, opts.parallel ?? 1) : 1;
    const order = parallel === 1 ? plan.upload : [...plan.upload].sort((a, b) => (tree.files.get(b)?.size ?? 0) - (tree.files.get(a)?.size ?? 0));
    let next = 0;
    let failed = false;
    const worker = async (): Promise<void> => {
      try {
        while (!failed && next < order.length) {
          const rel = order[next++];
          const f = tree.files.get(rel) as LocalFile;
          const remote = posix.join(remoteDir, rel);
          inFlight.add(remote);
          await store.put(f.abs, remote, f.size, { signal: ctx.signal, onBytes: meter.add, mode: f.mode });
          inFlight.delete(remote);
          current.set(rel, f.hash);
          changed = true;
          if (Date.now() - saved > (opts.checkpointMs ?? 5000)) {
            saved = Date.now();
            await store.write(manifestPath, formatManifest(current));
          }
        }
      } catch (e) {
        failed = true;
        throw e;
      }
    };
    const settled = await Promise.allSettled(Array.from({ length: Math.min(parallel, order.length) }, worker));
    const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
    if (plan.upload.length > 0) meter.flush();
    for (const rel of plan.remove) {
      await store.remove(posix.join(remoteDir, rel));
      current.delete(rel);
      changed = true;
    }
    if (changed) await store.write(manifestPath, formatManifest(current));
    return { ...plan, remoteDir, bytes, transport: store.kind };
  } catch (e) {
    if (!ctx.signal?.aborted) throw e;
    await cleanUpAfterCancel(ctx, changed ? { path: manifestPath, files: current } : undefined, inFlight);
    throw new CancelledError();
  } finally {
    store.close();
  }
}

/**
 * After a cancel the first store may be closed: through a fresh one, save what was finished and remove the
 * temporary files of the interrupted uploads. Best effort: the link may be what failed.
 */
async function cleanUpAfterCancel(ctx: RunContext, manifest: { path: string; files: Map<string, string> } | undefined, inFlight: Iterable<string>): Promise<void> {
  const calm: RunContext = { ...ctx, signal: undefined };
  try {
    const store = await openContextStore(calm);
    try {
      for (const p of inFlight) await store.remove(partName(p));
      if (manifest) await store.write(manifest.path, formatManifest(manifest.files));
    } finally {
      store.close();
    }
  } catch (e) {
    ctx.log('warn', (e as Error).message);
  }
}

/** The build context: `.dockerignore` applies, symlinks are skipped. */
export async function syncContext(ctx: RunContext, localDir: string, remoteDir: string, keep: readonly string[] = [], opts: SyncOptions = {}): Promise<SyncResult> {
  const label = opts.label ?? t('build context');
  const connecting = ctx.shell.ready().catch(() => undefined); // connect while hashing; errors surface on first use
  const tree = await scanTree(localDir, { dockerignore: true, keep, signal: ctx.signal, onProgress: opts.onProgress, label });
  await connecting;
  const r = await syncTree(ctx, tree, remoteDir, { parallel: CONTEXT_PARALLEL_PUTS, ...opts, label });
  ctx.log('info', t('Build context synced: {0} uploaded, {1} removed, {2} unchanged.', r.upload.length, r.remove.length, r.unchanged));
  return r;
}

/** "3 files, 1.2 GiB" for a message. */
export function describeUpload(r: SyncResult): string {
  return t('{0} files, {1}', r.upload.length, formatBytes(r.bytes));
}
