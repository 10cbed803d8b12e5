/**
 * `ascend.deploy`: health-gated (re)deploy with rollback (issue 5).
 * 1. Read the NPU facts (npu-smi info, -m, NUMA) and the current record; plan (fresh / blue-green / stop-start).
 * 2. Stop-start states the downtime first and goes on only when confirmed.
 * 3. Run the steps. When step k fails (or the run is cancelled), run the undo steps of k…0 (the new container's
 *    last log lines are kept and diagnosed against the §7 catalogue, the new container removed, the old one
 *    restored); when restoring fails too, run plan.recover (re-create the old container from its record).
 * Nothing is left half-deployed: the record is written only once the new server is healthy.
 */
import { t } from '../../l10n/index';
import type { DeployDescriptor } from '../../descriptor/types';
import { diagnoseLog, distinctCauses } from '../diagnose/index';
import { planDeploy } from '../index-plan';
import { undoAfterFailure } from '../plan/deploy-steps';
import { planStop } from '../plan/rollback';
import { readDeployment, runCheckHost } from './check-host';
import { runSteps } from './deploy-steps-run';
import type { DeployOutcome, RunContext } from './types';
import { refuseHostile } from './descriptor-input';

export interface DeployOptions {
  /** Shown before a stop-start redeploy; false cancels the deploy. */
  confirmDowntime: (text: string) => Promise<boolean>;
}

export async function runDeploy(ctx: RunContext, d: DeployDescriptor, opts: DeployOptions): Promise<DeployOutcome> {
  refuseHostile(d);
  const [report, current] = await Promise.all([
    runCheckHost(ctx, d, ['npuSmi', 'npuMap', 'numa', 'pciNuma']),
    readDeployment(ctx, d.name),
  ]);
  const plan = planDeploy({ descriptor: d, paths: ctx.paths, report, current });
  for (const n of plan.notes) ctx.log('warn', n);
  ctx.log('info', t('Deploy strategy: {0}.', plan.strategy));
  if (plan.downtime !== undefined && !(await opts.confirmDowntime(plan.downtime))) {
    return { status: 'cancelled', diagnosis: [], message: t('Deploy cancelled: the downtime was not confirmed.') };
  }

  const result = await runSteps(ctx, plan.steps);
  if (result.failedAt === undefined) {
    return { status: 'succeeded', diagnosis: [], record: plan.record, message: t('{0} is healthy and serves {1} on {2}:{3}.', plan.run.containerName, plan.record.servedModelName, plan.record.publishAddress ?? '127.0.0.1', plan.record.hostPort) };
  }

  // Roll back, whatever ctx.signal says.
  const undo = undoAfterFailure(plan.steps, result.failedAt);
  const restore = await runSteps(ctx, undo, { ignoreSignal: true });
  let restored = restore.failedAt === undefined;
  if (!restored && plan.recover) {
    ctx.log('warn', t('Restoring the old container failed; re-creating it from its recorded spec.'));
    restored = (await runSteps(ctx, plan.recover, { ignoreSignal: true })).failedAt === undefined;
  }
  const lastLogLines = restore.shown;
  const diagnosis = distinctCauses(diagnoseLog(lastLogLines.join('\n')));
  const hadOld = current?.status === 'running';
  const tail = hadOld
    ? restored ? t('The previous deployment {0} was restored.', current.container) : t('The previous deployment {0} could NOT be restored.', current.container)
    : t('Nothing was left running.');
  return {
    status: result.cancelled ? 'cancelled' : 'failed',
    diagnosis, lastLogLines, rolledBack: hadOld && restored,
    record: hadOld ? current : undefined,
    message: `${result.cancelled ? t('Deploy cancelled.') : t('Deploy failed: {0}', result.error ?? '')} ${tail}`,
  };
}

/** `ascend.stopDeployment`: stops the recorded container and marks the record stopped. */
export async function runStop(ctx: RunContext, name: string): Promise<void> {
  const record = await readDeployment(ctx, name);
  if (!record) throw new Error(t('No deployment named {0} is recorded on {1}.', name, ctx.alias));
  const r = await runSteps(ctx, planStop(record));
  if (r.failedAt !== undefined) throw new Error(r.error);
}
