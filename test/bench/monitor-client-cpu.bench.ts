// Where the NPU monitor's extension-host CPU goes, without VS Code (a breakdown for
// exthost-cpu.bench.ts). Run: node --import tsx test/bench/monitor-client-cpu.bench.ts [seconds per mode, default 120]
//
// This Node process plays the extension host against the simulated 8× 910B4 host, over ONE ssh2 connection, at
// 1 Hz, and reads its own CPU time (process.cpuUsage, user+system) per mode:
//   exec:      `npu-smi info` over ssh2 every second, output collected, nothing else;
//   session:   the real MonitorSession + NpuCollector (src/core/monitor) with a visible view whose messages are
//              JSON-serialized (as postMessage would): exec, enrichment every 15 s, parse, alerts, history,
//              delta encoding;
//   idle:      afterwards, the connection open and nothing sent (the floor: ssh2 keepalive, timers, GC).
// A mode's result is CPU ms per tick and % of one core.
import { readFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { Client } from 'ssh2';
import { startSimHost, type SimHost } from '../host/index';
import { execArgv } from '../../src/core/ssh/exec';
import { NpuCollector } from '../../src/core/monitor/npu-collector';
import { MonitorSession } from '../../src/core/monitor/monitor-session';

const SECONDS = Number(process.argv[2] ?? 120);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function open(h: SimHost): Promise<Client> {
  const sock = tcpConnect(h.port, h.host);
  await new Promise<void>((r, j) => { sock.once('connect', () => r()); sock.once('error', j); });
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve()).once('error', reject)
      .connect({ sock, username: h.user, privateKey: readFileSync(h.keyPath), hostVerifier: () => true, keepaliveInterval: 15_000 });
  });
  return client;
}

async function cpuOver(seconds: number, body: (stop: () => boolean) => Promise<void>): Promise<{ ms: number; wallS: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let done = false;
  const run = body(() => done);
  await sleep(seconds * 1000);
  done = true;
  await run;
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, wallS: (performance.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  const h = await startSimHost({ profile: '910b4' });
  const rows: [string, { ms: number; wallS: number }, number][] = [];
  try {
    const client = await open(h);
    await execArgv(client, ['npu-smi', 'info'], { collect: true }); // warm-up
    await sleep(10_000); // let start-up work (JIT, GC) finish before measuring

    let ticks = 0;
    rows.push(['exec npu-smi info, 1 Hz', await cpuOver(SECONDS, async (stop) => {
      while (!stop()) {
        const t = performance.now();
        await execArgv(client, ['npu-smi', 'info'], { collect: true });
        ticks++;
        await sleep(Math.max(0, 1000 - (performance.now() - t)));
      }
    }), 0]);
    rows[rows.length - 1][2] = ticks;

    let posts = 0;
    let bytes = 0;
    const collector = new NpuCollector({
      run: (argv) => execArgv(client, argv, { collect: true }),
      scrape: () => Promise.reject(new Error('no deployment')),
    });
    const session = new MonitorSession({
      source: { sample: () => collector.sample() },
      visibleMs: 1000, hiddenMs: 10_000, statusBarEnabled: true, l10n: null,
    });
    rows.push(['MonitorSession, panel visible, 1 Hz', await cpuOver(SECONDS, async (stop) => {
      session.setHosts([h.alias]);
      session.attachView({ post: (m) => { if (m.type === 'update') posts++; bytes += JSON.stringify(m).length; } }, true);
      while (!stop()) await sleep(200);
      session.dispose();
    }), 0]);
    rows[rows.length - 1][2] = posts;
    rows.push(['idle (connection open, nothing sent)', await cpuOver(SECONDS, async () => undefined), 0]);
    client.end();
    console.log(`NPU monitor client-side CPU (this Node process as the extension host), ${SECONDS} s per mode, Node ${process.version}`);
    console.log('mode                                   CPU ms   % of a core   ticks   ms/tick');
    for (const [name, r, n] of rows) {
      console.log(`${name.padEnd(36)} ${r.ms.toFixed(0).padStart(8)} ${((r.ms / r.wallS) / 10).toFixed(2).padStart(12)} % ${String(n).padStart(7)} ${(n ? (r.ms / n).toFixed(2) : '-').padStart(9)}`);
    }
    console.log(`posted ${posts} updates, ${(bytes / 1024).toFixed(1)} KiB of JSON (${(bytes / Math.max(posts, 1)).toFixed(0)} bytes per message)`);
  } finally {
    await h.stop();
  }
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
