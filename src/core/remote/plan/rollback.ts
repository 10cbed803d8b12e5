/**
 * Restoring a deployment from its record (contracts.md §2, extended with `runArgv`): when the old container is
 * gone (removed, or `docker start` fails), re-create it from the recorded `docker run` argv and wait for it.
 * Also the stop and logs commands of a recorded deployment.
 */
import { t } from '../../l10n/index';
import { requireValid } from '../validate-input';
import type { DeploymentRecord } from './deployment-record';
import type { DeployStep } from './deploy-steps';

/** Steps that bring `record`'s server back; undefined when the record has no run argv. */
export function recreateFromRecord(record: DeploymentRecord): DeployStep[] | undefined {
  if (!record.runArgv || record.runArgv[0] !== 'docker' || record.runArgv[1] !== 'run') return undefined;
  const c = requireValid('containerName', record.container);
  return [
    { kind: 'exec', id: 'remove-broken', title: t('Remove container {0}', c), argv: ['docker', 'rm', '-f', c], allowFailure: true },
    { kind: 'exec', id: 'recreate-old', title: t('Re-create {0} from its recorded spec', c), argv: [...record.runArgv] },
    { kind: 'wait-healthy', id: 'wait-old', title: t('Wait for {0} to be healthy', c), container: c, address: record.publishAddress ?? '127.0.0.1', hostPort: record.hostPort, servedModelName: record.servedModelName },
    { kind: 'write-record', id: 'restore-record', title: t('Restore the record of {0}', record.name), record: { ...record, status: 'running' } },
  ];
}

/** `ascend.stopDeployment` / `ascend-llm stop`. */
export function planStop(record: DeploymentRecord): DeployStep[] {
  const c = requireValid('containerName', record.container);
  return [
    { kind: 'exec', id: 'stop', title: t('Stop the running container {0}', c), argv: ['docker', 'stop', c] },
    { kind: 'write-record', id: 'record', title: t('Record deployment {0}', record.name), record: { ...record, status: 'stopped' } },
  ];
}

/** `ascend.showLogs` / `ascend-llm logs`. */
export function logsArgv(container: string, opts: { follow?: boolean; tail?: number } = {}): string[] {
  const argv = ['docker', 'logs'];
  if (opts.follow) argv.push('--follow');
  argv.push('--tail', String(opts.tail ?? 200), requireValid('containerName', container));
  return argv;
}
