/**
 * Detached jobs on the host (docs/contracts.md): `~/.ascend-llm/jobs/<id>/` holds spec.json, log, pid (or
 * container), status and exit. A job outlives the SSH connection that started it; the extension re-attaches
 * by reading these files back.
 */
import { randomBytes } from 'node:crypto';

export type JobKind = 'fetch-model' | 'build' | 'quantize' | 'deploy' | 'other';

/** running → succeeded | failed | cancelled. `lost`: marked running, but its process is gone with no exit. */
export type JobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'lost' | 'unknown';

export interface JobSpec {
  id: string;
  kind: JobKind;
  /** What runs, as an argv (quoted by THE quoting function on its way to the host). */
  argv: string[];
  /** A container the job starts (docker run -d): cancel also stops it. */
  container?: string;
  /** The deployment / descriptor name this job belongs to, for the Jobs view. */
  name?: string;
  createdAt: string;
}

export interface JobState {
  id: string;
  status: JobStatus;
  /** Exit code once finished. */
  exitCode?: number;
  /** True while the job's process group leader is alive. */
  alive: boolean;
  spec?: JobSpec;
}

/** Relative to $HOME on the host: where every job's folder is (the job scripts use this constant). */
export const JOBS_DIR = '.ascend-llm/jobs';

const JOB_ID = /^[a-z][a-z0-9-]{0,79}$/;

export function isJobId(id: string): boolean {
  return JOB_ID.test(id);
}

export function requireJobId(id: string): string {
  if (!isJobId(id)) throw new Error(`invalid job id ${JSON.stringify(id)}`);
  return id;
}

/** e.g. `deploy-20260128t031500-a1b2c3`: sorts by start time. */
export function newJobId(kind: JobKind, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').toLowerCase();
  return `${kind}-${stamp}-${randomBytes(3).toString('hex')}`;
}

export function parseStatus(text: string | undefined): JobStatus {
  const s = (text ?? '').trim();
  return (['running', 'succeeded', 'failed', 'cancelled'] as const).find((v) => v === s) ?? 'unknown';
}
