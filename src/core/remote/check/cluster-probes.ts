/**
 * The read-only commands of the cross-node check (docs/multi-node.md §4): per NPU `hccn_tool -i N -link / -net_health
 * / -tls / -ip` (A2) or `-vnic` (A3), NPU-to-NPU `-ping` (A2) / `-hccs_ping` (A3) to the other nodes' NPU IPs, the
 * node's own address (the one SSH reached: `$SSH_CONNECTION`) and its interfaces, the listening ports, the image id
 * and the model's config.json digest. Every one is an argv; none writes anything.
 */
import type { HostPaths } from '../host/host-paths';
import { busyPortsArgv } from '../deploy/busy-ports';

export type Series = 'A2' | 'A3';
export type NpuProbe = 'link' | 'netHealth' | 'tls' | 'ip';

export function hccnTool(paths: HostPaths): string {
  return `${paths.ascendPrefix.replace(/\/+$/, '')}/driver/tools/hccn_tool`;
}

export function npuProbeArgv(paths: HostPaths, series: Series, npu: number, what: NpuProbe): string[] {
  const flag = { link: '-link', netHealth: '-net_health', tls: '-tls', ip: series === 'A3' ? '-vnic' : '-ip' }[what];
  return [hccnTool(paths), '-i', String(npu), flag, '-g'];
}

export function pingArgv(paths: HostPaths, series: Series, npu: number, peerIp: string): string[] {
  return [hccnTool(paths), '-i', String(npu), series === 'A3' ? '-hccs_ping' : '-ping', '-g', 'address', peerIp];
}

/** Node-level probes: its address as SSH reached it, its IPv4 interfaces, busy ports, image id, model digest. */
export function nodeProbes(image: string, modelPath: string | undefined, container: string): Record<string, string[]> {
  return {
    ours: ['docker', 'ps', '-q', '--filter', `name=^${container}$`],
    address: ['printenv', 'SSH_CONNECTION'],
    interfaces: ['ip', '-o', '-4', 'addr', 'show'],
    ports: busyPortsArgv(),
    image: ['docker', 'image', 'inspect', '--format', '{{.Id}}', image],
    ...(modelPath ? { model: ['sha256sum', `${modelPath.replace(/\/+$/, '')}/config.json`] } : {}),
  };
}

/** `link status: UP` → 'UP' (docs/multi-node.md §4). */
export function parseLink(s: string): string | undefined {
  return /link status:\s*(\S+)/i.exec(s)?.[1]?.toUpperCase();
}

export function parseNetHealth(s: string): string | undefined {
  return /net health status:\s*(.+)/i.exec(s)?.[1]?.trim();
}

/** The `tls switch[0]` value of `-tls -g`. */
export function parseTls(s: string): number | undefined {
  const m = /tls switch\[(\d)\]/.exec(s);
  return m ? Number(m[1]) : undefined;
}

/** `ipaddr:10.0.0.10` of `-ip -g` / `-vnic -g`; nothing when the NPU has none. */
export function parseNpuIp(s: string): string | undefined {
  return /ipaddr:\s*([0-9.]+)/.exec(s)?.[1];
}

/** `3 packets transmitted, 3 received, …` → true when any probe came back. */
export function parsePing(s: string): boolean {
  const m = /(\d+) packets transmitted, (\d+) received/.exec(s);
  return !!m && Number(m[2]) > 0;
}

/** The server address of `$SSH_CONNECTION` ("client port server port"). */
export function parseSshAddress(s: string): string | undefined {
  const parts = s.trim().split(/\s+/);
  return parts.length === 4 ? parts[2] : undefined;
}

/** Interface name → IPv4 addresses, from `ip -o -4 addr show`. */
export function parseInterfaces(s: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of s.matchAll(/^\d+:\s+([^\s@:]+)[^\n]*?\sinet\s+([0-9.]+)\//gm)) {
    out.set(m[1], [...(out.get(m[1]) ?? []), m[2]]);
  }
  return out;
}
