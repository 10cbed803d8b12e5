/** Shapes shared by the runner: what a run needs from its caller, and what it hands back. */
import type { HostShell } from '../../host-command/host-shell';
import type { DiagnosisMatch } from '../diagnose/index';
import type { DeploymentRecord } from '../../deployment/record';
import type { HostPaths } from './host-paths';

export type LogLevel = 'info' | 'warn' | 'error';

export interface RunContext {
  alias: string;
  /** The host: over SSH (a pooled connection, picked up again after a drop) or this machine. */
  shell: HostShell;
  paths: HostPaths;
  mirrors?: { models?: string; images?: string };
  log: (level: LogLevel, message: string) => void;
  /** Cancel: stops the remote work for real (job cancelled on the host). */
  signal?: AbortSignal;
  /** Streamed job / server output. */
  onOutput?: (text: string) => void;
  /** How long a deploy waits for /health and /v1/models (default 15 min: large models load slowly). */
  healthTimeoutMs?: number;
  /** How long following a job survives an unreachable host before giving up (default 10 min). */
  reconnectTimeoutMs?: number;
  /** Poll interval of job logs and health checks (default 1000 ms). */
  pollMs?: number;
  /**
   * Asked before local files are first uploaded to the host (`what` says which); false refuses the upload
   * (upload/upload-consent.ts). Absent: nothing is asked.
   */
  confirmUpload?: (host: string, what: string) => Promise<boolean>;
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
