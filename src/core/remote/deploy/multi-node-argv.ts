/**
 * The per-node `docker run` argv and environment of a multi-node deploy on vLLM's native data-parallel launch
 * (docs/multi-node.md §2-3), in the form of vllm-ascend's tutorials: every node runs one container with
 * `--net=host --privileged=true`, its NPUs, the driver mounts plus `hccn_tool` and `/etc/hccn.conf`; the first host is
 * the head (`--data-parallel-address` = its own address), the others add `--headless --data-parallel-start-rank r`;
 * all share `--data-parallel-size`, `--data-parallel-rpc-port` and the head's address. The HCCL/Gloo/TP interface
 * variables name each node's own address and NIC; A2 also keeps intra-node traffic on PCIe (HCCL_INTRA_PCIE_ENABLE=1,
 * HCCL_INTRA_ROCE_ENABLE=0). Pure: no I/O; the result is argv for shellQuote().
 */
import { isIP } from 'node:net';
import { t } from '../../l10n/index';
import type { ServeValue } from '../../descriptor/types';
import type { NpuChipMapping } from '../../npu/index';
import { PlanError } from '../../host-command/plan-error';
import { requireValid } from '../../host-command/validate-input';
import { deviceNode, driverMounts, MANAGER_DEVICES, volumeArg, type BindMount, type HostPaths } from '../host/host-paths';
import { devicesFor, type NpuDevice } from './npu-devices';
import { serveCommand } from './serve-args';

/** Atlas 800 A2 (8 NPUs) or A3 (8 NPUs × 2 dies = 16 devices). */
export type AscendSeries = 'A2' | 'A3';

export interface MultiNodeHost {
  alias: string;
  /** The node's address on the network the nodes share (`local_ip` in the tutorials). */
  address: string;
  /** The interface holding that address (`nic_name`). */
  nic: string;
  /** NPU ids as npu-smi info prints them. */
  npus: number[];
  mapping: readonly NpuChipMapping[];
  paths: HostPaths;
}

export interface ParallelLayout {
  /** Data-parallel ranks over all nodes. */
  dp: number;
  /** Ranks per node: one number for every node, or one per host. */
  dpLocal: number | number[];
  tp: number;
  /** --enable-expert-parallel */
  ep?: boolean;
}

export interface MultiNodeInput {
  /** Deployment name (container name `ascend-llm-<name>` on every node). */
  name: string;
  image: string;
  series: AscendSeries;
  hosts: MultiNodeHost[];
  parallel: ParallelLayout;
  /** Folder with the weights, the same path on every node. */
  modelHostPath: string;
  /** msModelSlim output: adds `--quantization ascend` unless serve sets it. */
  quantized?: boolean;
  /** Other vLLM options (the descriptor's `serve`); the parallel and DP keys are the plan's own. */
  serve?: Record<string, ServeValue>;
  /** runtime.env: added to (and overriding) the derived variables. */
  env?: Record<string, string>;
  rpcPort?: number;
  hcclBuffSize?: number;
  /** HCCL_CONNECT_TIMEOUT in seconds; unset leaves HCCL's default (120 s). */
  hcclConnectTimeout?: number;
  shmSize?: string;
}

export interface NodePlan {
  alias: string;
  role: 'head' | 'headless';
  /** First data-parallel rank of this node. */
  startRank: number;
  dpLocal: number;
  devices: NpuDevice[];
  env: Array<[string, string]>;
  mounts: BindMount[];
  /** `docker run -d …` */
  argv: string[];
  containerName: string;
}

/** The tutorials' rpc port (DeepSeek-R1.md §5.2). */
export const DEFAULT_RPC_PORT = 13389;
export const DEFAULT_HCCL_BUFFSIZE = 200;
const MODEL_IN_CONTAINER = '/models';
/** Keys the plan derives; a `serve` entry for one of them is refused rather than silently dropped or doubled. */
const PLAN_KEYS = ['data-parallel-size', 'data-parallel-size-local', 'data-parallel-start-rank', 'data-parallel-address',
  'data-parallel-rpc-port', 'headless', 'tensor-parallel-size', 'enable-expert-parallel'];

function localSizes(p: ParallelLayout, n: number): number[] {
  const sizes = Array.isArray(p.dpLocal) ? p.dpLocal : Array.from({ length: n }, () => p.dpLocal as number);
  if (sizes.length !== n) throw new PlanError('bad-parallel', t('parallel.dpLocal lists {0} nodes, but there are {1} hosts.', sizes.length, n));
  for (const v of [p.dp, p.tp, ...sizes]) {
    if (!Number.isInteger(v) || v < 1) throw new PlanError('bad-parallel', t('Parallel sizes must be whole numbers of at least 1.'));
  }
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum !== p.dp) throw new PlanError('bad-parallel', t('parallel.dp is {0}, but the nodes run {1} data-parallel ranks together (the sum of dpLocal).', p.dp, sum));
  return sizes;
}

