/**
 * Executes deploy / rollback / stop steps (deploy-steps.ts) on the host, one by one. An `exec` step fails on
 * a non-zero exit unless allowFailure; `showOutput` steps keep their output (the new container's last log
 * lines); `write-record` writes `~/.ascend-llm/deployments/<name>.json` atomically.
 *
 * A lost link (LinkLostError) is not a failed step: the host goes on (the container keeps starting), so the runner
 * waits for the link (host/reconnect.ts, up to ctx.reconnectTimeoutMs) and runs the step again, unless its `done`
 * check shows the host already ran it. Only a host that stays unreachable fails the step.
 */
import { t } from '../../l10n/index';
import { CancelledError } from '../../host-command/host-errors';
import type { DeployStep } from './deploy-steps';
import { deploymentRecordPath } from '../../deployment/record';
import { requireValid } from '../../host-command/validate-input';
import { waitHealthy } from './health-gate';
import { describeSmoke, smokeCheck } from './smoke-check';
import { isTransientLinkError, reconnectTimeoutMs, waitForLink } from '../host/reconnect';
import { run, writeHostFile } from '../host/remote-io';
import type { RunContext } from '../host/run-context';

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
    case 'smoke': {
      const r = await smokeCheck(ctx, step);
      for (const n of r.notes) ctx.log('warn', n);
      if (r.error) return r.error;
      step.record.smoke = r.smoke;
      if (r.smoke) ctx.log('info', t('Test completion from {0}: {1}.', step.servedModelName, describeSmoke(r.smoke)));
      return undefined;
    }
    case 'write-file':
      await writeHostFile(ctx, step.path, step.text);
      return undefined;
    case 'remove-file':
      await run(ctx, ['rm', '-f', '--', ...step.paths]).catch(() => undefined);
      return undefined;
    case 'write-record': {
      const path = deploymentRecordPath(requireValid('deploymentName', step.record.name));
      await writeHostFile(ctx, path, `${JSON.stringify(step.record, null, 2)}\n`);
      return undefined;
    }
  }
}

interface Attempt {
  error?: string;
  /** The link went during the step: its outcome is unknown. */
  lost?: boolean;
}

/** One try of a step; `lost` when the link went under it (or could not be had). */
async function attemptStep(ctx: RunContext, step: DeployStep, shown: string[], retry: boolean): Promise<Attempt> {
  try {
    if (retry && step.kind === 'exec' && step.done) {
      const d = await run(ctx, step.done);
      if (d.code === 0) {
        ctx.log('info', t('{0}: already done on the host before the connection dropped.', step.title));
        return {};
      }
    }
    return { error: await runStep(ctx, step, shown) };
  } catch (e) {
    if (isTransientLinkError(e)) return { lost: true, error: (e as Error).message };
    throw e;
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
      return t('{0} stayed unreachable for {1} s during "{2}".', ctx.alias, Math.round(reconnectTimeoutMs(ctx) / 1000), step.title);
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
      if (c.signal?.aborted) throw new CancelledError();
      const error = await runStepReconnecting(c, steps[i], shown);
      if (error !== undefined) {
        ctx.log('error', error);
        return { failedAt: i, error, shown };
      }
    } catch (e) {
      if (e instanceof CancelledError) return { failedAt: i, error: t('Cancelled.'), cancelled: true, shown };
      const error = (e as Error).message;
      ctx.log('error', error);
      return { failedAt: i, error, shown };
    }
  }
  return { shown };
}
