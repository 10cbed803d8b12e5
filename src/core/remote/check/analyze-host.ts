/**
 * The host check as pure analysis: probe outputs in, findings (pass / warn / fail, each with its fix) and the
 * cached summary out. Run {@link hostProbes} on the host, collect each result by probe id, then call this.
 */
import { NpuSmiParseError, parseNpuSmiInfo, parseNpuSmiMapping, type NpuChipMapping, type NpuSmiInfo } from '../../npu/index';
import { parseNumactlHardware, type NumaNode } from '../host/numa';
import { analyzeDevices } from './analyze-devices';
import { analyzeDisk } from './analyze-disk';
import { analyzeDocker } from './analyze-docker';
import { analyzeMemory } from './analyze-memory';
import { analyzeNpu, summarize } from './analyze-npu';
import { analyzeNuma, npuNumaNodes } from './analyze-numa';
import { analyzeSystem } from './analyze-system';
import { analyzeVersions, installedRelease } from './analyze-versions';
import type { AnalysisInput, CheckStatus, HostCheckContext, HostFinding, HostSummary, ProbeOutputs } from './types';

export interface HostReport {
  findings: HostFinding[];
  /** The worst status of all findings. */
  status: CheckStatus;
  /** Undefined when npu-smi gave no table. */
  summary?: HostSummary;
  /** Parsed npu-smi outputs, for deploy planning. */
  info?: NpuSmiInfo;
  mapping?: NpuChipMapping[];
  /** NUMA node per NPU die (`${npuId}:${chipId}`), for the cpuset of old targets. */
  npuNuma: Map<string, number>;
  /** `numactl -H`, parsed (empty when it failed). */
  numaNodes: NumaNode[];
}

function parseOr<T>(text: string | undefined, parse: (s: string) => T): T | undefined {
  if (!text) return undefined;
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof NpuSmiParseError) return undefined;
    throw e;
  }
}

export function worst(findings: readonly HostFinding[]): CheckStatus {
  if (findings.some((f) => f.status === 'fail')) return 'fail';
  return findings.some((f) => f.status === 'warn') ? 'warn' : 'pass';
}

export function analyzeHostOutputs(out: ProbeOutputs, ctx: HostCheckContext): HostReport {
  const info = parseOr(out.npuSmi?.stdout, parseNpuSmiInfo);
  const mapping = parseOr(out.npuMap?.stdout, parseNpuSmiMapping);
  const a: AnalysisInput = { ...ctx, out, info, mapping };
  const findings = [
    ...analyzeSystem(a),
    ...analyzeVersions(a),
    ...analyzeNpu(a),
    ...analyzeDevices(a),
    ...analyzeDocker(a),
    ...analyzeMemory(a),
    ...analyzeNuma(a),
    ...analyzeDisk(a),
  ];
  return { findings, status: worst(findings), summary: info ? withRelease(summarize(info, mapping), installedRelease(a)) : undefined, info, mapping, npuNuma: npuNumaNodes(a),
    numaNodes: out.numa?.exitCode === 0 ? parseNumactlHardware(out.numa.stdout) : [] };
}

/** The summary, with the image's vllm-ascend release when Check Host read one. */
function withRelease(summary: HostSummary, installed: string | undefined): HostSummary {
  return installed ? { ...summary, vllmAscendInstalled: installed } : summary;
}
