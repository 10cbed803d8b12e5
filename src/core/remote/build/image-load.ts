/**
 * `image.tarball`, for hosts that cannot pull: upload the local `docker save` archive (incrementally: an
 * unchanged tarball already on the host is not sent again) to `~/.ascend-llm/images/<name>/image.tar`, then
 * `docker load -i` it as a detached job, and check that `image.tag` is now on the host. Skipped when the tag
 * is already there.
 */
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { t } from '../../l10n/index';
import type { DeployDescriptor } from '../../descriptor/types';
import { imageExistsArgv, loadedTags, planLoad, TARBALL_REMOTE_NAME, tarballRemoteDir } from './build-plan';
import { describeUpload, scanFile, syncTree, type LocalTree } from '../upload/context-sync';
import { runAsJob } from '../jobs/job-run';
import { requireUploadConsent } from '../upload/upload-consent';
import type { UploadOptions } from '../fetch-model/model-upload';
import { hostHome, run } from '../host/remote-io';
import { CancelledError } from '../../host-command/host-errors';
import type { JobOutcome, RunContext } from '../host/run-context';

async function imageExists(ctx: RunContext, tag: string): Promise<boolean> {
  return (await run(ctx, imageExistsArgv(tag))).code === 0;
}

/** The tarball as a one-file tree under its fixed remote name (its own name never reaches the host). */
async function tarballTree(file: string, label: string, ctx: RunContext, opts: UploadOptions): Promise<LocalTree> {
  const f = await scanFile(file, { signal: ctx.signal, onProgress: opts.onProgress, label });
  return { files: new Map([[TARBALL_REMOTE_NAME, f]]), skipped: [] };
}

export async function loadImageTarball(ctx: RunContext, d: DeployDescriptor, tag: string, opts: UploadOptions): Promise<JobOutcome> {
  if (await imageExists(ctx, tag)) return { status: 'skipped', diagnosis: [], message: t('Image {0} is already on {1}.', tag, ctx.alias) };
  const raw = d.image.tarball as string;
  const file = isAbsolute(raw) ? resolve(raw) : resolve(opts.descriptorDir ?? process.cwd(), raw);
  if (!(await stat(file).catch(() => undefined))?.isFile()) {
    return { status: 'failed', diagnosis: [], message: t('image.tarball {0} is not a file on this machine.', file) };
  }
  await requireUploadConsent(ctx, t('the image tarball {0}', file));
  const remoteDir = tarballRemoteDir(await hostHome(ctx), d.name);
  let sentNote: string;
  try {
    const label = basename(file);
    const sync = await syncTree(ctx, await tarballTree(file, label, ctx, opts), remoteDir, { onProgress: opts.onProgress, label });
    sentNote = sync.upload.length > 0 ? describeUpload(sync) : t('already on the host');
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    return { status: 'cancelled', diagnosis: [], message: t('Upload of {0} cancelled; nothing was loaded.', file) };
  }
  ctx.log('info', t('Image tarball {0} on {1}: {2}.', file, ctx.alias, sentNote));
  let output = '';
  const outer = ctx.onOutput;
  const plan = planLoad(d, `${remoteDir}/${TARBALL_REMOTE_NAME}`);
  const outcome = await runAsJob({ ...ctx, onOutput: (text) => { output += text; outer?.(text); } }, { kind: 'build', argv: plan.steps[0], name: d.name });
  if (outcome.status !== 'succeeded') return outcome;
  if (!(await imageExists(ctx, tag))) {
    const got = loadedTags(output);
    return {
      ...outcome, status: 'failed',
      message: got.length > 0
        ? t('docker load finished, but the tarball holds {0}, not image.tag {1}. Set image.tag to the loaded image.', got.join(', '), tag)
        : t('docker load finished, but image {0} is not on {1}: the tarball names no tag.', tag, ctx.alias),
    };
  }
  return { ...outcome, message: t('Loaded image {0} on {1} from {2}.', tag, ctx.alias, file) };
}
