/**
 * The cross-node checks as pure analysis (docs/multi-node.md §4): what the tutorials prescribe before a multi-node
 * launch — every used NPU's link UP and net health Success, an NPU IP on each, the TLS switch equal on all nodes,
 * every NPU reaching its peers on the other nodes, the node's network interface present (and any interface
 * runtime.env names), the rpc port free on the head, and the same image and model on every node. Each failure
 * names its fix.
 */
import { t } from '../../l10n/index';
import { finding } from './finding';
import type { HostFinding } from './types';
import type { Series } from './cluster-probes';

export interface NpuNet {
  npu: number;
  link?: string;
  netHealth?: string;
  tls?: number;
  ip?: string;
  /** Peer NPU IP → answered. */
  pings: Record<string, boolean>;
}

export interface NodeNet {
  alias: string;
  address?: string;
  interfaces: Map<string, string[]>;
  busyPorts: number[];
  imageId?: string;
  modelDigest?: string;
  npus: NpuNet[];
  /** This deployment's container runs on the node (a redeploy). */
  deployed?: boolean;
}

export interface ClusterCheckInput {
  series: Series;
  nodes: NodeNet[];
  rpcPort: number;
  image: string;
  modelPath?: string;
  /** Interface names runtime.env sets (GLOO_SOCKET_IFNAME, TP_SOCKET_IFNAME, HCCL_SOCKET_IFNAME). */
  envInterfaces: Array<[string, string]>;
  /** The rpc port is held by our own running deployment (a redeploy): not a failure. */
  rpcPortOurs?: boolean;
}

const list = (xs: Array<string | number>): string => xs.join(', ');

/** The interface holding the node's address. */
export function nicOf(n: NodeNet): string | undefined {
  return [...n.interfaces].find(([, ips]) => n.address !== undefined && ips.includes(n.address))?.[0];
}

function npuFindings(n: NodeNet, series: Series): HostFinding[] {
  const tool = '/usr/local/Ascend/driver/tools/hccn_tool';
  const out: HostFinding[] = [];
  const down = n.npus.filter((x) => x.link !== 'UP');
  out.push(down.length
    ? finding('npu-link', 'fail', t('{0}: NPU links', n.alias), t('Link not UP on NPU {0}.', list(down.map((x) => `${x.npu} (${x.link ?? '?'})`))),
      t('Check the cable and the switch port of NPU {0} on {1} ({2} -i N -link -g must print "link status: UP"), and /etc/hccn.conf.', list(down.map((x) => x.npu)), n.alias, tool))
    : finding('npu-link', 'pass', t('{0}: NPU links', n.alias), t('All {0} NPU links are UP.', n.npus.length)));
  const sick = n.npus.filter((x) => x.link === 'UP' && x.netHealth !== 'Success');
  if (sick.length) {
    out.push(finding('npu-net-health', 'fail', t('{0}: NPU network health', n.alias), t('net health is not Success on NPU {0}.', list(sick.map((x) => `${x.npu} (${x.netHealth ?? '?'})`))),
      t('Check the NPU IP, netmask and detect IP in /etc/hccn.conf ({0} -i N -netdetect -g, -gateway -g), so that the NPU reaches its detect address.', tool)));
  }
  const noIp = n.npus.filter((x) => !x.ip);
  if (noIp.length) {
    out.push(finding('npu-ip', 'fail', t('{0}: NPU IP addresses', n.alias), t('NPU {0} has no {1} address.', list(noIp.map((x) => x.npu)), series === 'A3' ? 'vNIC' : 'IP'),
      series === 'A3' ? t('Configure the vNIC address of each die ({0} -i N -vnic -s …) as the A3 guide does.', tool) : t('Give each NPU its address ({0} -i N -ip -s address A.B.C.D netmask M), as in /etc/hccn.conf.', tool)));
  }
  return out;
}

