// Deploy overhead on 2 nodes vs 1 (results in BENCHMARKS.md): deploy → healthy, minus the head server's own startup.
// Run (root: network namespaces): node --import tsx test/bench/remote/multi-node-deploy.bench.ts [--runs N] [--startup-ms MS]
//
// One simulated 2-node cluster of 8× 910B3 (test/host "Clusters"). Each run deploys fresh and is stopped (untimed):
//   1 node:  runDeploy on node 1 with a single-node descriptor (TP 2), the runner every one-host deploy uses;
//   2 nodes: runMultiNodeDeploy with the tutorial's DP4/TP4/EP descriptor (head + headless node).
// Server startup is read from the head's simulated container files (docker shim's `startedAt` → the log line
// "Application startup complete."); overhead = wall time − that startup, so the nodes' own preparation, the
// docker runs, the health gate and the records are what is left.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { startSimCluster } from '../../host/cluster';
import { writeSandboxSsh } from '../../host/sandbox-home';
import { sshRun } from '../../host/ssh-run';
import { ConnectionPool } from '../../../src/core/ssh/connection-pool';
import { hostConnector } from '../../../src/core/ssh/host-connector';
import { SshHostShell } from '../../../src/core/ssh/ssh-shell';
import { parseDescriptor } from '../../../src/core/descriptor/index';
import { runDeploy, runStop, runMultiNodeDeploy, runMultiNodeStop, type RunContext } from '../../../src/core/remote/index';
import { argOf, load, machine } from './bench-host';

const args = process.argv.slice(2);
const RUNS = argOf(args, '--runs', 4);
const STARTUP_MS = argOf(args, '--startup-ms', 3000);
const MODEL = '/tmp/multinode-bench-r1';

function startup(stateDir: string, name: string): number {
  const root = join(stateDir, 'containers');
  const c = readdirSync(root).map((id) => ({ id, c: JSON.parse(readFileSync(join(root, id, 'container.json'), 'utf8')) as { name: string; created: number; startedAt: number } }))
    .filter((x) => x.c.name === name).sort((a, b) => b.c.created - a.c.created)[0];
  const log = readFileSync(join(root, c.id, 'log.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { t: number; l: string });
  const ready = log.find((e) => e.l.includes('Application startup complete.'));
  if (!ready) throw new Error('no startup');
  return ready.t - c.c.startedAt;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const c = await startSimCluster({ nodes: 2, profile: '910b3', latency: { startupMs: STARTUP_MS } });
  const home = mkdtempSync(join(tmpdir(), 'multinode-bench-'));
  for (const n of c.nodes) writeSandboxSsh(home, n);
  mkdirSync(MODEL, { recursive: true });
  writeFileSync(join(MODEL, 'config.json'), JSON.stringify({ architectures: ['DeepseekV3ForCausalLM'], max_position_embeddings: 163840, num_attention_heads: 128 }));
  const pool = new ConnectionPool({ connect: hostConnector({ home, localUser: userInfo().username }, {}), initialDelayMs: 100, maxDelayMs: 500 });
  const ctxs: RunContext[] = c.nodes.map((n) => ({
    alias: n.alias, shell: new SshHostShell(n.alias, () => pool.get(n.alias)),
    paths: { ascendPrefix: n.ascendPrefix, devPrefix: n.devPrefix, etcPrefix: n.etcPrefix, usrLocalPrefix: n.usrLocalPrefix },
    log: () => undefined, pollMs: 250,
  }));
  const base = `version: 1
model: { id: deepseek-ai/DeepSeek-R1, source: host, hostPath: ${MODEL} }
image: { tag: quay.io/ascend/vllm-ascend:v0.23.0 }
`;
  const one = parseDescriptor(`${base}name: one\ntarget: { host: ${c.nodes[0].alias}, chip: 910B3 }\nruntime: { npus: [0, 1], publish: { port: 18000 } }\nserve: { served-model-name: deepseek_r1, tensor-parallel-size: 2 }\n`);
  const two = parseDescriptor(`${base}name: two\ntarget: { hosts: [${c.nodes.map((n) => n.alias).join(', ')}], chip: 910B3 }\nruntime: { parallel: { dp: 4, dpLocal: 2, tp: 4, ep: true } }\nserve: { served-model-name: deepseek_r1 }\n`);
  const res: Record<'one' | 'two', Array<{ total: number; startup: number; overhead: number }>> = { one: [], two: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const k of ['one', 'two'] as const) {
        const t0 = Date.now();
        const out = k === 'one' ? await runDeploy(ctxs[0], one, { confirmDowntime: async () => true }) : await runMultiNodeDeploy(ctxs, two);
        const total = Date.now() - t0;
        if (out.status !== 'succeeded') throw new Error(`${k}: ${out.message}`);
        const s = startup(c.nodes[0].stateDir, `ascend-llm-${k}`);
        res[k].push({ total, startup: s, overhead: total - s });
        process.stderr.write(`  run ${i + 1} ${k === 'one' ? '1 node ' : '2 nodes'}: total ${total} ms, head server startup ${s} ms, overhead ${total - s} ms; load ${load()}\n`);
        if (k === 'one') await runStop(ctxs[0], 'one'); else await runMultiNodeStop(ctxs, 'two');
        for (const n of c.nodes) await sshRun(n, `docker rm -f ascend-llm-${k} >/dev/null 2>&1; true`);
      }
    }
    const m1 = median(res.one.map((r) => r.overhead));
    const m2 = median(res.two.map((r) => r.overhead));
    process.stdout.write(`${JSON.stringify({ machine: machine(), runs: RUNS, startupMs: STARTUP_MS, medianOverheadMs: { oneNode: m1, twoNodes: m2 }, ratio: Number((m2 / m1).toFixed(2)), runsDetail: res }, null, 2)}\n`);
  } finally {
    pool.dispose();
    await c.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(MODEL, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack ?? String(e)}\n`); process.exit(1); });
