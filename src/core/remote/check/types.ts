/** Shapes of the host check (`ascend.checkHost`): probes to run, their outputs, and the findings. */
import type { DeployDescriptor } from '../../descriptor/types';
import type { NpuChipMapping, NpuSmiInfo } from '../../npu/index';
import type { HostPaths } from '../host/host-paths';
import type { DeploymentRecord } from '../../deployment/record';

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface HostFinding {
  /** Stable id, e.g. `driver`, `device-nodes`. */
  id: string;
  status: CheckStatus;
  /** All localized. */
  title: string;
  detail: string;
  fix?: string;
}

export type ProbeId =
  | 'arch' | 'os' | 'kernel' | 'driver' | 'firmware' | 'installInfo' | 'cann' | 'ascendPrefix' | 'envFiles'
  | 'npuSmi' | 'npuMap' | 'devices' | 'id' | 'docker' | 'meminfo' | 'numa' | 'pciNuma' | 'disk' | 'vllmAscendPip';

export interface Probe {
  id: ProbeId;
  /** Run as is (the transport quotes it). Most probes may fail; the analyzer reads whatever came back. */
  argv: string[];
}

export interface ProbeResult {
  stdout: string;
  stderr: string;
  /** null when the command could not be started or was killed. */
  exitCode: number | null;
}

export type ProbeOutputs = Partial<Record<ProbeId, ProbeResult>>;

/** Cached per host for the config rules. */
export interface HostSummary {
  /** Logical devices (dies) the host has. */
  npuCount: number;
  /** The smallest free device memory (HBM, or DDR on 310P) of any device, in MB. */
  idleHbmMBPerNpu: number;
  /** Chip as the descriptor names it (910B4, A3, 310P3, …), or null when npu-smi masks it. */
  chip: string | null;
  /** The vllm-ascend release installed in the descriptor's image (pip show inside it), when Check Host read it. */
  vllmAscendInstalled?: string;
}

export interface HostCheckContext {
  paths: HostPaths;
  descriptor?: DeployDescriptor;
  /** The deployment running on this host, whose NPUs are expected to be busy. */
  deployment?: DeploymentRecord;
}

/** What the analyzers share: the context plus the parsed npu-smi outputs. */
export interface AnalysisInput extends HostCheckContext {
  out: ProbeOutputs;
  info?: NpuSmiInfo;
  mapping?: NpuChipMapping[];
}
