// A simulated multi-node Kunpeng + Ascend cluster (root only): N simulated hosts, each a real OpenSSH sshd in its
// own network namespace, with addresses on one shared bridge (cluster-net.ts). Each node is a full SimHost (the
// same shims, its own state folder and `control`); the nodes know each other through cluster.json, so hccn_tool can
// ping a peer's NPU and the simulated vLLM follows vLLM's multi-node data-parallel launch (docs/multi-node.md).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode, sshConfigBlock, type SimHost, type SimHostOptions } from './index.js';
import { setupClusterNet, type ClusterNet } from './cluster-net.js';

export interface SimClusterOptions extends Omit<SimHostOptions, 'netns' | 'alias'> {
  nodes: number; // 1..8
  aliases?: string[]; // default kunpeng-01, kunpeng-02, …
  /** Per-node overrides (e.g. `[{}, { images: [] }]`: node 2 lacks the image; `{ profile: 'a3' }`). */
  perNode?: Array<Omit<SimHostOptions, 'netns' | 'alias'>>;
}

export interface SimCluster {
  nodes: SimHost[]; // nodes[0] is the one a deploy would make the head
  bridge: string;
  hostAddress: string; // this machine's address on the bridge
  sshConfigPath: string; // every node's Host block
  knownHostsPath: string; // every node's host key
  /** Pulls (true) or plugs back (false) node i's network cable. */
  cutLink(i: number, down: boolean): void;
  stop(): Promise<void>;
}

export async function startSimCluster(opts: SimClusterOptions): Promise<SimCluster> {
  const net: ClusterNet = setupClusterNet(opts.nodes);
  const dir = mkdtempSync(join(tmpdir(), 'simhost-cluster-'));
  const clusterFile = join(dir, 'cluster.json');
  const nodes: SimHost[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => n.stop()));
    net.remove();
    if (!process.env.SIMHOST_KEEP) rmSync(dir, { recursive: true, force: true });
  };
  const { nodes: _n, aliases: _a, perNode, ...hostOpts } = opts;
  // Nodes start side by side; a node that fails to start stops the others.
  const started = await Promise.allSettled(Array.from({ length: opts.nodes }, (_, i) => startNode(
    { ...hostOpts, ...perNode?.[i], alias: opts.aliases?.[i] ?? `kunpeng-${String(i + 1).padStart(2, '0')}` },
    { netns: net.nodes[i], nodeIndex: i, clusterFile },
  )));
  for (const r of started) if (r.status === 'fulfilled') nodes.push(r.value);
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  writeFileSync(clusterFile, JSON.stringify({ nodes: nodes.map((n) => ({ name: n.alias, stateDir: n.stateDir, hostIp: n.host })) }));
  const sshConfigPath = join(dir, 'ssh_config');
  writeFileSync(sshConfigPath, nodes.map((n) => sshConfigBlock(n)).join('\n'));
  const knownHostsPath = join(dir, 'known_hosts');
  writeFileSync(knownHostsPath, nodes.map((n) => `${n.knownHostsLine}\n`).join(''));
  let stopped = false;
  return {
    nodes, bridge: net.bridge, hostAddress: net.hostAddress, sshConfigPath, knownHostsPath,
    cutLink(i, down) { net.nodes[i].cut(down); },
    async stop() { if (stopped) return; stopped = true; await stopAll(); },
  };
}
