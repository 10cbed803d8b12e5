/**
 * Syncs a local build context to `~/.ascend-llm/contexts/<name>/` on the host, incrementally: files are hashed
 * (sha256) locally, compared with the manifest the host kept from the last sync, and only changed files are
 * uploaded; files gone locally are deleted on the host. `.dockerignore` is respected.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { t } from '../../l10n/index';
import { openContextStore } from './context-store';
import { formatManifest, isIgnored, MANIFEST_NAME, parseDockerignore, parseManifest, planContextSync, type IgnoreRule, type SyncPlan } from './context-sync-plan';
import type { RunContext } from './types';

function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (d) => h.update(d)).on('error', reject).on('end', () => resolve(h.digest('hex')));
  });
}

/** relPath → sha256 of every file of the context that .dockerignore keeps (and those in `keep`). */
export async function hashContext(dir: string, keep: readonly string[] = []): Promise<Map<string, string>> {
  let rules: IgnoreRule[] = [];
  try {
    rules = parseDockerignore(await readFile(join(dir, '.dockerignore'), 'utf8'));
  } catch {
    rules = [];
  }
  const out = new Map<string, string>();
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (isIgnored(p, rules) && !keep.includes(p)) continue;
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.set(p, await hashFile(join(dir, p)));
    }
  };
  await walk('');
  return out;
}

export interface SyncResult extends SyncPlan {
  remoteDir: string;
}

export async function syncContext(ctx: RunContext, localDir: string, remoteDir: string, keep: readonly string[] = []): Promise<SyncResult> {
  const local = await hashContext(localDir, keep);
  const store = await openContextStore(ctx);
  try {
    const manifestPath = posix.join(remoteDir, MANIFEST_NAME);
    const plan = planContextSync(local, parseManifest(await store.read(manifestPath)));
    for (const rel of plan.upload) await store.put(join(localDir, rel), posix.join(remoteDir, rel));
    for (const rel of plan.remove) await store.remove(posix.join(remoteDir, rel));
    await store.write(manifestPath, formatManifest(local));
    ctx.log('info', t('Build context synced: {0} uploaded, {1} removed, {2} unchanged.', plan.upload.length, plan.remove.length, plan.unchanged));
    return { ...plan, remoteDir };
  } finally {
    store.close();
  }
}
