/**
 * The deployment record `~/.ascend-llm/deployments/<name>.json` (contracts.md §2). `runArgv` extends the
 * contract: the exact `docker run` argv, so a rollback can re-create the old container from its recorded spec.
 */
import { t } from '../../l10n/index';
import { PlanError } from './plan-error';

export type DeploymentStatus = 'starting' | 'running' | 'stopped' | 'failed';

export interface DeploymentRecord {
  name: string;
  host: string;
  container: string;
  image: string;
  modelId: string;
  servedModelName: string;
  hostPort: number;
  containerPort: number;
  npus: number[];
  /** ISO 8601. */
  startedAt: string;
  status: DeploymentStatus;
  /** Where docker publishes the port; 127.0.0.1 unless the descriptor says otherwise. */
  publishAddress?: string;
  runArgv?: string[];
}

const STATUSES: readonly DeploymentStatus[] = ['starting', 'running', 'stopped', 'failed'];

/** Host-relative path of a deployment's record (the transport expands `~`). */
export function deploymentRecordPath(name: string): string {
  return `.ascend-llm/deployments/${name}.json`;
}

/** Parses a record file; throws PlanError('bad-record') when it is not one. */
export function parseDeploymentRecord(text: string): DeploymentRecord {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = undefined;
  }
  const r = v as Partial<DeploymentRecord> | undefined;
  const ok = !!r && typeof r === 'object'
    && typeof r.name === 'string' && typeof r.host === 'string' && typeof r.container === 'string'
    && typeof r.image === 'string' && typeof r.modelId === 'string' && typeof r.servedModelName === 'string'
    && Number.isInteger(r.hostPort) && Number.isInteger(r.containerPort)
    && Array.isArray(r.npus) && r.npus.every((n) => Number.isInteger(n))
    && typeof r.startedAt === 'string' && STATUSES.includes(r.status as DeploymentStatus)
    && (r.runArgv === undefined || (Array.isArray(r.runArgv) && r.runArgv.every((a) => typeof a === 'string')));
  if (!ok) throw new PlanError('bad-record', t('The deployment record is not valid JSON of the expected shape.'));
  return r as DeploymentRecord;
}
