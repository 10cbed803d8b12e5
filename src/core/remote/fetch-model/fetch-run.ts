/**
 * `ascend.fetchModel`: the weights onto the host. A folder that already verifies (config.json, every shard of
 * the safetensors index) is kept and the download skipped; otherwise the download runs as a detached job and
 * the folder is verified again afterwards. `source: upload` sends `model.localPath` over SFTP instead
 * (./model-upload.ts), incrementally; `source: host` only checks.
 */
import { t } from '../../l10n/index';
import type { DeployDescriptor } from '../../descriptor/types';
import { planFetchModel, verifyModelFolder, type FetchPlan, type ModelFolderCheck } from './fetch-plan';
import { runAsJob } from '../jobs/job-run';
import { run } from '../host/remote-io';
import type { JobOutcome, RunContext } from '../host/run-context';
import { refuseHostile } from '../host/descriptor-input';
import { uploadModel, type UploadOptions } from './model-upload';

export type { UploadOptions } from './model-upload';

export async function checkModelFolder(ctx: RunContext, plan: FetchPlan): Promise<ModelFolderCheck> {
  const [config, index, listing] = await Promise.all([run(ctx, plan.probes.config), run(ctx, plan.probes.index), run(ctx, plan.probes.listing)]);
  return verifyModelFolder({
    configJson: config.code === 0 ? config.stdout : undefined,
    indexJson: index.code === 0 ? index.stdout : undefined,
    listing: listing.code === 0 ? listing.stdout.split('\n') : [],
  });
}

export async function runFetchModel(ctx: RunContext, d: DeployDescriptor, opts: UploadOptions = {}): Promise<JobOutcome> {
  refuseHostile(d);
  const plan = planFetchModel(d, ctx.mirrors?.models);
  const before = await checkModelFolder(ctx, plan);
  if (plan.source === 'upload') return uploadModel(ctx, d, plan, before, () => checkModelFolder(ctx, plan), opts);
  if (before.ok) {
    return { status: 'skipped', diagnosis: [], message: t('The weights in {0} are already complete; nothing to download.', plan.targetPath) };
  }
  if (plan.source === 'host') {
    return { status: 'failed', diagnosis: [], message: t('The weights in {0} are incomplete: {1}', plan.targetPath, before.problems.join(' ')) };
  }
  const [mkdir, download] = plan.steps;
  const made = await run(ctx, mkdir);
  if (made.code !== 0) return { status: 'failed', diagnosis: [], message: t('Cannot create {0}: {1}', plan.targetPath, made.stderr.trim()) };
  const outcome = await runAsJob(ctx, { kind: 'fetch-model', argv: download, name: d.name });
  if (outcome.status !== 'succeeded') return outcome;
  const after = await checkModelFolder(ctx, plan);
  if (!after.ok) return { ...outcome, status: 'failed', message: t('The download finished but the weights in {0} are incomplete: {1}', plan.targetPath, after.problems.join(' ')) };
  return { ...outcome, message: t('The weights of {0} are in {1}.', d.model.id, plan.targetPath) };
}
