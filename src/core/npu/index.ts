/** The npu-smi parsers and alerts (no vscode; used by the monitor, the CLI and tests). The monitor keeps its history in src/core/monitor/history-window.ts. */
export type { NpuChip, NpuProcess, NpuSmiInfo, UsedTotal } from './types';
export { NpuSmiParseError, type NpuSmiParseErrorCode } from './parse-error';
export { parseNpuSmiInfo } from './parse-info';
export { parseNpuSmiMapping, logicIdOf, type NpuChipMapping } from './parse-info-m';
export { parseNpuSmiList, type NpuList, type NpuListEntry } from './parse-info-list';
export { parseNpuSmiChipInfo, type NpuChipInfo, type ChipInfoValue } from './parse-chip-info';
export { NpuWatchParser, type NpuWatchSample, type NpuWatchFeed } from './watch-stream';
export { evaluateNpuAlerts, TEMPERATURE_WARN_C, MEMORY_NEAR_FULL_RATIO, type NpuAlert, type NpuAlertKind, type AlertThresholds } from './alerts';
