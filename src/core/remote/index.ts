/**
 * The facade of the host commands, for the extension and the CLI (files inside src/core/remote never import it).
 * Each operation's folder (check, fetch-model, build, quantize, deploy, jobs) holds its pure plan and the steps
 * that run it through a host shell (SSH or local). Long work runs as detached jobs on the host and survives dropped
 * connections; deploys are health-gated with rollback; every log is diagnosed against the known-error catalogue
 * (docs/ascend-facts.md §7).
 */
export type { RunContext, JobOutcome, DeployOutcome, OutcomeStatus, LogLevel } from './host/run-context';
export { CancelledError, LinkLostError, AuthError, HostKeyError } from '../host-command/host-errors';
export type { HostShell } from '../host-command/host-shell';
export type { HostReport } from './check/analyze-host';
export type { HostPaths } from './host/host-paths';
export type { DeploymentRecord } from '../deployment/record';
export type { DeployDescriptor } from '../descriptor/types';
export type { JobState } from './jobs/job-types';
export type { DiagnosisMatch } from './diagnose/index';
export { runCheckHost } from './check/check-host-run';
export { hostReportMarkdown, countFindings } from './check/report-markdown';
export { readDeployment } from './host/deployment-read';
export { runFetchModel } from './fetch-model/fetch-run';
export { runBuild, type BuildOptions } from './build/build-run';
export { runQuantize } from './quantize/quantize-run';
export { runDeploy, runStop, type DeployOptions } from './deploy/deploy-run';
export { runMultiNodeDeploy, runMultiNodeStop } from './deploy/multi-node-run';
export { followMultiNodeLogs } from './deploy/multi-node-logs';
export { runClusterCheck, type ClusterReport } from './check/cluster-check-run';
export { DeployRefusedError, formatGateFindings, type DeployGate, type GateFinding } from './deploy/deploy-gate';
export { followServerLogs } from './deploy/server-logs';
export { listRemoteJobs, reattachJob, cancelRemoteJob } from './jobs/job-run';
export { syncContext, hashContext } from './upload/context-sync';
export { UploadNotAllowedError, consentFile, hasUploadConsent, recordUploadConsent } from './upload/upload-consent';
export { loadHashCache, saveHashCache } from './upload/file-hashes';
export { reconcileDeployment, type ReconcileResult } from './deploy/deploy-reconcile';
export { readPending, type PendingState } from './deploy/deploy-pending';
