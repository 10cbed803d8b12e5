/** The host check (`ascend.checkHost`): probes, analysis and the cached summary. */
export type { CheckStatus, HostFinding, Probe, ProbeId, ProbeResult, ProbeOutputs, HostSummary, HostCheckContext } from './types';
export { hostProbes, diskPaths } from './probes';
export { analyzeHostOutputs, worst, type HostReport } from './analyze-host';
export { COMPAT_MATRIX, compatRowFor, type CompatRow } from '../../versions/compat-matrix';
