/**
 * The steps a deploy, a rollback or a stop is made of. The job runner executes them in order; when step k
 * fails it runs the `undo` lists of steps k, k-1, …, 0 in that order (a failed step's undo must be safe after a
 * partial run, e.g. removing a container that `docker run` created but that exited).
 *
 * When the connection drops during a step, the runner waits for it to return and runs the step again. Every step
 * is safe to repeat except those with `done`: an argv that exits 0 when the step already took effect on the host
 * (e.g. the container `docker run` creates exists), so a command the host ran before the link went is not run twice.
 */
import type { DeploymentRecord } from '../../deployment/record';

interface StepBase {
  id: string;
  /** Localized, for progress and logs. */
  title: string;
  undo?: DeployStep[];
}

export type DeployStep =
  /** Run argv on the host. `allowFailure`: go on when it fails. `showOutput`: show its output to the user. */
  | (StepBase & { kind: 'exec'; argv: string[]; allowFailure?: boolean; showOutput?: boolean; done?: string[] })
  /**
   * Wait for GET /health, then for /v1/models to list servedModelName, at address:hostPort on the host.
   * `apiKey` (held in memory only) authenticates /v1; without it a 401 from /v1/models counts as up.
   */
  | (StepBase & { kind: 'wait-healthy'; container: string; address: string; hostPort: number; servedModelName: string; apiKey?: string })
  /**
   * The post-deploy check (smoke-check.ts): one completion and one chat request; the measures are put into
   * `record` (the one the next write-record step writes). Fails when the completion does not answer.
   */
  | (StepBase & { kind: 'smoke'; hostPort: number; servedModelName: string; apiKey?: string; record: DeploymentRecord })
  /** Write a host file of ours (umask 077), e.g. the env file with the deployment's secrets. Never logged. */
  | (StepBase & { kind: 'write-file'; path: string; text: string })
  /** Remove host files of ours (relative to $HOME); never fails the run. */
  | (StepBase & { kind: 'remove-file'; paths: string[] })
  /** Write the deployment record and move the port forward to its hostPort. */
  | (StepBase & { kind: 'write-record'; record: DeploymentRecord });

/** The undo steps to run when `steps[failedIndex]` failed, in execution order. */
export function undoAfterFailure(steps: readonly DeployStep[], failedIndex: number): DeployStep[] {
  const out: DeployStep[] = [];
  for (let i = Math.min(failedIndex, steps.length - 1); i >= 0; i--) out.push(...(steps[i].undo ?? []));
  return out;
}
