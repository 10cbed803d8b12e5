/**
 * The deploy's plan, from what the host check found: the strategy (fresh / blue-green / stop-start), its steps
 * with undo, and the new record. Pure: the runner (deploy-run.ts) executes it.
 */
import { parseNpuSmiMapping, type NpuChipMapping, type NpuSmiInfo } from '../../npu/index';
import type { DeployDescriptor } from '../../descriptor/types';
import type { DeploymentRecord } from '../../deployment/record';
import type { HostReport } from '../check/analyze-host';
import type { HostPaths } from '../host/host-paths';
import { parseNumactlHardware, type NumaNode } from '../host/numa';
import { chooseDeployStrategy, type DeployPlan } from './deploy-strategy';

export interface PlanDeployInput {
  descriptor: DeployDescriptor;
  paths: HostPaths;
  /** A fresh host report (gives the `-m` map, busy NPUs and NUMA facts), or the raw/parsed `npu-smi info -m`. */
  report?: HostReport;
  mapping?: NpuChipMapping[] | string;
  /** `numactl -H` text or parsed nodes, for the cpuset of targets older than v0.18.0rc1. */
  numa?: NumaNode[] | string;
  current?: DeploymentRecord;
  busyNpus?: number[];
  busyPorts?: number[];
  now?: Date;
  /** The host's $HOME (names the secrets env file absolutely). */
  home?: string;
}

/** NPU ids that have processes on them in an `npu-smi info` snapshot. */
export function busyNpusOf(info: NpuSmiInfo | undefined): number[] {
  return [...new Set((info?.processes ?? []).map((p) => p.npuId))].sort((a, b) => a - b);
}

export function planDeploy(input: PlanDeployInput): DeployPlan {
  const raw = input.mapping ?? input.report?.mapping;
  const mapping = typeof raw === 'string' ? parseNpuSmiMapping(raw) : raw;
  if (!mapping) throw new TypeError('planDeploy: the npu-smi info -m mapping is required (report or mapping)');
  const nodes = typeof input.numa === 'string' ? parseNumactlHardware(input.numa) : input.numa ?? input.report?.numaNodes;
  return chooseDeployStrategy({
    descriptor: input.descriptor,
    mapping,
    paths: input.paths,
    numa: nodes && input.report ? { nodes, npuNode: input.report.npuNuma } : undefined,
    current: input.current,
    busyNpus: input.busyNpus ?? busyNpusOf(input.report?.info),
    busyPorts: input.busyPorts,
    now: input.now ?? new Date(),
    home: input.home,
  });
}
