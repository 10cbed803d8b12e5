/**
 * How a (re)deploy replaces the running server (health-gated):
 * - no running deployment: start it ("fresh");
 * - enough NPUs free outside the running deployment: start the new server on those NPUs and another port, switch
 *   the record (and so the port forward) once it is healthy, then retire the old one ("blue-green");
 * - otherwise two servers cannot share NPUs (memory is reserved per instance): state the downtime, stop the old
 *   one, start the new one and wait ("stop-start").
 * Either way a failure restores the old server: the old container is kept under a `-prev` name until the new
 * one is healthy, and its record holds the `docker run` argv to re-create it. When undoing fails, `recover`
 * names the old server, which rollback.ts planRestoreOld brings back from the state the host is in (renamed back
 * and kept or started; re-created only when gone).
 */
import { t } from '../../l10n/index';
import type { DeploymentRecord } from '../../deployment/record';
import type { DeployStep } from './deploy-steps';
import { recreateFromRecord } from './rollback';
import { containerNameFor, planDockerRun, type DockerRunInput, type DockerRunPlan } from './docker-run-argv';
import { envFileText } from './secret-env';

export type DeployStrategy = 'fresh' | 'blue-green' | 'stop-start';

export interface DeployStrategyInput extends Omit<DockerRunInput, 'npus' | 'hostPort'> {
  /** The record of the deployment with this name, if any. */
  current?: DeploymentRecord;
  /** NPU ids with processes on them (npu-smi info), the running deployment's included. */
  busyNpus: readonly number[];
  /** Host ports already listening. */
  busyPorts?: readonly number[];
  now: Date;
  /** The host's $HOME: the secrets env file is named absolutely (docker reads --env-file from its working folder). */
  home?: string;
}

export interface DeployPlan {
  strategy: DeployStrategy;
  /** Localized statement of the downtime, for stop-start; shown before anything runs. */
  downtime?: string;
  run: DockerRunPlan;
  record: DeploymentRecord;
  steps: DeployStep[];
  /** The old server to bring back (rollback.ts planRestoreOld, from the observed host state) when undoing fails. */
  recover?: DeploymentRecord;
  notes: string[];
}

const TAIL_LINES = '50';

export function prevName(container: string): string {
  return `${container}-prev`;
}

/** Exits 0 when a container of that name exists (the `done` check of steps that create or rename one). */
function exists(container: string): string[] {
  return ['docker', 'inspect', '--type', 'container', '--format', '{{.Id}}', container];
}

function freeNpus(input: DeployStrategyInput): number[] {
  const taken = new Set([...input.busyNpus, ...(input.current?.npus ?? [])]);
  const all = [...new Set(input.mapping.filter((r) => r.logicId !== null).map((r) => r.npuId))].sort((a, b) => a - b);
  return all.filter((n) => !taken.has(n));
}

function otherPort(wanted: number, current: number, busy: readonly number[]): number {
  let p = wanted;
  while (p === current || busy.includes(p)) p = p >= 65535 ? 1024 : p + 1;
  return p;
}

function recordOf(input: DeployStrategyInput, run: DockerRunPlan): DeploymentRecord {
  const d = input.descriptor;
  return {
    name: d.name, host: d.target.host, container: run.containerName, image: run.image, modelId: d.model.id,
    servedModelName: run.servedModelName, hostPort: run.hostPort, containerPort: run.containerPort, npus: run.npus,
    startedAt: input.now.toISOString(), status: 'running', publishAddress: run.publishAddress, runArgv: run.argv,
  };
}

/** A per-deploy env file name, so a rollback that re-creates the old container still finds the old one. */
export function secretsFileFor(container: string, now: Date, home?: string): string {
  const rel = `.ascend-llm/secrets/${container}-${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}.env`;
  return home ? `${home.replace(/\/+$/, '')}/${rel}` : rel;
}

function secretSteps(run: DockerRunPlan): DeployStep[] {
  if (!run.envFile) return [];
  return [{
    kind: 'write-file', id: 'secrets', title: t('Write the secrets of {0} to {1} (mode 600)', run.containerName, run.envFile), path: run.envFile, text: envFileText(run.secretEnv),
    undo: [{ kind: 'remove-file', id: 'remove-secrets', title: t('Remove {0}', run.envFile), paths: [run.envFile] }],
  }];
}

function runSteps(run: DockerRunPlan, record: DeploymentRecord, previous: DeploymentRecord | undefined): DeployStep[] {
  const c = run.containerName;
  const apiKey = run.secretEnv.find(([k]) => k === 'VLLM_API_KEY')?.[1];
  return [
    ...secretSteps(run),
    {
      kind: 'exec', id: 'run', title: t('Start container {0}', c), argv: run.argv, done: exists(c),
      undo: [
        { kind: 'exec', id: 'new-logs', title: t('Last log lines of {0}', c), argv: ['docker', 'logs', '--tail', TAIL_LINES, c], allowFailure: true, showOutput: true },
        { kind: 'exec', id: 'remove-new', title: t('Remove container {0}', c), argv: ['docker', 'rm', '-f', c], allowFailure: true },
      ],
    },
    { kind: 'wait-healthy', id: 'wait-new', title: t('Wait for {0} to be healthy', c), container: c, address: run.publishAddress, hostPort: run.hostPort, servedModelName: run.servedModelName, apiKey },
    { kind: 'smoke', id: 'smoke', title: t('Send a test completion and a chat request to {0}', c), hostPort: run.hostPort, servedModelName: run.servedModelName, apiKey, record },
    {
      kind: 'write-record', id: 'record', title: t('Record deployment {0}', record.name), record,
      undo: previous ? [{ kind: 'write-record', id: 'restore-record', title: t('Restore the record of {0}', previous.name), record: previous }] : [],
    },
  ];
}

