/**
 * The `docker run -d` argv of a deployment (docs/ascend-facts.md §1; docs/contracts.md §1):
 * - `--device <devPrefix>/davinci<logicId>` per NPU (logic ids from `npu-smi info -m`), plus davinci_manager,
 *   devmm_svm and hisi_hdc;
 * - the documented driver mounts (dcmi, npu-smi, driver/lib64, driver/version.info, ascend_install.info) and the
 *   model folder read-only;
 * - inside the container the visible ids restart at 0, so ASCEND_RT_VISIBLE_DEVICES, when set, is 0…n-1;
 * - secrets (runtime.env HF_TOKEN-like names, serve.api-key) only through `--env-file` (secret-env.ts);
 * - PYTORCH_NPU_ALLOC_CONF and --shm-size; `-p <address>:<port>:<container port>` (127.0.0.1 by default);
 * - a cpuset (the union of the NPUs' NUMA nodes) only for vllm-ascend older than v0.18.0rc1, which does not
 *   bind CPUs itself (docs/ascend-facts.md §6, `enable_cpu_binding`).
 * The result is an argv: the transport quotes it with shellQuote().
 */
import { isIP } from 'node:net';
import { t } from '../../l10n/index';
import { atLeast } from '../../versions/version-tags';
import type { DeployDescriptor } from '../../descriptor/types';
import type { NpuChipMapping } from '../../npu/index';
import { requireValid } from '../../host-command/validate-input';
import { deviceNode, driverMounts, MANAGER_DEVICES, volumeArg, type BindMount, type HostPaths } from '../host/host-paths';
import { devicesFor, type NpuDevice } from './npu-devices';
import { cpusetFor, type Cpuset, type NumaNode } from '../host/numa';
import { PlanError } from '../../host-command/plan-error';
import { serveCommand } from './serve-args';
import { isSecretName } from './secret-env';

/** The first vllm-ascend release that binds CPUs per NPU/NUMA node itself (docs/ascend-facts.md §6). */
export const CPU_BINDING_SINCE = 'v0.18.0rc1';
export const DEFAULT_SHM_SIZE = '1g';
export const DEFAULT_PUBLISH_ADDRESS = '127.0.0.1';
export const MODELS_DIR_IN_CONTAINER = '/models';

export interface NumaFacts {
  nodes: NumaNode[];
  /** NUMA node per NPU die, keyed `${npuId}:${chipId}`. */
  npuNode: Map<string, number>;
}

export interface DockerRunInput {
  descriptor: DeployDescriptor;
  /** Parsed `npu-smi info -m`. */
  mapping: readonly NpuChipMapping[];
  paths: HostPaths;
  numa?: NumaFacts;
  /** NPUs to use instead of runtime.npus (blue/green on other NPUs). */
  npus?: readonly number[];
  /** Host port instead of runtime.publish.port (blue/green on another port). */
  hostPort?: number;
  /** Host path (relative to $HOME) of the env file holding the secrets; default `.ascend-llm/secrets/<container>.env`. */
  secretsFile?: string;
}

export interface DockerRunPlan {
  argv: string[];
  containerName: string;
  image: string;
  npus: number[];
  devices: NpuDevice[];
  /** Variables passed with `-e` (no secrets). */
  env: Array<[string, string]>;
  /** Secret variables (secret-env.ts), passed through `--env-file envFile`, never in argv. */
  secretEnv: Array<[string, string]>;
  envFile?: string;
  mounts: BindMount[];
  publishAddress: string;
  hostPort: number;
  containerPort: number;
  servedModelName: string;
  modelHostPath: string;
  modelContainerPath: string;
  cpuset?: Cpuset;
  /** Localized remarks for the user (an env value rewritten, a cpuset that could not be derived, …). */
  notes: string[];
}

export function containerNameFor(name: string): string {
  return requireValid('containerName', `ascend-llm-${requireValid('deploymentName', name)}`);
}

/** The folder deploy serves: the quantized output when quantization is configured, else the weights. */
export function servedModelFolder(d: DeployDescriptor): { path: string; quantized: boolean } {
  if (d.quantization?.scheme && d.quantization.outputPath) return { path: requireValid('remotePath', d.quantization.outputPath), quantized: true };
  if (!d.model.hostPath) throw new PlanError('missing-model-path', t('model.hostPath is required to deploy: it names the folder with the weights on the host.'));
  return { path: requireValid('remotePath', d.model.hostPath), quantized: false };
}

function envValue(key: string, value: string): string {
  if (/[\0\r\n]/.test(value)) throw new PlanError('bad-env', t('runtime.env.{0} contains a line break or NUL, which docker cannot pass.', key));
  return value;
}

function publishArg(address: string, port: number, containerPort: number): string {
  const kind = isIP(address);
  if (kind === 0) throw new PlanError('bad-env', t('runtime.publish.address {0} is not an IP address.', JSON.stringify(address)));
  return `${kind === 6 ? `[${address}]` : address}:${port}:${containerPort}`;
}

