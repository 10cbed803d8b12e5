/**
 * The deployment record `~/.ascend-llm/deployments/<name>.json` (docs/contracts.md §2). `runArgv` extends the
 * contract: the exact `docker run` argv, so a rollback can re-create the old container from its recorded spec.
 */
import { t } from '../l10n/index';
import { PlanError } from '../host-command/plan-error';

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
  /** The post-deploy check (one completion, one chat request through the forward), when it ran. */
  smoke?: DeploymentSmoke;
  /** Multi-node: every node of the deployment (SSH aliases, the head first), and this node's role. */
  nodes?: string[];
  role?: 'head' | 'headless';
}

export interface DeploymentSmoke {
  /** Time to the first token of the test completion, as the client saw it (through the SSH forward). */
  ttftMs: number;
  /** Decode rate of the test completion (tokens after the first / time after the first). */
  tokensPerSecond?: number;
  completionTokens: number;
  /** Whether the chat request was answered (a base model without a chat template is not). */
  chat: 'ok' | 'failed';
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

/**
 * The marker of a deploy in progress, `~/.ascend-llm/deployments/pending/<name>.json` (a subfolder, so readers
 * of `deployments/*.json` never take it for a record). Written before the deploy's first change to the host and
 * removed when the host is consistent again; one left behind means the client died mid-deploy, and the next
 * touch of that deployment finishes or rolls back the deploy from what it holds.
 */
export interface PendingDeploy {
  name: string;
  /** The deployment's container name (the new server's, and the old one's before the deploy). */
  container: string;
  strategy: string;
  /** Docker id of the old server's container when the deploy began; undefined when none ran. */
  oldId?: string;
  /** The record before the deploy. */
  previous?: DeploymentRecord;
  /** The record the deploy writes once the new server is healthy. */
  next: DeploymentRecord;
  /** ISO 8601. */
  startedAt: string;
}

export function pendingDeployPath(name: string): string {
  return `.ascend-llm/deployments/pending/${name}.json`;
}

/** The pid file of the process that holds the marker for a live client (see runner/deploy-pending.ts). */
export function pendingHolderPath(name: string): string {
  return `.ascend-llm/deployments/pending/${name}.pid`;
}

/** Parses a marker; undefined when it is not one. */
export function parsePendingDeploy(text: string): PendingDeploy | undefined {
  let v: Partial<PendingDeploy> | undefined;
  try {
    v = JSON.parse(text) as Partial<PendingDeploy>;
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object' || typeof v.name !== 'string' || typeof v.container !== 'string' || typeof v.startedAt !== 'string') return undefined;
  if (v.oldId !== undefined && (typeof v.oldId !== 'string' || !/^[0-9a-f]{12,64}$/.test(v.oldId))) return undefined;
  try {
    const next = parseDeploymentRecord(JSON.stringify(v.next));
    const previous = v.previous === undefined ? undefined : parseDeploymentRecord(JSON.stringify(v.previous));
    return { name: v.name, container: v.container, strategy: String(v.strategy ?? ''), oldId: v.oldId, previous, next, startedAt: v.startedAt };
  } catch {
    return undefined;
  }
}

/** Same record (key order aside). */
export function sameRecord(a: DeploymentRecord | undefined, b: DeploymentRecord | undefined): boolean {
  const norm = (r: DeploymentRecord | undefined): string => (r ? JSON.stringify(Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined).sort(([x], [y]) => x.localeCompare(y)))) : '');
  return norm(a) === norm(b);
}
