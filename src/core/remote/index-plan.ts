/**
 * CLI-free facade of the remote planning core (issue 5): everything here is pure (argv in, argv and findings
 * out); the SSH transport runs the argv (quoting each with shellQuote) and feeds the outputs back.
 *
 *   const probes = hostProbes(paths, descriptor);                 // run each, collect { stdout, stderr, exitCode }
 *   const report = analyzeHost(outputs, { paths, descriptor, deployment });
 *   const plan = planDeploy({ descriptor, paths, report, current, now: new Date() });
 *   // show plan.downtime first when set; run plan.steps; on failure at step k run undoAfterFailure(plan.steps, k),
 *   // and plan.recover if restoring the old container fails.
 */
import { parseNpuSmiMapping, type NpuChipMapping, type NpuSmiInfo } from '../npu/index';
import { analyzeHostOutputs, type HostReport } from './check/analyze-host';
import type { HostCheckContext, ProbeOutputs } from './check/types';
import { planDeploy as planDeployStrategy, type DeployPlan } from './plan/deploy-strategy';
import type { DeploymentRecord } from './plan/deployment-record';
import type { HostPaths } from './plan/host-paths';
import { parseNumactlHardware, type NumaNode } from './plan/numa';
import type { DeployDescriptor } from '../descriptor/types';

export { hostProbes } from './check/probes';
export type { HostFinding, HostSummary, Probe, ProbeId, ProbeOutputs, ProbeResult, CheckStatus } from './check/types';
export type { HostReport } from './check/analyze-host';
export { planDockerRun, containerNameFor, type DockerRunPlan } from './plan/docker-run';
export type { DeployPlan, DeployStrategy } from './plan/deploy-strategy';
export { undoAfterFailure, type DeployStep } from './plan/deploy-steps';
export { recreateFromRecord, planStop, logsArgv } from './plan/rollback';
export { parseDeploymentRecord, deploymentRecordPath, type DeploymentRecord } from './plan/deployment-record';
export { planQuantize, verifyQuantOutput, descriptionFileIn, type QuantizePlan } from './plan/quantize';
export { planFetchModel, verifyModelFolder, type FetchPlan, type ModelFolderCheck } from './plan/fetch-model';
export { planBuild, planPull, planLoad, imageExistsArgv, imageSourceOf, type ImagePlan } from './plan/build';
export { mirrorImage } from './plan/mirrors';
export { modelsListServed, HEALTH_PATHS } from './plan/health';
export { withEnv, withSourcedFiles } from './plan/env-argv';
export { PlanError, type PlanErrorCode } from './plan/plan-error';
export type { HostPaths } from './plan/host-paths';
export { diagnoseLog, distinctCauses, type DiagnosisMatch } from './diagnose/index';
export { loadDescriptor, parseDescriptor, DescriptorError, type DeployDescriptor } from '../descriptor/index';

/** `ascend.checkHost`: findings and the cached summary from the probe outputs. */
export function analyzeHost(outputs: ProbeOutputs, ctx: HostCheckContext): HostReport {
  return analyzeHostOutputs(outputs, ctx);
}

/** NPU ids that have processes on them in an `npu-smi info` snapshot. */
export function busyNpusOf(info: NpuSmiInfo | undefined): number[] {
  return [...new Set((info?.processes ?? []).map((p) => p.npuId))].sort((a, b) => a - b);
}

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
}

/** `ascend.deploy`: the strategy (fresh / blue-green / stop-start), its steps with undo, and the new record. */
export function planDeploy(input: PlanDeployInput): DeployPlan {
  const raw = input.mapping ?? input.report?.mapping;
  const mapping = typeof raw === 'string' ? parseNpuSmiMapping(raw) : raw;
  if (!mapping) throw new TypeError('planDeploy: the npu-smi info -m mapping is required (report or mapping)');
  const nodes = typeof input.numa === 'string' ? parseNumactlHardware(input.numa) : input.numa ?? input.report?.numaNodes;
  return planDeployStrategy({
    descriptor: input.descriptor,
    mapping,
    paths: input.paths,
    numa: nodes && input.report ? { nodes, npuNode: input.report.npuNuma } : undefined,
    current: input.current,
    busyNpus: input.busyNpus ?? busyNpusOf(input.report?.info),
    busyPorts: input.busyPorts,
    now: input.now ?? new Date(),
  });
}