export function analyzeCluster(input: ClusterCheckInput): HostFinding[] {
  const { nodes, series } = input;
  const out: HostFinding[] = [];
  for (const n of nodes) out.push(...npuFindings(n, series));
  // TLS: one value on every NPU of every node.
  const tlsValues = new Map<number, string[]>();
  for (const n of nodes) for (const x of n.npus) if (x.tls !== undefined) tlsValues.set(x.tls, [...(tlsValues.get(x.tls) ?? []), `${n.alias}/${x.npu}`]);
  if (tlsValues.size > 1) {
    const [major] = [...tlsValues].sort((a, b) => b[1].length - a[1].length)[0];
    const odd = [...tlsValues].filter(([v]) => v !== major).flatMap(([v, where]) => where.map((w) => `${w} (${v})`));
    out.push(finding('npu-tls', 'fail', t('TLS settings across nodes'), t('The TLS switch differs: most NPUs have {0}, but {1}.', major, list(odd)),
      t('Make the TLS switch the same on every NPU of every node: hccn_tool -i N -tls -s enable {0} on the odd ones (HCCL cannot connect NPUs whose TLS settings differ).', major)));
  } else {
    out.push(finding('npu-tls', 'pass', t('TLS settings across nodes'), tlsValues.size ? t('The TLS switch is {0} on every NPU.', [...tlsValues.keys()][0]) : t('No TLS setting was read.')));
  }
  // Pings to the other nodes' NPUs.
  const lost: string[] = [];
  let tried = 0;
  for (const n of nodes) {
    for (const x of n.npus) {
      for (const [peer, ok] of Object.entries(x.pings)) {
        tried++;
        if (!ok) lost.push(t('{0} NPU {1} → {2}', n.alias, x.npu, `${nodes.find((m) => m.npus.some((y) => y.ip === peer))?.alias ?? '?'} ${peer}`));
      }
    }
  }
  out.push(lost.length
    ? finding('npu-ping', 'fail', t('NPU-to-NPU reachability'), t('{0} of {1} NPU pings to other nodes got no answer: {2}.', lost.length, tried, list(lost.slice(0, 8))),
      t('Check that the NPUs are on one network (same subnet in /etc/hccn.conf, switch ports in the same VLAN) and that their links are UP; test with hccn_tool -i N {0} -g address <peer NPU IP>.', series === 'A3' ? '-hccs_ping' : '-ping'))
    : finding('npu-ping', 'pass', t('NPU-to-NPU reachability'), t('All {0} NPU pings to other nodes answered.', tried)));
  // Interfaces.
  for (const n of nodes) {
    const nic = nicOf(n);
    const missing = input.envInterfaces.filter(([, name]) => !n.interfaces.has(name));
    if (!nic || missing.length) {
      out.push(finding('interfaces', 'fail', t('{0}: network interface', n.alias),
        !nic ? t('No interface holds the address {0} that SSH reached.', n.address ?? '?') : t('{0} names an interface that {1} does not have (it has {2}).', list(missing.map(([k, v]) => `${k}=${v}`)), n.alias, list([...n.interfaces.keys()])),
        t('Set HCCL_IF_IP / GLOO_SOCKET_IFNAME / TP_SOCKET_IFNAME / HCCL_SOCKET_IFNAME to an interface every node has, or leave them out: the deploy derives each node\'s own from the address SSH reaches.')));
    } else {
      out.push(finding('interfaces', 'pass', t('{0}: network interface', n.alias), t('{0} holds {1}.', nic, n.address ?? '')));
    }
  }
  // The rpc port on the head.
  const head = nodes[0];
  if (head && head.busyPorts.includes(input.rpcPort) && !input.rpcPortOurs) {
    out.push(finding('rpc-port', 'fail', t('Data-parallel rpc port'), t('Port {0} is already in use on the head node {1}.', input.rpcPort, head.alias),
      t('Stop what listens on port {0} of the head node (ss -ltnp shows it; often an old vLLM container), then check again.', input.rpcPort)));
  } else {
    out.push(finding('rpc-port', 'pass', t('Data-parallel rpc port'), t('Port {0} is free on the head node.', input.rpcPort)));
  }
  // Image and model on every node.
  const noImage = nodes.filter((n) => !n.imageId);
  const ids = new Set(nodes.map((n) => n.imageId).filter(Boolean));
  out.push(noImage.length
    ? finding('image-same', 'fail', t('Image on every node'), t('{0} is not on {1}.', input.image, list(noImage.map((n) => n.alias))), t('Pull or load {0} on {1} (Deploy does it, or docker pull / docker load there).', input.image, list(noImage.map((n) => n.alias))))
    : ids.size > 1
      ? finding('image-same', 'fail', t('Image on every node'), t('{0} has different image ids on the nodes: {1}.', input.image, list(nodes.map((n) => `${n.alias} ${n.imageId?.slice(0, 19)}`))), t('Pull the same tag again on every node (or docker load one saved image everywhere) so all nodes run one image.'))
      : finding('image-same', 'pass', t('Image on every node'), t('{0} is the same on every node.', input.image)));
  if (input.modelPath) {
    const noModel = nodes.filter((n) => !n.modelDigest);
    const digests = new Set(nodes.map((n) => n.modelDigest).filter(Boolean));
    out.push(noModel.length
      ? finding('model-same', 'fail', t('Model on every node'), t('{0}/config.json is missing on {1}.', input.modelPath, list(noModel.map((n) => n.alias))), t('Put the weights at {0} on every node (the same path: a shared directory, or a copy on each).', input.modelPath))
      : digests.size > 1
        ? finding('model-same', 'fail', t('Model on every node'), t('{0}/config.json differs between the nodes.', input.modelPath), t('Copy the same weights to {0} on every node.', input.modelPath))
        : finding('model-same', 'pass', t('Model on every node'), t('{0} is the same on every node.', input.modelPath)));
  }
  return out;
}