function mountsFor(paths: HostPaths, model: string): BindMount[] {
  const ascend = paths.ascendPrefix.replace(/\/+$/, '');
  const etc = (paths.etcPrefix ?? '/etc').replace(/\/+$/, '');
  return [
    ...driverMounts(paths),
    { source: `${ascend}/driver/tools/hccn_tool`, target: '/usr/local/Ascend/driver/tools/hccn_tool', readOnly: false },
    { source: `${etc}/hccn.conf`, target: '/etc/hccn.conf', readOnly: false },
    { source: model, target: `${MODEL_IN_CONTAINER}/${model.replace(/\/+$/, '').split('/').pop() || 'model'}`, readOnly: true },
  ];
}

/** One NodePlan per host, the head first. */
export function planMultiNode(input: MultiNodeInput): NodePlan[] {
  const { hosts, parallel: p } = input;
  if (hosts.length < 2) throw new PlanError('bad-parallel', t('A multi-node deploy needs at least two hosts; the first is the head.'));
  const sizes = localSizes(p, hosts.length);
  const image = requireValid('imageTag', input.image);
  const containerName = requireValid('containerName', `ascend-llm-${requireValid('deploymentName', input.name)}`);
  const model = requireValid('remotePath', input.modelHostPath);
  const rpcPort = input.rpcPort ?? DEFAULT_RPC_PORT;
  for (const k of Object.keys(input.serve ?? {})) {
    if (PLAN_KEYS.includes(k.replace(/_/g, '-'))) throw new PlanError('bad-serve-value', t('serve.{0} is set by the multi-node plan from parallel; remove it from serve.', k));
  }
  for (const h of hosts) {
    if (isIP(h.address) === 0) throw new PlanError('bad-host', t('The address of {0} ({1}) is not an IP address; HCCL_IF_IP and --data-parallel-address need one.', h.alias, JSON.stringify(h.address)));
    // Linux interface names: at most 15 characters, no slash or space.
    if (!/^[A-Za-z0-9_.:-]{1,15}$/.test(h.nic)) throw new PlanError('bad-host', t('The network interface of {0} ({1}) is not an interface name.', h.alias, JSON.stringify(h.nic)));
  }
  const head = hosts[0];
  let start = 0;
  return hosts.map((h, i) => {
    const devices = devicesFor(h.npus, h.mapping);
    const need = sizes[i] * p.tp;
    if (need > devices.length) {
      throw new PlanError('missing-npus', t('{0} runs {1} data-parallel ranks × TP {2} = {3} NPU devices, but its npus give {4}.', h.alias, sizes[i], p.tp, need, devices.length));
    }
    const mounts = mountsFor(h.paths, model);
    const serve = serveCommand(input.serve ?? {}, mounts[mounts.length - 1].target, { quantized: input.quantized ?? false });
    const [vllm, sub, modelPath, ...rest] = serve.argv;
    const dpFlags = [
      ...(i > 0 ? ['--headless'] : []),
      '--data-parallel-size', String(p.dp), '--data-parallel-size-local', String(sizes[i]),
      ...(i > 0 ? ['--data-parallel-start-rank', String(start)] : []),
      '--data-parallel-address', head.address, '--data-parallel-rpc-port', String(rpcPort),
      '--tensor-parallel-size', String(p.tp), ...(p.ep ? ['--enable-expert-parallel'] : []),
    ];
    const env = new Map<string, string>([
      ['HCCL_IF_IP', h.address], ['GLOO_SOCKET_IFNAME', h.nic], ['TP_SOCKET_IFNAME', h.nic], ['HCCL_SOCKET_IFNAME', h.nic],
      ['OMP_PROC_BIND', 'false'], ['OMP_NUM_THREADS', '1'], ['HCCL_BUFFSIZE', String(input.hcclBuffSize ?? DEFAULT_HCCL_BUFFSIZE)],
      ['PYTORCH_NPU_ALLOC_CONF', 'expandable_segments:True'],
    ]);
    if (input.hcclConnectTimeout !== undefined) env.set('HCCL_CONNECT_TIMEOUT', String(input.hcclConnectTimeout));
    if (input.series === 'A2') { env.set('HCCL_INTRA_PCIE_ENABLE', '1'); env.set('HCCL_INTRA_ROCE_ENABLE', '0'); }
    for (const [k, v] of Object.entries(input.env ?? {})) {
      if (/[\0\r\n]/.test(v)) throw new PlanError('bad-env', t('runtime.env.{0} contains a line break or NUL, which docker cannot pass.', k));
      env.set(k, v);
    }
    const argv = ['docker', 'run', '-d', '--name', containerName, '--net=host', '--privileged=true', '--shm-size', input.shmSize ?? '1g'];
    for (const d of devices) argv.push('--device', deviceNode(h.paths, `davinci${d.logicId}`));
    for (const m of MANAGER_DEVICES) argv.push('--device', deviceNode(h.paths, m));
    for (const m of mounts) argv.push('-v', volumeArg(m));
    for (const [k, v] of env) argv.push('-e', `${k}=${v}`);
    argv.push(image, vllm, sub, modelPath, ...rest.slice(0, 4), ...dpFlags, ...rest.slice(4));
    const plan: NodePlan = { alias: h.alias, role: i === 0 ? 'head' : 'headless', startRank: start, dpLocal: sizes[i], devices, env: [...env], mounts, argv, containerName };
    start += sizes[i];
    return plan;
  });
}