export function chooseDeployStrategy(given: DeployStrategyInput): DeployPlan {
  const input: DeployStrategyInput = { ...given, secretsFile: given.secretsFile ?? secretsFileFor(containerNameFor(given.descriptor.name), given.now, given.home) };
  const d = input.descriptor;
  const current = input.current?.status === 'running' ? input.current : undefined;
  const wanted = [...(d.runtime.npus ?? [])];
  const notes: string[] = [];

  if (!current) {
    const run = planDockerRun(input);
    const busy = run.npus.filter((n) => input.busyNpus.includes(n));
    if (busy.length > 0) notes.push(t('NPUs {0} already have processes on them; the new server may not find enough free memory.', busy.join(', ')));
    if (input.busyPorts?.includes(run.hostPort)) notes.push(t('Port {0} is already in use on the host; docker cannot publish the server there.', run.hostPort));
    const record = recordOf(input, run);
    const steps: DeployStep[] = [
      { kind: 'exec', id: 'remove-stale', title: t('Remove a stopped container named {0}', run.containerName), argv: ['docker', 'rm', '-f', run.containerName], allowFailure: true },
      ...runSteps(run, record, input.current),
    ];
    return { strategy: 'fresh', run, record, steps, notes: [...notes, ...run.notes] };
  }

  const free = freeNpus(input);
  const overlaps = wanted.some((n) => current.npus.includes(n) || input.busyNpus.includes(n));
  const blueGreenNpus = !overlaps ? wanted : free.length >= wanted.length ? free.slice(0, wanted.length) : undefined;
  const canonical = current.container;
  const prev = prevName(canonical);
  const keepPrev: DeployStep = { kind: 'exec', id: 'clear-prev', title: t('Remove a leftover container named {0}', prev), argv: ['docker', 'rm', '-f', prev], allowFailure: true };
  const rename: DeployStep = {
    kind: 'exec', id: 'rename-old', title: t('Keep the running container as {0}', prev), argv: ['docker', 'rename', canonical, prev], done: exists(prev),
    // Not allowFailure: an old server left without its name is a failed restore, which `recover` then repairs.
    undo: [{ kind: 'exec', id: 'rename-back', title: t('Rename {0} back to {1}', prev, canonical), argv: ['docker', 'rename', prev, canonical] }],
  };

  if (blueGreenNpus) {
    if (overlaps) notes.push(t('NPUs {0} are in use, so the new server starts on free NPUs {1}.', wanted.join(', '), blueGreenNpus.join(', ')));
    const wantedPort = d.runtime.publish?.port ?? current.hostPort;
    const hostPort = otherPort(wantedPort, current.hostPort, input.busyPorts ?? []);
    const run = planDockerRun({ ...input, npus: blueGreenNpus, hostPort });
    const record = recordOf(input, run);
    const steps: DeployStep[] = [
      keepPrev, rename, ...runSteps(run, record, current),
      { kind: 'exec', id: 'stop-old', title: t('Stop the old container {0}', prev), argv: ['docker', 'stop', prev], allowFailure: true },
      { kind: 'exec', id: 'remove-old', title: t('Remove the old container {0}', prev), argv: ['docker', 'rm', prev], allowFailure: true },
    ];
    return { strategy: 'blue-green', run, record, steps, recover: current, notes: [...notes, ...run.notes] };
  }

  const run = planDockerRun(input);
  const record = recordOf(input, run);
  const downtime = t('The running server {0} holds NPUs {1} and only {2} NPUs are free, so it will be stopped before the new one starts: the model is unavailable until the new server is healthy.', canonical, current.npus.join(', '), free.length);
  const recreate = recreateFromRecord(current);
  if (recreate) {
    // The old container is re-created from its recorded `docker run` argv on failure ("restart the old container
    // from its recorded spec"), so it need not be kept under another name; records without that argv (older
    // ones) take the path below: kept stopped as -prev and started again.
    const steps: DeployStep[] = [
      { kind: 'exec', id: 'stop-old', title: t('Stop the running container {0}', canonical), argv: ['docker', 'stop', canonical], undo: recreate },
      { kind: 'exec', id: 'remove-old', title: t('Remove the old container {0}', canonical), argv: ['docker', 'rm', '-f', canonical] },
      ...runSteps(run, record, current),
    ];
    return { strategy: 'stop-start', downtime, run, record, steps, recover: current, notes: [...notes, ...run.notes] };
  }
  const steps: DeployStep[] = [
    keepPrev,
    {
      kind: 'exec', id: 'stop-old', title: t('Stop the running container {0}', canonical), argv: ['docker', 'stop', canonical],
      undo: [
        { kind: 'exec', id: 'start-old', title: t('Start the old container {0} again', canonical), argv: ['docker', 'start', canonical] },
        { kind: 'wait-healthy', id: 'wait-old', title: t('Wait for {0} to be healthy', canonical), container: canonical, address: current.publishAddress ?? '127.0.0.1', hostPort: current.hostPort, servedModelName: current.servedModelName },
      ],
    },
    rename, ...runSteps(run, record, current),
    { kind: 'exec', id: 'remove-old', title: t('Remove the old container {0}', prev), argv: ['docker', 'rm', prev], allowFailure: true },
  ];
  return { strategy: 'stop-start', downtime, run, record, steps, recover: current, notes: [...notes, ...run.notes] };
}
