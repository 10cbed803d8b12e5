/**
 * The data the NPU monitor shows, as the panel code sees it. The snapshot shape is the one fixed for
 * `ascend-llm npu-smi parse` (null where npu-smi printed `NA`/`-` or the layout lacks the column, never 0).
 * They are the parser's own types (src/core/npu/types.ts), named here for the panel code.
 */

import type { NpuChip, NpuProcess, NpuSmiInfo, UsedTotal } from '../npu/types';

export type { UsedTotal };
export type ChipSnapshot = NpuChip;
export type ProcessSnapshot = NpuProcess;
export type NpuSnapshot = NpuSmiInfo;

/** What the server-metrics strip shows (vLLM `/metrics`); null where the server did not export it. */
export interface ServerMetrics {
  running: number | null;
  waiting: number | null;
  /** 0..100 */
  kvCacheUsagePercent: number | null;
  ttftP50Seconds: number | null;
  ttftP95Seconds: number | null;
  tokensPerSecond: number | null;
}

/** One alert, already localized by whoever raised it. */
export interface MonitorAlert {
  /** Stable across ticks for the same condition. */
  id: string;
  kind: string;
  severity: 'info' | 'warning' | 'error';
  npuId: number | null;
  chipId: number | null;
  message: string;
  advice: string;
}

/** One sample from the data source for one host. */
export interface MonitorSample {
  snapshot: NpuSnapshot;
  serverMetrics?: ServerMetrics | null;
  alerts: MonitorAlert[];
  /** Container of each host PID, when known (see process-join.ts). */
  owners?: ProcessOwner[];
}

/** The container (and deployment, docs/contracts.md §2) a host PID belongs to. */
export interface ProcessOwner {
  pid: number;
  container: string;
  deployment: string | null;
}

/** `"npuId:chipId"`: how a chip is named across messages. */
export const chipKey = (npuId: number, chipId: number): string => `${npuId}:${chipId}`;
