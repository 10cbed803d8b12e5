/**
 * NUMA facts for CPU binding: `numactl -H` (node → CPUs) and each NPU's node, read from the standard Linux PCI
 * sysfs file `/sys/bus/pci/devices/<bus-id>/numa_node` for the bus id npu-smi prints. (docs/ascend-facts.md §6 says
 * npu-smi's board/topo output shows the affinity too, but not its format, so we use sysfs.)
 */

export interface NumaNode {
  id: number;
  /** CPU ids of the node, ascending. */
  cpus: number[];
  sizeMB: number | null;
  freeMB: number | null;
}

/** Parses `numactl -H` / `numactl --hardware`. */
export function parseNumactlHardware(text: string): NumaNode[] {
  const nodes = new Map<number, NumaNode>();
  const get = (id: number): NumaNode => {
    let n = nodes.get(id);
    if (!n) nodes.set(id, (n = { id, cpus: [], sizeMB: null, freeMB: null }));
    return n;
  };
  for (const line of text.split(/\r?\n/)) {
    let m = /^node\s+(\d+)\s+cpus:\s*(.*)$/.exec(line.trim());
    if (m) {
      get(Number(m[1])).cpus = m[2].split(/\s+/).filter(Boolean).map(Number).filter(Number.isInteger);
      continue;
    }
    m = /^node\s+(\d+)\s+(size|free):\s*(\d+)\s*MB$/.exec(line.trim());
    if (m) get(Number(m[1]))[m[2] === 'size' ? 'sizeMB' : 'freeMB'] = Number(m[3]);
  }
  return [...nodes.values()].sort((a, b) => a.id - b.id);
}

/**
 * Parses `grep -H . …/numa_node` style lines (`/sys/bus/pci/devices/0000:c1:00.0/numa_node:2`) into
 * lower-case bus id → node. A node of -1 (no affinity reported) is left out.
 */
export function parsePciNumaNodes(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const m = /\/devices\/([0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\/numa_node:\s*(-?\d+)\s*$/.exec(line.trim());
    if (m && Number(m[2]) >= 0) out.set(m[1].toLowerCase(), Number(m[2]));
  }
  return out;
}

/** `0-23,48-71` style list of ascending ids. */
export function rangeList(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return parts.join(',');
}

export interface Cpuset {
  cpus: string;
  mems: string;
  nodes: number[];
}

/** The union of the given NUMA nodes' CPUs (docker --cpuset-cpus / --cpuset-mems); undefined if a node is unknown. */
export function cpusetFor(nodes: readonly number[], topology: readonly NumaNode[]): Cpuset | undefined {
  const uniq = [...new Set(nodes)].sort((a, b) => a - b);
  const cpus: number[] = [];
  for (const id of uniq) {
    const n = topology.find((x) => x.id === id);
    if (!n || n.cpus.length === 0) return undefined;
    cpus.push(...n.cpus);
  }
  if (uniq.length === 0) return undefined;
  return { cpus: rangeList(cpus), mems: rangeList(uniq), nodes: uniq };
}
