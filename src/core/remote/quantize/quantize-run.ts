/**
 * `ascend.quantizeModel`: msModelSlim as a detached job. The plan refuses W4A16 for dense models (PlanError)
 * before anything runs; verified output already in place skips the run; the output is verified afterwards.
 */
import { t } from '../../l10n/index';
import type { DeployDescriptor } from '../../descriptor/types';
import { descriptionFileIn, planQuantize, verifyQuantOutput, type QuantizePlan } from './quantize-plan';
import { requireValid } from '../../host-command/validate-input';
import { runAsJob } from '../jobs/job-run';
import { run } from '../host/remote-io';
import type { JobOutcome, RunContext } from '../host/run-context';
import { refuseHostile } from '../host/descriptor-input';

async function verifyOutput(ctx: RunContext, plan: QuantizePlan): Promise<ReturnType<typeof verifyQuantOutput> | undefined> {
  const ls = await run(ctx, plan.listingProbe);
  if (ls.code !== 0) return undefined;
  const listing = ls.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const file = descriptionFileIn(listing);
  const desc = file ? await run(ctx, ['cat', `${plan.outputPath}/${file}`]) : undefined;
  return verifyQuantOutput(desc?.code === 0 ? desc.stdout : undefined, listing, plan.expectedQuantTypes);
}

export async function runQuantize(ctx: RunContext, d: DeployDescriptor): Promise<JobOutcome> {
  refuseHostile(d);
  const modelPath = d.model.hostPath ? requireValid('remotePath', d.model.hostPath) : undefined;
  const config = modelPath ? await run(ctx, ['cat', `${modelPath}/config.json`]) : undefined;
  const plan = planQuantize({ descriptor: d, configJson: config?.code === 0 ? config.stdout : undefined });
  for (const n of plan.notes) ctx.log('warn', n);
  const existing = await verifyOutput(ctx, plan);
  if (existing?.ok) {
    return { status: 'skipped', diagnosis: [], message: t('{0} already holds verified {1} output; nothing to quantize.', plan.outputPath, existing.found ?? '') };
  }
  const outcome = await runAsJob(ctx, { kind: 'quantize', argv: plan.argv, name: d.name });
  if (outcome.status !== 'succeeded') return outcome;
  const after = await verifyOutput(ctx, plan);
  if (!after?.ok) {
    return { ...outcome, status: 'failed', message: t('msModelSlim finished but its output in {0} does not verify: {1}', plan.outputPath, (after?.problems ?? [t('the folder is missing')]).join(' ')) };
  }
  return { ...outcome, message: t('Quantized {0} to {1} in {2}.', d.model.id, after.found ?? '', plan.outputPath) };
}
