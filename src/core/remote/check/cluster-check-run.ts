/**
 * Check Host across the nodes of a multi-node descriptor (`target.hosts`): the usual host check on every node,
 * then the cross-node checks of analyze-cluster.ts from hccn_tool, the node's interfaces, ports, image and model.
 * Nodes are probed in parallel; the NPU pings run once every node's NPU IPs are known.
 */
import type { DeployDescriptor } from '../../descriptor/types';
import { chipFacts } from '../../config/hardware';
import { run } from '../host/remote-io';
import type { RunContext } from '../host/run-context';
import { parseBusyPorts } from '../deploy/busy-ports';
import { devicesFor } from '../deploy/npu-devices';
import { DEFAULT_RPC_PORT } from '../deploy/multi-node-argv';
import { analyzeCluster, type NodeNet, type NpuNet } from './analyze-cluster';
import { worst, type HostReport } from './analyze-host';
import { runCheckHost } from './check-host-run';
import { nodeProbes, npuProbeArgv, parseInterfaces, parseLink, parseNetHealth, parseNpuIp, parsePing, parseSshAddress, parseTls, pingArgv, type Series } from './cluster-probes';
import type { CheckStatus, HostFinding } from './types';

export interface ClusterReport {
  nodes: Array<{ alias: string; report: HostReport }>;
  cluster: HostFinding[];
  status: CheckStatus;
}

export function seriesOf(d: DeployDescriptor): Series {
  return chipFacts(d.target.chip)?.family === 'A3' ? 'A3' : 'A2';
}

/** The rpc port the deploy uses: serve's data-parallel-rpc-port is refused by the plan, so the tutorial's default. */
export function rpcPortOf(_d: DeployDescriptor): number {
  return DEFAULT_RPC_PORT;
}

/** Per node, the logic ids of the NPUs its ranks use: dpLocal × tp of runtime.npus (or of all NPUs). */
export function usedDevices(d: DeployDescriptor, report: HostReport, index: number, nodes: number): number[] {
  const mapping = report.mapping ?? [];
  const npus = d.runtime.npus ?? [...new Set(mapping.filter((m) => m.logicId !== null).map((m) => m.npuId))];
  let logic: number[];
  try {
    logic = devicesFor(npus, mapping).map((x) => x.logicId);
  } catch {
    logic = [];
  }
  const p = d.runtime.parallel;
  if (!p) return logic;
  const local = Array.isArray(p.dpLocal) ? p.dpLocal[index] : p.dpLocal ?? Math.floor(p.dp / nodes);
  return logic.slice(0, Math.max(1, local * p.tp));
}

async function text(ctx: RunContext, argv: string[]): Promise<string> {
  try {
    const r = await run(ctx, argv);
    return r.code === 0 ? r.stdout : '';
  } catch {
    return '';
  }
}

async function probeNode(ctx: RunContext, d: DeployDescriptor, series: Series, devices: number[]): Promise<NodeNet> {
  const model = d.quantization?.outputPath ?? d.model.hostPath;
  const probes = nodeProbes(d.image.tag, model, `ascend-llm-${d.name}`);
  const [address, interfaces, ports, image, digest, ours] = await Promise.all(['address', 'interfaces', 'ports', 'image', 'model', 'ours'].map((k) => (probes[k] ? text(ctx, probes[k]) : Promise.resolve(''))));
  const npus: NpuNet[] = [];
  for (const npu of devices) {
    const [link, health, tls, ip] = await Promise.all((['link', 'netHealth', 'tls', 'ip'] as const).map((w) => text(ctx, npuProbeArgv(ctx.paths, series, npu, w))));
    npus.push({ npu, link: parseLink(link), netHealth: parseNetHealth(health), tls: parseTls(tls), ip: parseNpuIp(ip), pings: {} });
  }
  return {
    alias: ctx.alias, address: parseSshAddress(address), interfaces: parseInterfaces(interfaces), busyPorts: parseBusyPorts(ports),
    imageId: image.trim() || undefined, modelDigest: digest.trim().split(/\s+/)[0] || undefined, npus, deployed: ours.trim() !== '',
  };
}

/** `contexts[i]` reaches `descriptor.target.hosts[i]`; the first is the head. */
export async function runClusterCheck(contexts: RunContext[], d: DeployDescriptor): Promise<ClusterReport> {
  const series = seriesOf(d);
  const reports = await Promise.all(contexts.map((ctx) => runCheckHost(ctx, d)));
  const nets = await Promise.all(contexts.map((ctx, i) => probeNode(ctx, d, series, usedDevices(d, reports[i], i, contexts.length))));
  // Each used NPU pings the NPU at the same position on every other node.
  await Promise.all(contexts.map(async (ctx, i) => {
    for (const [j, x] of nets[i].npus.entries()) {
      for (const [k, other] of nets.entries()) {
        const peer = other.npus[j]?.ip;
        if (k === i || !peer) continue;
        x.pings[peer] = parsePing(await text(ctx, pingArgv(ctx.paths, series, x.npu, peer)));
      }
    }
  }));
  const envInterfaces = Object.entries(d.runtime.env ?? {}).filter(([k]) => /^(GLOO|TP|HCCL)_SOCKET_IFNAME$/.test(k));
  const cluster = analyzeCluster({
    series, nodes: nets, rpcPort: rpcPortOf(d), image: d.image.tag, modelPath: d.quantization?.outputPath ?? d.model.hostPath, envInterfaces,
    rpcPortOurs: nets[0].deployed,
  });
  const all = [...reports.flatMap((r) => r.findings), ...cluster];
  return { nodes: contexts.map((c, i) => ({ alias: c.alias, report: reports[i] })), cluster, status: worst(all) };
}
