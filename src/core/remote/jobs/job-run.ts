/**
 * Runs one argv as a detached job on the host (job-scripts.ts) and follows it to the end: its log is streamed to
 * ctx.onOutput and matched against the diagnosis catalogue; a lost link only pauses following (host/reconnect.ts);
 * ctx.signal cancels the job on the host for real.
 */
import { t } from '../../l10n/index';
import { diagnoseLog, distinctCauses } from '../diagnose/index';
import { followJob } from './job-follow';
import { cancelJob, listJobs, pollJob, startJob } from './job-remote';
import { newJobId, type JobKind, type JobState } from './job-types';
import { isFinalLinkError, outageExpired } from '../host/reconnect';
import type { JobOutcome, RunContext } from '../host/run-context';

export interface JobRequest {
  kind: JobKind;
  argv: string[];
  name?: string;
  container?: string;
}

export async function runAsJob(ctx: RunContext, req: JobRequest): Promise<JobOutcome> {
  const id = newJobId(req.kind);
  await startJob(ctx.shell, { id, kind: req.kind, argv: req.argv, name: req.name, container: req.container, createdAt: new Date().toISOString() });
  ctx.log('info', t('Started job {0} on {1}.', id, ctx.alias));
  return followToEnd(ctx, id, req.container);
}

/** Follows a job (new or re-attached) from the start of its log until it ends, cancelling it on ctx.signal. */
export async function followToEnd(ctx: RunContext, id: string, container?: string): Promise<JobOutcome> {
  const chunks: Buffer[] = [];
  const follow = new AbortController();
  let cancelling: Promise<unknown> | undefined;
  const onAbort = (): void => {
    ctx.log('warn', t('Cancelling job {0}…', id));
    cancelling = cancelJob(ctx.shell, id, container).catch((e: Error) => ctx.log('error', e.message));
  };
  if (ctx.signal?.aborted) onAbort();
  else ctx.signal?.addEventListener('abort', onAbort, { once: true });
  let final: JobState & { offset: number };
  let failingSince: number | undefined;
  const onData = (d: Buffer): void => {
    chunks.push(d);
    ctx.onOutput?.(d.toString('utf8'));
  };
  try {
    final = await followJob(ctx.shell, id, {
      intervalMs: ctx.pollMs ?? 1000,
      signal: follow.signal,
      onData: (d) => {
        failingSince = undefined;
        onData(d);
      },
      onPollError: (e) => {
        failingSince ??= Date.now();
        ctx.log('warn', t('Lost contact with job {0} ({1}); retrying.', id, e.message));
        // The link is gone for good (pool closed, host key refused) or for too long: stop following.
        if (isFinalLinkError(e) || outageExpired(ctx, failingSince)) follow.abort();
      },
    });
  } catch (e) {
    if (!follow.signal.aborted) throw e;
    return { id, status: 'failed', diagnosis: [], message: t('Lost contact with job {0}; it goes on on the host. Re-attach to it later.', id) };
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
  }
  if (cancelling) await cancelling;
  if (final.status === 'lost') final = await settleLost(ctx, id, final, onData);
  return outcomeOf(final, Buffer.concat(chunks).toString('utf8'), cancelling !== undefined);
}

/**
 * `lost` can be a race: the job's process exits between writing `exit` and `status`, and a poll in between sees
 * "running, but no process". Look again shortly before believing it.
 */
async function settleLost(ctx: RunContext, id: string, state: JobState & { offset: number }, onData: (d: Buffer) => void): Promise<JobState & { offset: number }> {
  let offset = state.offset;
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 200));
    try {
      const p = await pollJob(ctx.shell, id, offset);
      if (p.data.length > 0) {
        offset = p.nextOffset;
        onData(p.data);
      }
      if (p.state.status !== 'lost') return { ...p.state, offset };
    } catch {
      // keep the lost state
    }
  }
  return { ...state, offset };
}

export function outcomeOf(state: JobState, log: string, cancelled: boolean): JobOutcome {
  const diagnosis = distinctCauses(diagnoseLog(log));
  if (state.status === 'succeeded' && !cancelled) {
    return { id: state.id, status: 'succeeded', exitCode: state.exitCode, diagnosis, message: t('Job {0} succeeded.', state.id) };
  }
  if (state.status === 'cancelled' || cancelled) {
    return { id: state.id, status: 'cancelled', exitCode: state.exitCode, diagnosis, message: t('Job {0} was cancelled.', state.id) };
  }
  const why = state.status === 'lost' ? t('its process is gone without an exit code') : t('exit code {0}', String(state.exitCode ?? '-'));
  return { id: state.id, status: 'failed', exitCode: state.exitCode, diagnosis, message: t('Job {0} failed: {1}.', state.id, why) };
}

export async function listRemoteJobs(ctx: RunContext): Promise<JobState[]> {
  return listJobs(ctx.shell);
}

/** After a reconnect or a VS Code restart: follow the job again from the start of its log. */
export async function reattachJob(ctx: RunContext, id: string): Promise<JobOutcome> {
  const job = (await listRemoteJobs(ctx)).find((j) => j.id === id);
  return followToEnd(ctx, id, job?.spec?.container);
}

export async function cancelRemoteJob(ctx: RunContext, id: string): Promise<void> {
  const job = (await listRemoteJobs(ctx)).find((j) => j.id === id);
  await cancelJob(ctx.shell, id, job?.spec?.container);
}
