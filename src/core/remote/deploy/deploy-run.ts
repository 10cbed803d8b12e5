/**
 * `ascend.deploy`: health-gated (re)deploy with rollback.
 * 0. Reconcile an interrupted deploy of the same name first (deploy-reconcile.ts); refuse while one runs elsewhere.
 * 1. Read the NPU facts (npu-smi info, -m, NUMA), the host's busy ports and the current record; plan (fresh /
 *    blue-green / stop-start).
 * 2. Stop-start states the downtime first and goes on only when confirmed.
 * 3. Write the pending marker (deploy-pending.ts), then run the steps. When step k fails (or the run is
 *    cancelled), run the undo steps of k…0 (the new container's last log lines are kept and diagnosed against the
 *    §7 catalogue, the new container removed, the old one restored); when restoring fails too, recover the old
 *    server from the state the host is in (renamed back and kept or started; re-created only when gone).
 * Nothing is left half-deployed: the record is written only once the new server is healthy, and the marker is
 * removed only once the host is consistent, so a client killed mid-deploy leaves it for the next touch.
 */
import { t } from '../../l10n/index';
import type { DeployDescriptor } from '../../descriptor/types';
import { diagnoseLog, distinctCauses } from '../diagnose/index';
import { planDeploy } from './deploy-plan';
import { undoAfterFailure } from './deploy-steps';
import { busyPortsArgv, parseBusyPorts } from './busy-ports';
import { planStop } from './rollback';
import { runCheckHost } from '../check/check-host-run';
import { readDeployment } from '../host/deployment-read';
import { beginPending, isActiveHere, markActive } from './deploy-pending';
import { inspectContainer, recoverOld, settleInterrupted } from './deploy-reconcile';
import { runSteps } from './deploy-steps-run';
import { hostHome, run, withHostPaths } from '../host/remote-io';
import type { DeployOutcome, RunContext } from '../host/run-context';
import { refuseHostile } from '../host/descriptor-input';
import { redactText } from './secret-env';
import { runGate, type DeployGate } from './deploy-gate';
import { describeSmoke } from './smoke-check';

export interface DeployOptions {
  /** Shown before a stop-start redeploy; false cancels the deploy. */
  confirmDowntime: (text: string) => Promise<boolean>;
  /** The pre-deploy validator gate (deploy-gate.ts): the descriptor file and a reader; `force` deploys past errors. */
  gate?: DeployGate;
}

/** Ports with a listener (or a docker publish) on the host; [] when they cannot be read. */
async function readBusyPorts(ctx: RunContext): Promise<number[]> {
  const r = await run(ctx, busyPortsArgv()).catch(() => undefined);
  return r?.code === 0 ? parseBusyPorts(r.stdout) : [];
}

export async function runDeploy(ctx: RunContext, d: DeployDescriptor, opts: DeployOptions): Promise<DeployOutcome> {
  refuseHostile(d);
  // Before anything reaches the host: what the validator calls an error, vLLM refuses or fails on.
  if (opts.gate) runGate(d, opts.gate, (m) => ctx.log('warn', m));
  if (isActiveHere(ctx.alias, d.name)) throw new Error(t('A deploy of {0} is already running here.', d.name));
  const release = markActive(ctx.alias, d.name);
  try {
    await settleInterrupted(ctx, d.name, { own: true });
    return await deploySettled(ctx, d, opts);
  } finally {
    release();
  }
}

async function deploySettled(given: RunContext, d: DeployDescriptor, opts: DeployOptions): Promise<DeployOutcome> {
  const ctx = await withHostPaths(given); // `ascendPrefix: ~/Ascend` means the host user's home
  const [report, current, busyPorts, home] = await Promise.all([
    runCheckHost(ctx, d, ['npuSmi', 'npuMap', 'numa', 'pciNuma']),
    readDeployment(ctx, d.name),
    readBusyPorts(ctx),
    hostHome(ctx),
  ]);
  const plan = planDeploy({ descriptor: d, paths: ctx.paths, report, current, busyPorts, home });
  for (const n of plan.notes) ctx.log('warn', n);
  ctx.log('info', t('Deploy strategy: {0}.', plan.strategy));
  if (plan.downtime !== undefined && !(await opts.confirmDowntime(plan.downtime))) {
    return { status: 'cancelled', diagnosis: [], message: t('Deploy cancelled: the downtime was not confirmed.') };
  }

  const hadOld = current?.status === 'running';
  const oldId = hadOld ? (await inspectContainer(ctx, current.container))?.id : undefined;
  const pending = await beginPending(ctx, {
    name: d.name, container: plan.run.containerName, strategy: plan.strategy, oldId, previous: current, next: plan.record, startedAt: new Date().toISOString(),
  });
  try {
    const result = await runSteps(ctx, plan.steps);
    if (result.failedAt === undefined) {
      const healthy = t('{0} is healthy and serves {1} on {2}:{3}.', plan.run.containerName, plan.record.servedModelName, plan.record.publishAddress ?? '127.0.0.1', plan.record.hostPort);
      const measured = plan.record.smoke ? ` ${t('Test completion: {0}.', describeSmoke(plan.record.smoke))}` : '';
      return { status: 'succeeded', diagnosis: [], record: plan.record, message: `${healthy}${measured}` };
    }

    // Roll back, whatever ctx.signal says.
    const undo = undoAfterFailure(plan.steps, result.failedAt);
    const restore = await runSteps(ctx, undo, { ignoreSignal: true });
    let restored = restore.failedAt === undefined;
    if (!restored && plan.recover) {
      ctx.log('warn', t('Restoring the old container failed; bringing {0} back from the state the host is in.', plan.recover.container));
      restored = await recoverOld(ctx, plan.recover, oldId).catch((e: unknown) => {
        ctx.log('error', (e as Error).message);
        return false;
      });
    }
    // The container may print its environment or args: the deployment's secret values never leave as they are.
    const secrets = plan.run.secretEnv.map(([, v]) => v);
    const lastLogLines = restore.shown.map((l) => redactText(l, secrets));
    const diagnosis = distinctCauses(diagnoseLog(lastLogLines.join('\n')));
    const tail = hadOld
      ? restored ? t('The previous deployment {0} was restored.', current.container) : t('The previous deployment {0} could NOT be restored.', current.container)
      : t('Nothing was left running.');
    return {
      status: result.cancelled ? 'cancelled' : 'failed',
      diagnosis, lastLogLines, rolledBack: hadOld && restored,
      record: hadOld ? current : undefined,
      message: `${result.cancelled ? t('Deploy cancelled.') : t('Deploy failed: {0}', result.error ?? '')} ${tail}`,
    };
  } finally {
    await pending.end();
  }
}

/** `ascend.stopDeployment`: stops the recorded container and marks the record stopped. */
export async function runStop(ctx: RunContext, name: string): Promise<void> {
  await settleInterrupted(ctx, name);
  const record = await readDeployment(ctx, name);
  if (!record) throw new Error(t('No deployment named {0} is recorded on {1}.', name, ctx.alias));
  const r = await runSteps(ctx, planStop(record));
  if (r.failedAt !== undefined) throw new Error(r.error);
}
