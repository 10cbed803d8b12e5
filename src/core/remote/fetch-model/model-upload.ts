/**
 * `model.source: upload`: the local folder `model.localPath` onto the host at `model.hostPath`, as a job-like
 * step run from here (progress, cancel, an outcome). The local folder must itself be a complete model (same
 * check as on the host) before anything is sent; the upload is incremental by content hash; the host folder
 * is checked again afterwards. Verified weights on the host that no upload of ours put there are kept as they
 * are (nothing is hashed or sent).
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { t } from '../../l10n/index';
import type { DeployDescriptor } from '../../descriptor/types';
import { INDEX_FILE, planModelUpload, verifyModelFolder, type FetchPlan, type ModelFolderCheck } from './fetch-plan';
import { MANIFEST_NAME } from '../upload/context-sync-plan';
import { describeUpload, scanTree, syncTree, type LocalTree } from '../upload/context-sync';
import { hostHome, readHostFile, run } from '../host/remote-io';
import { checkUploadTarget, RESOLVE_SCRIPT, uploadRootOf } from './upload-target';
import { requireUploadConsent } from '../upload/upload-consent';
import type { ProgressFn } from '../upload/transfer-progress';
import { CancelledError } from '../../host-command/host-errors';
import type { JobOutcome, RunContext } from '../host/run-context';

export interface UploadOptions {
  /** Folder `model.localPath` / `image.tarball` are relative to (the descriptor's); default: the working directory. */
  descriptorDir?: string;
  onProgress?: ProgressFn;
}

/** The destination rules of upload-target.ts, on the paths as written and as the host resolves them. */
async function refuseOutsideRoot(ctx: RunContext, d: DeployDescriptor, target: string): Promise<void> {
  const home = await hostHome(ctx);
  const root = uploadRootOf(d, home);
  checkUploadTarget(target, root, home);
  const r = await run(ctx, ['sh', '-c', RESOLVE_SCRIPT, 'ascend-llm', root, target, home]);
  const [realRoot, realTarget, realHome] = r.stdout.split('\n');
  if (r.code !== 0 || !realRoot || !realTarget || !realHome) throw new Error(t('Cannot resolve {0} on {1}: {2}', target, ctx.alias, r.stderr.trim()));
  checkUploadTarget(realTarget, realRoot, realHome);
}

const failed = (message: string): JobOutcome => ({ status: 'failed', diagnosis: [], message });

/** The pure folder check, fed from the local tree (shards are top-level files, as the index names them). */
async function checkLocalFolder(dir: string, tree: LocalTree): Promise<ModelFolderCheck> {
  const text = (name: string): Promise<string | undefined> => (tree.files.has(name) ? readFile(join(dir, name), 'utf8') : Promise.resolve(undefined));
  return verifyModelFolder({ configJson: await text('config.json'), indexJson: await text(INDEX_FILE), listing: [...tree.files.keys()] });
}

async function sameFolder(a: string, b: string): Promise<boolean> {
  const [ra, rb] = await Promise.all([realpath(a).catch(() => a), realpath(b).catch(() => b)]);
  return ra === rb;
}

export async function uploadModel(
  ctx: RunContext, d: DeployDescriptor, plan: FetchPlan, before: ModelFolderCheck,
  check: () => Promise<ModelFolderCheck>, opts: UploadOptions,
): Promise<JobOutcome> {
  const target = plan.targetPath;
  await refuseOutsideRoot(ctx, d, target);
  const hasManifest = before.ok && (await readHostFile(ctx, posix.join(target, MANIFEST_NAME))) !== undefined;
  if (before.ok && (!hasManifest || !d.model.localPath)) {
    return { status: 'skipped', diagnosis: [], message: t('The weights in {0} are already complete; nothing to upload.', target) };
  }
  const { localDir } = planModelUpload(d, opts.descriptorDir);
  const st = await stat(localDir).catch(() => undefined);
  if (!st?.isDirectory()) return failed(t('model.localPath {0} is not a folder on this machine.', localDir));
  if (ctx.shell.isLocal && (await sameFolder(localDir, target))) {
    // A local target: the folder is already where the host reads it; nothing to copy, only to check.
    if (before.ok) return { status: 'skipped', diagnosis: [], message: t('The weights in {0} are already complete; nothing to upload.', target) };
    return failed(t('The weights in {0} are incomplete: {1}', target, before.problems.join(' ')));
  }
  const label = localDir.split(/[\\/]/).filter(Boolean).pop() ?? localDir;
  const tree = await scanTree(localDir, { symlinks: 'inside', signal: ctx.signal, onProgress: opts.onProgress, label });
  if (tree.skipped.length > 0) {
    ctx.log('warn', t('Not uploaded: symbolic links that leave {0} or name folders: {1}', localDir, tree.skipped.slice(0, 5).join(', ') + (tree.skipped.length > 5 ? ', …' : '')));
  }
  const local = await checkLocalFolder(localDir, tree);
  if (!local.ok) return failed(t('The local folder {0} is not a complete model, so nothing was uploaded: {1}', localDir, local.problems.join(' ')));
  await requireUploadConsent(ctx, t('the model folder {0}', localDir));
  const made = await run(ctx, plan.steps[0] ?? ['mkdir', '-p', target]);
  if (made.code !== 0) return failed(t('Cannot create {0}: {1}', target, made.stderr.trim()));
  let sync;
  try {
    sync = await syncTree(ctx, tree, target, { onProgress: opts.onProgress, label });
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    return { status: 'cancelled', diagnosis: [], message: t('Upload to {0} cancelled; the files finished so far stay on the host, and the next run sends only the rest.', target) };
  }
  ctx.log('info', t('Model folder synced to {0} ({1}): {2} uploaded, {3} removed, {4} unchanged.', target, sync.transport, sync.upload.length, sync.remove.length, sync.unchanged));
  if (before.ok && sync.upload.length === 0 && sync.remove.length === 0) {
    return { status: 'skipped', diagnosis: [], message: t('The weights in {0} already match {1}; nothing to upload.', target, localDir) };
  }
  const after = await check();
  if (!after.ok) return failed(t('The upload finished but the weights in {0} are incomplete: {1}', target, after.problems.join(' ')));
  return { status: 'succeeded', diagnosis: [], message: t('Uploaded {0} to {1} ({2}); {3} files were already there.', localDir, target, describeUpload(sync), sync.unchanged) };
}
