/**
 * The NPU monitor's data source: samples a host over its ONE shared SSH connection (HostConnections), never a
 * connection per tick. The sampling itself (what runs when, parsing, alerts, vLLM metrics) is
 * src/core/monitor/npu-collector.ts; this file binds it to SSH exec and the SSH port forward.
 *
 * Poll `npu-smi info` or stream `npu-smi info watch`? Measured against the simulated 8× 910B4 host
 * (test/bench/npu-collect.bench.ts, 1 Hz, 60 s per mode, one shared ssh2 connection; bytes = both directions of
 * the SSH socket; host CPU = sshd + every process of the session, from the sshd daemon's reaped child time;
 * one `npu-smi info` of that host is 4851 bytes):
 *   poll  `npu-smi info` every 1 s ....................... host CPU 12.5 % of a core, 5.23 KiB/s
 *   exec-only: `cat` of the same 4851 bytes every 1 s ..... host CPU  2.3 % of a core, 5.24 KiB/s
 *   watch `info watch -d 1` + `npu-smi info` every 10 s ... host CPU  2.1 % of a core, 1.55 KiB/s
 * So one exec per tick costs the host ~22 ms of CPU (sshd channel + sh; exec-only) and the simulated npu-smi,
 * a Node script, ~100 ms more; a real npu-smi is a C binary whose per-call cost the references do not give.
 * At 1 Hz `watch` is cheaper (about 3.4× fewer bytes, less host CPU).
 * Decision: POLL `npu-smi info`, because
 *  - `watch` prints only power, temperature, AICore/AICPU/CtrlCPU %, memory % and bandwidth % (docs/ascend-facts.md
 *    §4): no health, no HBM used/total in MB, no process table. The panel needs all three every tick (a health
 *    change or a new process would otherwise show up to 10 s late), so `npu-smi info` must run anyway;
 *  - the panel is hidden most of the time and then samples every 10 s (ascend.monitor.hiddenIntervalMs): 0.1
 *    exec/s, where a stream (minimum period 1 s, `-d 1..100`) would keep running and printing;
 *  - the absolute cost of polling the transport is small (~2 % of one core, 5 KiB/s) and
 *    a stream would need restart logic when it or the connection dies;
 *  - docs/ascend-facts.md §4 advises polling `npu-smi info` every 1–2 s for a live panel (the logical-id map of
 *    `npu-smi info -m` matters to deploy only, which reads it itself).
 * Enrichment (docker top, deployment records, recent logs) runs in one command every 15 s (npu-collector.ts).
 */
import * as vscode from 'vscode';
import { request } from 'node:http';
import { NpuCollector } from '../../core/monitor/npu-collector';
import type { HostConnections } from '../hosts/connections';
import type { MonitorDataSource } from './register-monitor';
import { monitorHosts } from '../../core/monitor/monitor-hosts';
import { settings } from '../settings';

/** A sample that takes longer than this is a failure (the scheduler backs off and shows why). */
const EXEC_TIMEOUT_MS = 20_000;
const SCRAPE_TIMEOUT_MS = 3_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(vscode.l10n.t('{0} did not answer within {1} s', what, ms / 1000))), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e instanceof Error ? e : new Error(String(e))); });
  });
}

/** GET http://127.0.0.1:<localPort>/metrics (the local end of the SSH forward). */
function httpGet(localPort: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: localPort, path, timeout: SCRAPE_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`HTTP ${res.statusCode ?? '?'}`))));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export function createNpuSource(connections: HostConnections, log: vscode.LogOutputChannel): MonitorDataSource {
  const collectors = new Map<string, NpuCollector>();

  const collectorFor = (alias: string): NpuCollector => {
    let c = collectors.get(alias);
    if (!c) {
      c = new NpuCollector({
        run: async (argv) => withTimeout(connections.shell(alias).exec(argv, { collect: true }), EXEC_TIMEOUT_MS, argv.slice(0, 3).join(' ')),
        scrape: async (hostPort) => httpGet((await connections.shell(alias).forward(hostPort)).localPort, '/metrics'),
        log: (m) => log.info(`${alias}: ${m}`),
      });
      collectors.set(alias, c);
    }
    return c;
  };

  return {
    sample: (host) => collectorFor(host).sample(),
    hosts: () => monitorHosts(settings.hostAliases(), connections.aliases()),
  };
}
