/**
 * Making a deployment consistent again after its deploy was interrupted (the CLI or VS Code killed, a restore
 * that failed): every touch of a deployment (deploy, stop, logs, the Jobs view) first reads its pending marker
 * (deploy-pending.ts). A stale one is reconciled from what the host shows now:
 * - the new container (the one with the deployment's name that is not the old one) becomes healthy → finish
 *   the switch: write the new record, retire the old container;
 * - otherwise → remove the new container (its last log lines shown) and restore the old server (rollback.ts
 *   planRestoreOld: renamed back and kept or started; re-created from its record only when gone).
 * The same observation-based restore is the deploy's `recover` when its own undo fails.
 */
import { t } from '../../l10n/index';
import type { DeploymentRecord, PendingDeploy } from '../../deployment/record';
import { sameRecord } from '../../deployment/record';
import { containerInspectArgv, parseContainerSeen, planDiscardNew, planFinishSwitch, planRestoreOld, type ContainerSeen, type HostSeen } from './rollback';
import { readDeployment } from '../host/deployment-read';
import { beginPending, isActiveHere, readPending, removePending } from './deploy-pending';
import { runSteps } from './deploy-steps-run';
import { waitHealthy } from './health-gate';
import { run, writeHostFile } from '../host/remote-io';
import { deploymentRecordPath } from '../../deployment/record';
import type { RunContext } from '../host/run-context';

/** The container `ref` (a name or an id); undefined when there is none. Throws when the host does not answer. */
export async function inspectContainer(ctx: RunContext, ref: string): Promise<ContainerSeen | undefined> {
  const r = await run(ctx, containerInspectArgv(ref));
  if (r.code === 0) return parseContainerSeen(r.stdout);
  if (r.code !== null && /No such (?:object|container)/i.test(r.stderr)) return undefined;
  throw new Error(t('docker inspect {0} failed (exit {1}): {2}', ref, String(r.code), r.stderr.trim()));
}

export async function observe(ctx: RunContext, container: string, name: string, oldId: string | undefined): Promise<HostSeen> {
  const [named, old, record] = await Promise.all([
    inspectContainer(ctx, container),
    oldId ? inspectContainer(ctx, oldId) : Promise.resolve(undefined),
    readDeployment(ctx, name),
  ]);
  return { named, old, record };
}

/** Brings `previous`'s server back from whatever state the host is in; true when it serves again. */
export async function recoverOld(ctx: RunContext, previous: DeploymentRecord, oldId: string | undefined): Promise<boolean> {
  const c = { ...ctx, signal: undefined };
  const seen = await observe(c, previous.container, previous.name, oldId);
  const steps = planRestoreOld(previous, seen);
  if (!steps) {
    ctx.log('error', t('The container of {0} is gone and its record has no run argv to re-create it.', previous.name));
    return false;
  }
  return (await runSteps(c, steps, { ignoreSignal: true })).failedAt === undefined;
}

export type ReconcileState = 'none' | 'live' | 'finished' | 'rolled-back' | 'failed';

export interface ReconcileResult {
  state: ReconcileState;
  /** Localized; for live, finished, rolled-back and failed. */
  message?: string;
  /** The new container's last log lines, when it was removed. */
  lastLogLines?: string[];
}

// Not 'created': docker creates, then starts; a client killed in between leaves one that never starts.
const RUNNING = new Set(['running', 'restarting']);

