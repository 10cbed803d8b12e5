/**
 * What the SSH local forward costs a completion request, and what keeping it warm saves: the simulated
 * host's sshd and vLLM in a network namespace (b-netns.ts) whose link gets 0 / 20 / 40 ms of round trip with tc
 * netem; from this process, `GET /v1/models` (no model time: the path alone) through src/core/ssh/port-forward.ts:
 *   - keep-alive: the request on a connection already open (what the completion client's agent does while typing);
 *   - new connection, spare channel waiting (the warm forward, after an aborted stream or an idle timeout);
 *   - new connection, no spare (a channel opened per connection: the forward before it was kept warm).
 *   node --import tsx test/bench/completion/forward.bench.ts [--n 40] [--rtts 0,20,40] [--json FILE]   (root)
 */
import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { startSimHost } from '../../host/index';
import { resetSandboxSsh, writeSandboxSsh } from '../../host/sandbox-home';
import { sandboxRoot } from '../../e2e/harness/paths';
import { connectHost } from '../../../src/core/ssh/connect';
import { resolveHost } from '../../../src/core/ssh/host-config';
import { startLocalForward } from '../../../src/core/ssh/port-forward';
import { setupBenchNetns } from './b-netns';
import { startDelayRelay } from './b-delay-relay';
import { startSimVllm } from './sim-vllm';
import { dist } from './b-analyze';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function get(port: number, agent: http.Agent | false): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/v1/models', agent }, (res) => {
      res.once('data', () => resolve(performance.now() - t0));
      res.resume();
    }).on('error', reject);
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const n = Number(arg('--n') ?? 40);
  const rtts = (arg('--rtts') ?? '0,20,40').split(',').map(Number);
  const netns = setupBenchNetns();
  const host = await startSimHost({ profile: '910b4', alias: 'kunpeng-01' });
  const sim = await startSimVllm({}, { ttftMs: 60, itlMs: 6 }, { inNetns: netns.name, port: 18000 });
  const home = join(sandboxRoot, `bench-forward-home-${process.pid}`);
  const rows: Array<Record<string, unknown>> = [];
  let relay: Awaited<ReturnType<typeof startDelayRelay>> | undefined;
  const load0 = loadavg();
  try {
    await netns.startSshd(join(dirname(host.sshdLogPath), 'sshd_config'));
    mkdirSync(home, { recursive: true });
    resetSandboxSsh(home);
    // The link's delay: tc netem when the kernel has it, else a delaying relay in front of the namespace's sshd.
    relay = await startDelayRelay(netns.address, 22);
    const hostKey = host.knownHostsLine.split(' ').slice(1).join(' ');
    writeSandboxSsh(home, { ...host, host: '127.0.0.1', port: relay.port, knownHostsLine: `[127.0.0.1]:${relay.port} ${hostKey}` });
    const conn = await connectHost(resolveHost(host.alias, { home, localUser: 'bench' }), {});
    try {
      for (const rtt of rtts) {
        const netem = netns.setRtt(rtt);
        if (!netem) await relay.setRtt(rtt);
        const warm = await startLocalForward(async () => conn.client, 18000, { spares: 1 });
        const cold = await startLocalForward(async () => conn.client, 18000, { spares: 0 });
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        const kept: number[] = [];
        const spare: number[] = [];
        const none: number[] = [];
        await get(warm.localPort, agent);
        for (let i = 0; i < n; i++) {
          kept.push(await get(warm.localPort, agent));
          await pause(rtt + 30); // the spare is refilled in the background meanwhile, as between keystrokes
          spare.push(await get(warm.localPort, false));
          await pause(rtt + 30);
          none.push(await get(cold.localPort, false));
        }
        agent.destroy();
        rows.push({ rttMs: rtt, delayBy: rtt === 0 ? 'none' : netem ? 'tc netem' : 'delay relay (no netem in this kernel)', keepAlive: dist(kept), newConnectionSpareWaiting: dist(spare), newConnectionNoSpare: dist(none),
          sparesUsed: warm.stats.sparesUsed, channelsOpenedWarm: warm.stats.channelsOpened, channelsOpenedCold: cold.stats.channelsOpened });
        console.error(JSON.stringify(rows.at(-1)));
        await warm.close();
        await cold.close();
      }
    } finally {
      conn.close();
    }
  } finally {
    netns.setRtt(0);
    await relay?.stop();
    await sim.stop();
    await host.stop();
    netns.remove();
    rmSync(home, { recursive: true, force: true });
  }
  const report = {
    date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    loadavg: { start: load0.map((x) => x.toFixed(2)), end: loadavg().map((x) => x.toFixed(2)) },
    what: 'GET /v1/models through the SSH local forward, request sent → first response byte, ms (no model time)', n, rows,
  };
  const json = JSON.stringify(report, null, 2);
  console.log(json);
  const out = arg('--json');
  if (out) writeFileSync(out, json + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
