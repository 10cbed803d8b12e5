/**
 * The runner (issue 5): executes the pure plans of ../index-plan over SSH, for the extension and the CLI alike.
 * Long work (downloads, builds, quantization) runs as detached jobs on the host and survives dropped
 * connections; deploys are health-gated with rollback; every log is diagnosed against the §7 catalogue.
 */
export type { RunContext, JobOutcome, DeployOutcome, OutcomeStatus, LogLevel } from './types';
export { RunCancelledError } from './types';
export type { HostReport } from '../check/analyze-host';
export type { HostPaths } from '../plan/host-paths';
export type { DeploymentRecord } from '../plan/deployment-record';
export type { DeployDescriptor } from '../../descriptor/types';
export type { JobState } from '../jobs/job-types';
export type { DiagnosisMatch } from '../diagnose/index';
export { runCheckHost, readDeployment } from './check-host';
export { runFetchModel } from './fetch-model';
export { runBuild, type BuildOptions } from './build';
export { runQuantize } from './quantize';
export { runDeploy, runStop, type DeployOptions } from './deploy';
export { followServerLogs } from './logs';
export { listRemoteJobs, reattachJob, cancelRemoteJob } from './job-run';
export { syncContext, hashContext } from './context-sync';
export { loadHashCache, saveHashCache } from './file-hashes';
export { reconcileDeployment, type ReconcileResult } from './deploy-reconcile';
