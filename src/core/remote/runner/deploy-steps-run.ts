/**
 * Executes deploy / rollback / stop steps (plan/deploy-steps.ts) over SSH, one by one. An `exec` step fails on
 * a non-zero exit unless allowFailure; `showOutput` steps keep their output (the new container's last log
 * lines); `write-record` writes `~/.ascend-llm/deployments/<name>.json` atomically.
 */
import { t } from '../../l10n/index';
import type { DeployStep } from '../plan/deploy-steps';
import { deploymentRecordPath } from '../plan/deployment-record';
import { requireValid } from '../validate-input';
import { waitHealthy } from './health-wait';
import { run, writeHostFile } from './remote-io';
import { RunCancelledError, type RunContext } from './types';

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
      if (step.showOutput) shown.push(...`${r.stdout}${r.stderr}`.split('\n').filter((l) => l.length > 0));
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

/** Runs steps until one fails (or ctx.signal cancels, which counts as a failure of the next step). */
export async function runSteps(ctx: RunContext, steps: readonly DeployStep[], opts: { ignoreSignal?: boolean } = {}): Promise<StepsResult> {
  const shown: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    try {
      if (!opts.ignoreSignal && ctx.signal?.aborted) throw new RunCancelledError();
      const error = await runStep(opts.ignoreSignal ? { ...ctx, signal: undefined } : ctx, steps[i], shown);
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