/** tensor × pipeline × data parallel size: the devices one server needs (each rank holds one device). */
function parallelRanks(serve: DeployDescriptor['serve']): number {
  const size = (...keys: string[]): number => {
    for (const k of keys) {
      const v = serve[k];
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
      if (n !== undefined && n >= 1) return n;
    }
    return 1;
  };
  return size('tensor-parallel-size', 'tensor_parallel_size') * size('pipeline-parallel-size', 'pipeline_parallel_size') * size('data-parallel-size', 'data_parallel_size');
}

function wantsCpuset(version: string | undefined): boolean {
  return version !== undefined && !atLeast(version, CPU_BINDING_SINCE);
}

export function planDockerRun(input: DockerRunInput): DockerRunPlan {
  const d = input.descriptor;
  const notes: string[] = [];
  const containerName = containerNameFor(d.name);
  const image = requireValid('imageTag', d.image.tag);
  const npus = [...(input.npus ?? d.runtime.npus ?? [])];
  if (npus.length === 0) throw new PlanError('missing-npus', t('runtime.npus is required to deploy: list the NPU ids (as npu-smi info prints them) the server may use.'));
  const devices = devicesFor(npus, input.mapping);
  const model = servedModelFolder(d);
  const base = model.path.replace(/\/+$/, '').split('/').pop() || 'model';
  const modelContainerPath = requireValid('remotePath', `${MODELS_DIR_IN_CONTAINER}/${base}`);
  const serve = serveCommand(d.serve, modelContainerPath, { quantized: model.quantized });
  const ranks = parallelRanks(d.serve);
  if (ranks > devices.length) {
    throw new PlanError('missing-npus', t('The serve parallel sizes need {0} NPU devices, but runtime.npus gives the container {1}.', ranks, devices.length));
  }

  const env = new Map<string, string>(Object.entries(d.runtime.env ?? {}).map(([k, v]) => [k, envValue(k, v)]));
  if (env.has('ASCEND_RT_VISIBLE_DEVICES')) {
    const visible = devices.map((_, i) => i).join(',');
    if (env.get('ASCEND_RT_VISIBLE_DEVICES') !== visible) {
      notes.push(t('ASCEND_RT_VISIBLE_DEVICES was {0}; inside the container the NPUs are renumbered from 0, so it is set to {1}.', env.get('ASCEND_RT_VISIBLE_DEVICES') ?? '', visible));
    }
    env.set('ASCEND_RT_VISIBLE_DEVICES', visible);
  }
  if (!env.has('PYTORCH_NPU_ALLOC_CONF')) {
    // docs/ascend-facts.md §1 / faqs Q12: expandable_segments:True against fragmentation; max_split_size_mb:256 on 310P.
    env.set('PYTORCH_NPU_ALLOC_CONF', d.target.chip === '310P3' ? 'max_split_size_mb:256' : 'expandable_segments:True');
  }

  const mounts = [...driverMounts(input.paths), { source: model.path, target: modelContainerPath, readOnly: true }];
  for (const m of mounts) requireValid('remotePath', m.source);
  const publishAddress = d.runtime.publish?.address ?? DEFAULT_PUBLISH_ADDRESS;
  const hostPort = input.hostPort ?? d.runtime.publish?.port ?? serve.containerPort;

  let cpuset: Cpuset | undefined;
  if (wantsCpuset(d.target.vllmAscend)) {
    const nodes = input.numa ? devices.map((dev) => input.numa?.npuNode.get(`${dev.npuId}:${dev.chipId}`)) : [];
    cpuset = nodes.length > 0 && nodes.every((n) => n !== undefined) && input.numa ? cpusetFor(nodes as number[], input.numa.nodes) : undefined;
    if (!cpuset) notes.push(t('vllm-ascend {0} does not bind CPUs to the NPUs NUMA nodes itself, and the NUMA node of each NPU is unknown, so no cpuset is set.', d.target.vllmAscend ?? ''));
  }

  const argv = ['docker', 'run', '-d', '--name', containerName];
  for (const dev of devices) argv.push('--device', deviceNode(input.paths, `davinci${dev.logicId}`));
  for (const name of MANAGER_DEVICES) argv.push('--device', deviceNode(input.paths, name));
  for (const m of mounts) argv.push('-v', volumeArg(m));
  const secretEnv: Array<[string, string]> = [...serve.secretEnv];
  for (const [k, v] of env) {
    if (isSecretName(k)) secretEnv.push([k, v]);
    else argv.push('-e', `${k}=${v}`);
  }
  const envFile = secretEnv.length > 0 ? input.secretsFile ?? `.ascend-llm/secrets/${containerName}.env` : undefined;
  if (envFile) argv.push('--env-file', envFile);
  argv.push('--shm-size', d.runtime.shmSize ?? DEFAULT_SHM_SIZE);
  if (cpuset) argv.push('--cpuset-cpus', cpuset.cpus, '--cpuset-mems', cpuset.mems);
  argv.push('-p', publishArg(publishAddress, hostPort, serve.containerPort));
  argv.push(image, ...serve.argv);

  return {
    argv, containerName, image, npus, devices, env: [...env].filter(([k]) => !isSecretName(k)), secretEnv, envFile, mounts, publishAddress, hostPort,
    containerPort: serve.containerPort, servedModelName: serve.servedModelName, modelHostPath: model.path,
    modelContainerPath, cpuset, notes,
  };
}
