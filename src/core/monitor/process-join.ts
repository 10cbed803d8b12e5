/**
 * Ties npu-smi's process rows to containers and deployments. npu-smi prints host PIDs; `docker top
 * <container>` lists the host PIDs of every process in a container (its default columns are those of
 * `ps -ef`: UID PID PPID C STIME TTY TIME CMD), so a PID found there belongs to that container. The
 * deployment is the one whose record (docs/contracts.md §2) names that container.
 */
import type { ProcessRow } from './protocol';
import type { ProcessOwner, ProcessSnapshot } from './snapshot-types';

/** The host PIDs in one `docker top` output; an output without a PID column yields none. */
export function pidsFromDockerTop(output: string): number[] {
  const lines = output.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const header = lines[0].trim().split(/\s+/);
  const col = header.findIndex((h) => h.toUpperCase() === 'PID');
  if (col < 0) return [];
  const pids: number[] = [];
  for (const line of lines.slice(1)) {
    const cell = line.trim().split(/\s+/)[col];
    if (cell !== undefined && /^\d+$/.test(cell)) pids.push(Number(cell));
  }
  return pids;
}

export interface ContainerTop {
  /** Container name or id, as the deployment record names it. */
  container: string;
  /** Raw `docker top <container>` output. */
  output: string;
}

export interface DeploymentRef {
  name: string;
  container: string;
}

/** Owner of every PID listed by the given `docker top` outputs. */
export function ownersFromDockerTop(tops: readonly ContainerTop[], deployments: readonly DeploymentRef[]): ProcessOwner[] {
  const owners: ProcessOwner[] = [];
  for (const top of tops) {
    const deployment = deployments.find((d) => d.container === top.container)?.name ?? null;
    for (const pid of pidsFromDockerTop(top.output)) owners.push({ pid, container: top.container, deployment });
  }
  return owners;
}

/** The process table with each row's container and deployment (null when the PID is in none we know). */
export function joinProcesses(processes: readonly ProcessSnapshot[], owners: readonly ProcessOwner[]): ProcessRow[] {
  const byPid = new Map<number, ProcessOwner>();
  for (const o of owners) if (!byPid.has(o.pid)) byPid.set(o.pid, o);
  return processes.map((p) => {
    const owner = byPid.get(p.pid);
    return { ...p, container: owner?.container ?? null, deployment: owner?.deployment ?? null };
  });
}
