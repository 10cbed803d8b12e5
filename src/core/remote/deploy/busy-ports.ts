/**
 * The host's busy TCP ports, so a blue/green deploy publishes the new server on a port nothing holds: the
 * listening sockets from /proc/net/tcp and tcp6 (what `ss -ltn` reads; present on every Linux host, no tool
 * needed) plus the ports docker publishes (`docker ps`), which need not listen when docker runs without its
 * userland proxy.
 */

const SPLIT = '--ascend-llm-docker-ps--';

/** One read-only command; its output goes to parseBusyPorts. */
export function busyPortsArgv(): string[] {
  return ['sh', '-c', `cat /proc/net/tcp /proc/net/tcp6 2>/dev/null; echo ${SPLIT}; docker ps --format '{{.Ports}}' 2>/dev/null; exit 0`];
}

/** Listening ports (state 0A) of /proc/net/tcp{,6} text. */
export function listeningPorts(procNetTcp: string): number[] {
  const out: number[] = [];
  for (const line of procNetTcp.split('\n')) {
    const m = /^\s*\d+:\s+[0-9A-Fa-f]+:([0-9A-Fa-f]{4})\s+[0-9A-Fa-f]+:[0-9A-Fa-f]{4}\s+([0-9A-Fa-f]{2})\s/.exec(line);
    if (m && m[2].toUpperCase() === '0A') out.push(parseInt(m[1], 16));
  }
  return out;
}

/** Host ports of `docker ps --format '{{.Ports}}'` lines: `127.0.0.1:8001->8000/tcp, :::8001->8000/tcp`, ranges `0.0.0.0:8000-8001->…`. */
export function publishedPorts(dockerPs: string): number[] {
  const out: number[] = [];
  for (const m of dockerPs.matchAll(/:(\d{1,5})(?:-(\d{1,5}))?->/g)) {
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Math.min(Number(m[2]), from + 1000);
    for (let p = from; p <= to; p++) out.push(p);
  }
  return out;
}

/** Sorted distinct busy ports of busyPortsArgv()'s output. */
export function parseBusyPorts(stdout: string): number[] {
  const at = stdout.indexOf(SPLIT);
  const proc = at < 0 ? stdout : stdout.slice(0, at);
  const ps = at < 0 ? '' : stdout.slice(at + SPLIT.length);
  return [...new Set([...listeningPorts(proc), ...publishedPorts(ps)])].filter((p) => p > 0 && p <= 65535).sort((a, b) => a - b);
}
