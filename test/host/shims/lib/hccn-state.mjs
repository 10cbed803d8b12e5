// The NPU network (RoCE / HCCS) state of a simulated host, as `hccn_tool` shows it (docs/multi-node.md §4).
// hccn.json in the state folder holds only what `control` changed ({ all?, npus?: { [i]: {...} } }); defaults are
// derived here: every NPU UP and healthy, TLS switch 0, addresses from the node's index in its cluster.
// cluster.json (path in host.json `cluster`) lists the nodes of a simulated cluster, so a ping can find its peer.
import { join } from 'node:path';
import { getProfile } from './profiles.mjs';
import { hostInfo, readJson } from './state.mjs';

/** @typedef {{ ip: string|null, netmask: string, vnicIp: string|null, link: 'UP'|'DOWN', netHealth: string, tls: number }} Npu */

/** @returns {Npu[]} */
export function hccnState(dir) {
  const host = hostInfo(dir);
  const profile = getProfile(host.profile ?? '910b4');
  const k = host.nodeIndex ?? 0;
  const o = readJson(join(dir, 'hccn.json'), {});
  return profile.chips.map((_, i) => {
    const set = { ...(o.all ?? {}), ...(o.npus?.[String(i)] ?? {}) };
    const link = set.link ?? 'UP';
    return {
      // One /16 segment for the whole cluster (the EI0006 text names "not on the same network segment" as a cause).
      ip: set.ip === undefined ? `192.168.${100 + k}.${11 + i}` : set.ip,
      netmask: '255.255.0.0',
      vnicIp: profile.layout === 'a3' ? (set.vnicIp === undefined ? `172.16.${100 + k}.${11 + i}` : set.vnicIp) : null,
      link,
      // A link set down reports Fault (value seen in the references; the coupling is ours) unless set explicitly.
      netHealth: set.netHealth ?? (link === 'DOWN' ? 'Fault' : 'Success'),
      tls: set.tls ?? 0,
    };
  });
}

/** Every node of this host's cluster ([] when it is a single host): [{ name, stateDir, hostIp }] */
export function clusterNodes(dir) {
  const file = hostInfo(dir).cluster;
  return file ? readJson(file, { nodes: [] }).nodes : [];
}

/** The NPU that owns `address` (its RoCE address, or its vNIC address when `vnic`), on this host or a peer. */
export function findNpu(dir, address, vnic = false) {
  const dirs = [dir, ...clusterNodes(dir).map((n) => n.stateDir).filter((d) => d !== dir)];
  for (const d of dirs) {
    const npus = hccnState(d);
    const i = npus.findIndex((n) => (vnic ? n.vnicIp : n.ip) === address);
    if (i >= 0) return { stateDir: d, index: i, npu: npus[i] };
  }
  return null;
}