async function settle(ctx: RunContext, m: PendingDeploy): Promise<ReconcileResult> {
  const seen = await observe(ctx, m.container, m.name, m.oldId);
  const fresh = seen.named && seen.named.id !== m.oldId ? seen.named : undefined;
  if (fresh && RUNNING.has(fresh.status)) {
    ctx.log('info', t('Waiting for the new container {0} of the interrupted deploy to be healthy.', fresh.name));
    const unhealthy = await waitHealthy(ctx, { container: fresh.id, hostPort: m.next.hostPort, servedModelName: m.next.servedModelName });
    if (unhealthy === undefined) {
      const r = await runSteps(ctx, planFinishSwitch(m.next, seen), { ignoreSignal: true });
      if (r.failedAt !== undefined) return { state: 'failed', message: t('Could not finish the interrupted deploy of {0}: {1}', m.name, r.error ?? '') };
      return { state: 'finished', message: t('Finished the interrupted deploy of {0}: {1} serves {2} on port {3}.', m.name, m.container, m.next.servedModelName, m.next.hostPort) };
    }
    ctx.log('warn', unhealthy);
  }
  const shown: string[] = [];
  if (fresh) {
    const r = await runSteps(ctx, planDiscardNew(fresh), { ignoreSignal: true });
    shown.push(...r.shown);
    if (r.failedAt !== undefined) return { state: 'failed', lastLogLines: shown, message: t('Could not roll back the interrupted deploy of {0}: {1}', m.name, r.error ?? '') };
  }
  if (m.previous?.status === 'running') {
    const restored = await recoverOld(ctx, m.previous, m.oldId);
    return restored
      ? { state: 'rolled-back', lastLogLines: shown, message: t('Rolled back the interrupted deploy of {0}: the previous deployment {1} serves again.', m.name, m.previous.container) }
      : { state: 'failed', lastLogLines: shown, message: t('Rolled back the interrupted deploy of {0}, but the previous deployment {1} could NOT be restored.', m.name, m.previous.container) };
  }
  // Nothing ran before: the record goes back to what it was (or, when it was written, is marked failed).
  const record = await readDeployment(ctx, m.name);
  if (record && !sameRecord(record, m.previous)) {
    const back = m.previous ?? { ...record, status: 'failed' as const };
    await writeHostFile(ctx, deploymentRecordPath(m.name), `${JSON.stringify(back, null, 2)}\n`);
  }
  return { state: 'rolled-back', lastLogLines: shown, message: t('Rolled back the interrupted deploy of {0}: nothing was left running.', m.name) };
}

/**
 * Reconciles the deployment `name` when its deploy was interrupted. 'live': a deploy runs from another client
 * (or from this process); nothing is touched. `own`: the caller is the deploy of this name about to begin.
 */
export async function reconcileDeployment(ctx: RunContext, name: string, opts: { own?: boolean } = {}): Promise<ReconcileResult> {
  if (!opts.own && isActiveHere(ctx.alias, name)) return { state: 'live', message: t('A deploy of {0} is already running here.', name) };
  const p = await readPending(ctx, name);
  if (p.state === 'none') return { state: 'none' };
  if (p.state === 'live') {
    return { state: 'live', message: t('A deploy of {0} is in progress on {1} from another client (started {2}); try again when it has ended.', name, ctx.alias, p.marker?.startedAt ?? '?') };
  }
  const c = { ...ctx, signal: undefined }; // once begun, reconciling runs to its end
  if (!p.marker) {
    ctx.log('warn', t('Removing an unreadable marker of an interrupted deploy of {0}.', name));
    await removePending(c, name);
    return { state: 'none' };
  }
  ctx.log('warn', t('Finishing an interrupted deploy of {0} (started {1})…', name, p.marker.startedAt));
  const held = await beginPending(c, p.marker); // take it over, so no other client reconciles it at the same time
  const result = await settle(c, p.marker);
  // A failure while the host answered is final (the marker goes, as after a deploy whose restore failed); the
  // marker stays only when it cannot be removed, and the next touch tries again.
  await held.end();
  ctx.log(result.state === 'failed' ? 'error' : 'info', result.message ?? '');
  return result;
}

/** For deploy and stop: reconcile first; refuse while a deploy runs elsewhere or when reconciling failed. */
export async function settleInterrupted(ctx: RunContext, name: string, opts: { own?: boolean } = {}): Promise<ReconcileResult> {
  const r = await reconcileDeployment(ctx, name, opts);
  if (r.state === 'live' || r.state === 'failed') throw new Error(r.message);
  return r;
}
