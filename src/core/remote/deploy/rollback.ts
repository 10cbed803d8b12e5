/**
 * Restoring a deployment (docs/contracts.md §2, extended with `runArgv`), from whatever state a failed or interrupted
 * deploy left on the host: the old container, found by its docker id whatever its name now (`-prev`), gets its
 * name back and is started if it was stopped (a running one is simply kept: it holds the port); only when it is
 * gone is it re-created from the recorded `docker run` argv. Finishing an interrupted switch, and the stop and
 * logs commands of a recorded deployment, are here too.
 */
import { t } from '../../l10n/index';
import { requireValid } from '../../host-command/validate-input';
import { sameRecord, type DeploymentRecord } from '../../deployment/record';
import type { DeployStep } from './deploy-steps';

/** A container as `docker inspect` shows it. */
export interface ContainerSeen {
  id: string;
  name: string;
  /** docker's State.Status: created, running, exited, … */
  status: string;
}

/** The host's state around a deployment, as the runner observed it. */
export interface HostSeen {
  /** The container that now has the deployment's name, if any. */
  named?: ContainerSeen;
  /** The old server's container, found by its id (whatever its name now). */
  old?: ContainerSeen;
  /** The deployment record file now. */
  record?: DeploymentRecord;
}

export function containerInspectArgv(ref: string): string[] {
  return ['docker', 'inspect', '--type', 'container', '--format', '{{.Id}} {{.Name}} {{.State.Status}}', requireValid('containerName', ref)];
}

export function parseContainerSeen(stdout: string): ContainerSeen | undefined {
  const m = /^([0-9a-f]{12,64}) \/?([a-zA-Z0-9][a-zA-Z0-9_.-]*) (\S+)$/.exec(stdout.trim());
  return m ? { id: m[1], name: m[2], status: m[3] } : undefined;
}

/**
 * Steps that make `previous`'s server serve again under its name: a container holding that name that is not the
 * old one is removed; the old one is renamed back if needed, started if stopped, and waited for; when it is gone
 * it is re-created from the record. The record is written back only when it differs. undefined when nothing can
 * bring the server back (its container is gone and the record has no run argv).
 */
export function planRestoreOld(previous: DeploymentRecord, seen: HostSeen): DeployStep[] | undefined {
  const c = requireValid('containerName', previous.container);
  const steps: DeployStep[] = [];
  const old = seen.old;
  if (old) {
    const id = requireValid('containerName', old.id);
    if (seen.named && seen.named.id !== old.id) {
      steps.push({ kind: 'exec', id: 'remove-holder', title: t('Remove container {0}, which holds the name {1}', seen.named.id.slice(0, 12), c), argv: ['docker', 'rm', '-f', requireValid('containerName', seen.named.id)] });
    }
    if (old.name !== c) steps.push({ kind: 'exec', id: 'rename-back', title: t('Rename {0} back to {1}', old.name, c), argv: ['docker', 'rename', id, c] });
    if (old.status === 'running') steps.push({ kind: 'exec', id: 'keep-old', title: t('Keep the old container {0}: it is still running', c), argv: ['docker', 'inspect', '--type', 'container', '--format', '{{.Id}}', c] });
    else steps.push({ kind: 'exec', id: 'start-old', title: t('Start the old container {0} again', c), argv: ['docker', 'start', c] });
    steps.push({ kind: 'wait-healthy', id: 'wait-old', title: t('Wait for {0} to be healthy', c), container: c, address: previous.publishAddress ?? '127.0.0.1', hostPort: previous.hostPort, servedModelName: previous.servedModelName });
  } else {
    const recreate = recreateFromRecord(previous);
    if (!recreate) return undefined;
    steps.push(...recreate.filter((s) => s.kind !== 'write-record'));
  }
  if (!sameRecord(seen.record, { ...previous, status: 'running' })) {
    steps.push({ kind: 'write-record', id: 'restore-record', title: t('Restore the record of {0}', previous.name), record: { ...previous, status: 'running' } });
  }
  return steps;
}

/** The last log lines of a new container that did not become healthy, then its removal (by id). */
export function planDiscardNew(fresh: ContainerSeen): DeployStep[] {
  const id = requireValid('containerName', fresh.id);
  return [
    { kind: 'exec', id: 'new-logs', title: t('Last log lines of {0}', fresh.name), argv: ['docker', 'logs', '--tail', '50', id], allowFailure: true, showOutput: true },
    { kind: 'exec', id: 'remove-new', title: t('Remove container {0}', fresh.name), argv: ['docker', 'rm', '-f', id] },
  ];
}

/** Completes a switch whose new server is healthy: the new record, then the old container retired (by id). */
export function planFinishSwitch(next: DeploymentRecord, seen: HostSeen): DeployStep[] {
  const steps: DeployStep[] = [];
  if (!sameRecord(seen.record, next)) steps.push({ kind: 'write-record', id: 'record', title: t('Record deployment {0}', next.name), record: next });
  const old = seen.old;
  if (old && old.id !== seen.named?.id) {
    const id = requireValid('containerName', old.id);
    steps.push(
      { kind: 'exec', id: 'stop-old', title: t('Stop the old container {0}', old.name), argv: ['docker', 'stop', id], allowFailure: true },
      { kind: 'exec', id: 'remove-old', title: t('Remove the old container {0}', old.name), argv: ['docker', 'rm', '-f', id] },
    );
  }
  return steps;
}

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
