/**
 * `ascend.buildImage`: get `image.tag` onto the host.
 * - `image.dockerfile`: sync the context (incremental, .dockerignore) then `docker build` as a detached job;
 *   an unchanged context with the image already present skips the build.
 * - `image.tarball` (hosts that cannot pull): upload the archive and `docker load` it (./image-load.ts);
 * - `image.base` alone: `docker pull` through the images mirror (then `docker tag`), each a job.
 * Skipped when the image is already there (for a Dockerfile: and the context is unchanged).
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { t } from '../../l10n/index';
import type { DeployDescriptor } from '../../descriptor/types';
import { imageExistsArgv, imageSourceOf, planBuild, planPull } from './build-plan';
import { requireValid } from '../../host-command/validate-input';
import { syncContext } from '../upload/context-sync';
import { runAsJob } from '../jobs/job-run';
import { hostHome, run } from '../host/remote-io';
import type { JobOutcome, RunContext } from '../host/run-context';
import { refuseHostile } from '../host/descriptor-input';
import { loadImageTarball } from './image-load';
import { requireUploadConsent } from '../upload/upload-consent';
import type { ProgressFn } from '../upload/transfer-progress';

export interface BuildOptions {
  /** Local build context; default: the Dockerfile's folder. */
  contextDir?: string;
  /** Folder `image.dockerfile` and `image.tarball` are relative to (the descriptor's); default: the working directory. */
  descriptorDir?: string;
  /** Hashing and upload progress (the context sync, the tarball upload). */
  onProgress?: ProgressFn;
}

async function imageExists(ctx: RunContext, tag: string): Promise<boolean> {
  return (await run(ctx, imageExistsArgv(tag))).code === 0;
}

export async function runBuild(ctx: RunContext, d: DeployDescriptor, opts: BuildOptions = {}): Promise<JobOutcome> {
  refuseHostile(d);
  const tag = requireValid('imageTag', d.image.tag);
  const name = requireValid('deploymentName', d.name);
  const source = imageSourceOf(d);
  if (source === 'load') return loadImageTarball(ctx, d, tag, opts);
  if (source === 'pull') {
    if (await imageExists(ctx, tag)) return { status: 'skipped', diagnosis: [], message: t('Image {0} is already on {1}.', tag, ctx.alias) };
    const plan = planPull(d, ctx.mirrors?.images);
    let last: JobOutcome | undefined;
    for (const argv of plan.steps) {
      last = await runAsJob(ctx, { kind: 'build', argv, name });
      if (last.status !== 'succeeded') return last;
    }
    return { ...(last as JobOutcome), message: t('Image {0} is on {1}.', tag, ctx.alias) };
  }
  const dockerfile = resolve(opts.descriptorDir ?? process.cwd(), d.image.dockerfile ?? 'Dockerfile');
  const contextDir = resolve(opts.contextDir ?? dirname(dockerfile));
  const relFile = relative(contextDir, dockerfile).split('\\').join('/');
  if (relFile.startsWith('..') || isAbsolute(relFile)) {
    return { status: 'failed', diagnosis: [], message: t('The Dockerfile {0} is outside the build context {1}.', dockerfile, contextDir) };
  }
  await requireUploadConsent(ctx, t('the build context {0}', contextDir));
  const remoteDir = requireValid('remotePath', `${await hostHome(ctx)}/.ascend-llm/contexts/${name}`);
  const sync = await syncContext(ctx, contextDir, remoteDir, [relFile], { onProgress: opts.onProgress });
  if (sync.upload.length === 0 && sync.remove.length === 0 && (await imageExists(ctx, tag))) {
    return { status: 'skipped', diagnosis: [], message: t('The build context is unchanged and image {0} is already on {1}.', tag, ctx.alias) };
  }
  const plan = planBuild(d, { contextDir: remoteDir, dockerfilePath: `${remoteDir}/${relFile}` });
  const outcome = await runAsJob(ctx, { kind: 'build', argv: plan.steps[0], name });
  return outcome.status === 'succeeded' ? { ...outcome, message: t('Built image {0} on {1}.', tag, ctx.alias) } : outcome;
}
