/**
 * Executes deploy / rollback / stop steps (plan/deploy-steps.ts) over SSH, one by one. An `exec` step fails on
 * a non-zero exit unless allowFailure; `showOutput` steps keep their output (the new container's last log
 * lines); `write-record` writes `~/.ascend-llm/deployments/<name>.json` atomically.
 *
 * A dropped connection is not a failed step: the host goes on (the container keeps starting), so the runner
 * waits for the pool to reconnect (up to ctx.reconnectTimeoutMs) and runs the step again, unless its `done`
 * check shows the host already ran it. Only a host that stays unreachable fails the step.
 */
import type { Client } from 'ssh2';
import { t } from '../../l10n/index';
import { CancelledError } from '../../ssh/exec';
import { ConnectError } from '../../ssh/ssh-errors';
import type { DeployStep } from './deploy-steps';
import { deploymentRecordPath } from '../../deployment/record';
import { requireValid } from '../../host-command/validate-input';
import { waitHealthy } from './health-gate';
import { DEFAULT_RECONNECT_TIMEOUT_MS } from '../jobs/job-run';
import { run, writeHostFile } from '../host/remote-io';
import { RunCancelledError, type RunContext } from '../host/run-context';

export interface StepsResult {
  /** Index of the step that failed; undefined when all ran. */
  failedAt?: number;
  error?: string;
  cancelled?: boolean;
  /** Output of `showOutput` steps. */
  shown: string[];
}

export async function runStep(ctx: RunContext, step: DeployStep, shown: string[]): Promise<string | undefined> {
  ctx.log('info', step.title);
  switch (step.kind) {
    case 'exec': {
      const r = await run(ctx, step.argv);
      if (step.showOutput) {
        // Kept for the outcome (diagnosis) and streamed right under the step's title, which was just logged.
        const lines = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.length > 0);
        shown.push(...lines);
        if (lines.length > 0) ctx.onOutput?.(`${lines.join('\n')}\n`);
      }
      if (r.code === 0 || step.allowFailure) return undefined;
      return t('{0} failed (exit {1}): {2}', step.title, String(r.code), (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' '));
    }
    case 'wait-healthy':
      return waitHealthy(ctx, step);
    case 'write-record': {
      const path = deploymentRecordPath(requireValid('deploymentName', step.record.name));
      await writeHostFile(ctx, path, `${JSON.stringify(step.record, null, 2)}\n`);
      return undefined;
    }
  }
}

/** Transport failures (as opposed to a command that ran and failed). */
export function isLinkError(e: unknown): boolean {
  if (e instanceof ConnectError) return true;
  const m = e instanceof Error ? e.message : String(e);
  return /Not connected|No response from server|Keepalive timeout|Timed out while waiting for handshake|connection (?:closed|lost|reset)|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up/i.test(m);
}

interface Attempt {
  error?: string;
  /** The connection went during the step: its outcome is unknown. */
  lost?: boolean;
}

/** One try of a step on the current connection; `lost` when that connection closed (or could not be had). */
async function attemptStep(ctx: RunContext, step: DeployStep, shown: string[], retry: boolean): Promise<Attempt> {
  let client: Client;
  try {
    client = await ctx.client();
  } catch (e) {
    if (isLinkError(e)) return { lost: true, error: (e as Error).message };
    throw e;
  }
  let closed = false;
  const onClose = (): void => { closed = true; };
  client.once('close', onClose);
  try {
    if (retry && step.kind === 'exec' && step.done) {
      const d = await run(ctx, step.done);
      if (d.code === 0) {
        ctx.log('info', t('{0}: already done on the host before the connection dropped.', step.title));
        return {};
      }
      if (d.code === null && !d.signal) return { lost: true, error: t('connection lost') };
    }
    const error = await runStep(ctx, step, shown);
    return closed && error !== undefined ? { lost: true, error } : { error };
  } catch (e) {
    if (e instanceof RunCancelledError || e instanceof CancelledError) throw e;
    if (closed || isLinkError(e)) return { lost: true, error: (e as Error).message };
    throw e;
  } finally {
    client.removeListener('close', onClose);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until the pool hands out a connection again; false when `since + reconnectTimeoutMs` passes first. */
async function waitForLink(ctx: RunContext, since: number): Promise<boolean> {
  const until = since + (ctx.reconnectTimeoutMs ?? DEFAULT_RECONNECT_TIMEOUT_MS);
  let delay = 100;
  for (;;) {
    if (ctx.signal?.aborted) throw new RunCancelledError();
    try {
      await ctx.client();
      return true;
    } catch (e) {
      if (!isLinkError(e)) throw e;
    }
    if (Date.now() > until) return false;
    await sleep(delay);
    delay = Math.min(delay * 2, 2000);
  }
}

/** Runs one step, riding out dropped connections. */
async function runStepReconnecting(ctx: RunContext, step: DeployStep, shown: string[]): Promise<string | undefined> {
  let lostSince: number | undefined;
  for (let retry = false; ; retry = true) {
    const a = await attemptStep(ctx, step, shown, retry);
    if (!a.lost) return a.error;
    lostSince ??= Date.now();
    ctx.log('warn', t('Lost the connection to {0} during "{1}" ({2}); the host goes on. Waiting for the connection to return.', ctx.alias, step.title, a.error ?? ''));
    if (!(await waitForLink(ctx, lostSince))) {
      return t('{0} stayed unreachable for {1} s during "{2}".', ctx.alias, Math.round((ctx.reconnectTimeoutMs ?? DEFAULT_RECONNECT_TIMEOUT_MS) / 1000), step.title);
    }
    ctx.log('info', t('Reconnected to {0}; going on with "{1}".', ctx.alias, step.title));
  }
}

/** Runs steps until one fails (or ctx.signal cancels, which counts as a failure of the next step). */
export async function runSteps(ctx: RunContext, steps: readonly DeployStep[], opts: { ignoreSignal?: boolean } = {}): Promise<StepsResult> {
  const shown: string[] = [];
  const c = opts.ignoreSignal ? { ...ctx, signal: undefined } : ctx;
  for (let i = 0; i < steps.length; i++) {
    try {
      if (c.signal?.aborted) throw new RunCancelledError();
      const error = await runStepReconnecting(c, steps[i], shown);
      if (error !== undefined) {
        ctx.log('error', error);
        return { failedAt: i, error, shown };
      }
    } catch (e) {
      if (e instanceof RunCancelledError) return { failedAt: i, error: t('Cancelled.'), cancelled: true, shown };
      const error = (e as Error).message;
      ctx.log('error', error);
      return { failedAt: i, error, shown };
    }
  }
  return { shown };
}
