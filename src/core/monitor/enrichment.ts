/**
 * The monitor's slow "enrichment" read of a host, done in ONE remote command (one SSH channel): the deployment
 * records (docs/contracts.md §2, `~/.ascend-llm/deployments/*.json`), then `docker top` and the last log lines of every
 * running container named `ascend-llm-*` (the name deploy gives its containers, plan/docker-run.ts). Sections
 * are introduced by marker lines that neither a JSON record nor `docker top` prints.
 */
import { parseDeploymentRecord, type DeploymentRecord } from '../deployment/record';
import type { ContainerTop } from './process-join';

const MARK = '@@ascend-llm-monitor@@';

/** How many log lines of each container are searched for known error texts (alerts.ts). */
export const LOG_TAIL_LINES = 30;

/** The argv of the enrichment read (quoted by the transport). Container names come from docker, quoted as "$c". */
export function enrichmentArgv(): string[] {
  const script = [
    'for f in "$HOME"/.ascend-llm/deployments/*.json; do',
    `  [ -f "$f" ] && { printf '%s record\\n' '${MARK}'; cat "$f"; printf '\\n'; }`,
    'done',
    'for c in $(docker ps --filter name=ascend-llm- --format "{{.Names}}" 2>/dev/null); do',
    `  printf '%s top %s\\n' '${MARK}' "$c"; docker top "$c" 2>/dev/null`,
    `  printf '%s logs %s\\n' '${MARK}' "$c"; docker logs --tail ${LOG_TAIL_LINES} "$c" 2>&1`,
    'done',
    'true',
  ].join('\n');
  return ['sh', '-c', script];
}

export interface Enrichment {
  deployments: DeploymentRecord[];
  tops: ContainerTop[];
  /** Recent log text of the running containers, for the error-text alerts. */
  logText: string;
  /** Record files that could not be read (kept for the log, never fatal). */
  badRecords: number;
}

/** Splits the enrichment output into its sections. */
export function parseEnrichment(output: string): Enrichment {
  const result: Enrichment = { deployments: [], tops: [], logText: '', badRecords: 0 };
  const sections: { kind: string; arg: string; lines: string[] }[] = [];
  for (const line of output.split(/\r?\n/)) {
    if (line.startsWith(`${MARK} `)) {
      const [kind, ...rest] = line.slice(MARK.length + 1).split(' ');
      sections.push({ kind, arg: rest.join(' '), lines: [] });
    } else {
      sections.at(-1)?.lines.push(line);
    }
  }
  const logs: string[] = [];
  for (const s of sections) {
    const text = s.lines.join('\n');
    if (s.kind === 'record') {
      try {
        result.deployments.push(parseDeploymentRecord(text));
      } catch {
        result.badRecords++;
      }
    } else if (s.kind === 'top') {
      result.tops.push({ container: s.arg, output: text });
    } else if (s.kind === 'logs') {
      logs.push(text);
    }
  }
  result.logText = logs.join('\n');
  return result;
}

/**
 * The deployment whose server metrics the strip shows: a running (else starting) record whose container is up,
 * the most recently started first.
 */
export function currentDeployment(deployments: readonly DeploymentRecord[], runningContainers: readonly string[]): DeploymentRecord | null {
  const live = deployments.filter((d) => (d.status === 'running' || d.status === 'starting') && runningContainers.includes(d.container));
  live.sort((a, b) => (a.status === b.status ? b.startedAt.localeCompare(a.startedAt) : a.status === 'running' ? -1 : 1));
  return live[0] ?? null;
}
