/** Shapes shared by the runner (issue 5): what a run needs from its caller, and what it hands back. */
import type { Client } from 'ssh2';
import type { DiagnosisMatch } from '../diagnose/index';
import type { DeploymentRecord } from '../../deployment/record';
import type { HostPaths } from './host-paths';

export type LogLevel = 'info' | 'warn' | 'error';

export interface RunContext {
  alias: string;
  /** From a ConnectionPool: asked again after a dropped connection. */
  client: () => Promise<Client>;
  paths: HostPaths;
  mirrors?: { models?: string; images?: string };
  log: (level: LogLevel, message: string) => void;
  /** Cancel: stops the remote work for real (job cancelled on the host). */
  signal?: AbortSignal;
  /** Streamed job / server output. */
  onOutput?: (text: string) => void;
  /** SSH local forward to a loopback port of the host, for health checks. Default: startLocalForward. */
  forward?: (remotePort: number) => Promise<{ localPort: number; close(): void }>;
  /** How long a deploy waits for /health and /v1/models (default 15 min: large models load slowly). */
  healthTimeoutMs?: number;
  /** How long following a job survives an unreachable host before giving up (default 10 min). */
  reconnectTimeoutMs?: number;
  /** Poll interval of job logs and health checks (default 1000 ms). */
  pollMs?: number;
}

export type OutcomeStatus = 'succeeded' | 'failed' | 'cancelled' | 'skipped';

export interface JobOutcome {
  id?: string;
  status: OutcomeStatus;
  exitCode?: number;
  diagnosis: DiagnosisMatch[];
  /** Localized, one line. */
  message: string;
}

export interface DeployOutcome extends JobOutcome {
  record?: DeploymentRecord;
  rolledBack?: boolean;
  lastLogLines?: string[];
}

/** Thrown when the run was cancelled through ctx.signal. */
export class RunCancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'RunCancelledError';
  }
}
