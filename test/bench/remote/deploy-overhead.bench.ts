// Deploy → healthy, minus the server's own startup: our overhead (the benchmark).
// Run: node --import tsx test/bench/remote/deploy-overhead.bench.ts [--runs N] [--startup-ms MS] [--json]
//
// The simulated 8× 910B4 host; the weights are fetched once (not timed). Each run is what `ascend-llm deploy
// --descriptor FILE` does (the CLI command object, so a new SSH connection, non-interactive auth, the host
// facts, the plan, `docker rm -f` of a stale container, `docker run -d`, the health gate through an SSH
// forward with the CLI's default 1 s poll, the record), a fresh deploy each time: `ascend-llm stop` runs
// between runs, untimed.
// The server's own startup is read on the host side, from the simulated container's files: the docker shim
// stamps `startedAt` just before it spawns the server process, and the server stamps every log line
// (log.jsonl); its startup ends at "Application startup complete." (it listens from then on). Both clocks are
// this machine's Date.now(). Overhead = deploy wall time − (startup complete − startedAt).
// Where the time goes comes from the step titles the runner logs (stderr), stamped as they arrive.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { command as deploy } from '../../../src/cli/commands/deploy';
import { command as fetchModel } from '../../../src/cli/commands/fetch-model';
import { command as stop } from '../../../src/cli/commands/stop';
import type { RemoteIO } from '../../../src/cli/remote-context';
import { run as runRemote } from '../../../src/core/remote/host/remote-io';
import { argOf, benchHost, load, machine, pct } from './bench-host';

const args = process.argv.slice(2);
const RUNS = argOf(args, '--runs', 8);
const STARTUP_MS = argOf(args, '--startup-ms', 3000);
const JSON_OUT = args.includes('--json');

interface StampedIo extends RemoteIO { out: string; err: string; lines: Array<{ at: number; text: string }> }

function stampedIo(env: NodeJS.ProcessEnv, cwd: string): StampedIo {
  const io: StampedIo = {
    out: '', err: '', lines: [], env, cwd,
    stdout: (s) => { io.out += s; },
    stderr: (s) => { io.err += s; for (const l of s.split('\n')) if (l) io.lines.push({ at: Date.now(), text: l }); },
    readStdin: async () => '',
  };
  return io;
}

interface ServerSide { created: number; startedAt: number; firstLog: number; ready: number }

function serverSide(stateDir: string, name: string): ServerSide {
  const root = join(stateDir, 'containers');
  const found = readdirSync(root)
    .map((id) => ({ id, c: JSON.parse(readFileSync(join(root, id, 'container.json'), 'utf8')) as { name: string; created: number; startedAt: number } }))
    .filter((x) => x.c.name === name)
    .sort((a, b) => b.c.created - a.c.created)[0];
  if (!found) throw new Error(`no container ${name}`);
  const log = readFileSync(join(root, found.id, 'log.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { t: number; l: string });
  const ready = log.find((e) => e.l.includes('Application startup complete.'));
  if (!ready) throw new Error('the server never completed its startup');
  return { created: found.c.created, startedAt: found.c.startedAt, firstLog: log[0].t, ready: ready.t };
}

/** The first stamped stderr line matching `re`. */
const at = (io: StampedIo, re: RegExp): number => {
  const l = io.lines.find((x) => re.test(x.text));
  if (!l) throw new Error(`no log line ${String(re)} in:\n${io.err}`);
  return l.at;
};

/** Remote commands (exec sessions) sshd started so far. */
const sessions = (log: string): number => (readFileSync(log, 'utf8').match(/Starting session: command/g) ?? []).length;

interface Run {
  commands: number;
  totalMs: number; serverStartupMs: number; overheadMs: number;
  phases: { connectFactsPlan: number; removeStale: number; dockerRun: number; waitHealthy: number; record: number };
  split: { beforeServerStart: number; serverReadyToHealthy: number; afterHealthy: number; serverBoot: number };
}

async function main(): Promise<void> {
  const m = machine();
  const h = await benchHost({ startupMs: STARTUP_MS });
  const work = mkdtempSync(join(tmpdir(), 'bench-deploy-'));
  try {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const file = join(work, 'ascend-deploy.yaml');
    writeFileSync(file, stringify({
      version: 1, name: 'coder',
      target: { host: h.sim.alias, chip: '910B4', vllmAscend: 'v0.23.0' },
      model: { id: 'deepseek-ai/deepseek-coder-1.3b-base', source: 'modelscope', hostPath: `${h.sim.home}/models/deepseek-coder-1.3b-base` },
      image: { tag: 'quay.io/ascend/vllm-ascend:v0.23.0' },
      runtime: { npus: [0, 1], shmSize: '1g', publish: { address: '127.0.0.1', port } },
      serve: { 'served-model-name': 'deepseek-coder', 'max-model-len': 4096, 'tensor-parallel-size': 2 },
    }));
    const f = stampedIo(h.env, h.home);
    if ((await fetchModel.run(['--descriptor', file], f)) !== 0) throw new Error(`fetch-model failed: ${f.err}`);
    const loadBefore = load();
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const io = stampedIo(h.env, h.home);
      const commandsBefore = sessions(h.sim.sshdLogPath);
      const t0 = Date.now();
      const code = await deploy.run(['--descriptor', file, '--json'], io);
      const t1 = Date.now();
      if (code !== 0) throw new Error(`deploy ${i + 1} failed (${code}): ${io.err}\n${io.out}`);
      const s = serverSide(h.sim.stateDir, 'ascend-llm-coder');
      const tRemove = at(io, /^Remove a stopped container/);
      const tRun = at(io, /^Start container/);
      const tWait = at(io, /^Wait for .* to be healthy/);
      const tRecord = at(io, /^Record deployment/);
      const serverStartupMs = s.ready - s.startedAt;
      runs.push({
        commands: sessions(h.sim.sshdLogPath) - commandsBefore,
        totalMs: t1 - t0, serverStartupMs, overheadMs: t1 - t0 - serverStartupMs,
        phases: { connectFactsPlan: tRemove - t0, removeStale: tRun - tRemove, dockerRun: tWait - tRun, waitHealthy: tRecord - tWait, record: t1 - tRecord },
        split: { beforeServerStart: s.startedAt - t0, serverReadyToHealthy: tRecord - s.ready, afterHealthy: t1 - tRecord, serverBoot: s.firstLog - s.startedAt },
      });
      const r = runs[i];
      if (!JSON_OUT) process.stderr.write(`  run ${i + 1}: total ${r.totalMs} ms (${r.commands} remote commands), server startup ${r.serverStartupMs} ms, overhead ${r.overheadMs} ms (before server start ${r.split.beforeServerStart}, server ready → healthy ${r.split.serverReadyToHealthy}, after ${r.split.afterHealthy}); load ${load()}\n`);
      const st = stampedIo(h.env, h.home);
      if ((await stop.run(['--descriptor', file], st)) !== 0) throw new Error(`stop failed: ${st.err}`);
    }
    // Calibration: what one remote command costs over an open connection, for a no-op and for the simulated
    // tools the deploy calls (Node scripts here; a real host's npu-smi and docker CLI are compiled binaries).
    const cal: Record<string, number[]> = { 'true': [], 'npu-smi info': [], 'docker inspect': [] };
    const c = h.freshCtx();
    try {
      await c.ctx.shell.ready();
      for (let i = 0; i < 5; i++) {
        for (const [k, argv] of [['true', ['true']], ['npu-smi info', ['npu-smi', 'info']], ['docker inspect', ['docker', 'inspect', '--format', '{{.State.Status}}', 'ascend-llm-coder']]] as Array<[string, string[]]>) {
          const t0 = performance.now();
          await runRemote(c.ctx, argv);
          cal[k].push(performance.now() - t0);
        }
      }
    } finally {
      c.dispose();
    }
    const loadAfter = load();
    const stat = (xs: number[]): { p50: number; p95: number } => ({ p50: pct(xs, 50), p95: pct(xs, 95) });
    const summary = {
      commands: stat(runs.map((r) => r.commands)),
      total: stat(runs.map((r) => r.totalMs)), serverStartup: stat(runs.map((r) => r.serverStartupMs)), overhead: stat(runs.map((r) => r.overheadMs)),
      phases: Object.fromEntries(Object.keys(runs[0].phases).map((k) => [k, stat(runs.map((r) => r.phases[k as keyof Run['phases']]))])),
      split: Object.fromEntries(Object.keys(runs[0].split).map((k) => [k, stat(runs.map((r) => r.split[k as keyof Run['split']]))])),
      oneCommand: Object.fromEntries(Object.entries(cal).map(([k, v]) => [k, stat(v)])),
    };
    if (JSON_OUT) {
      console.log(JSON.stringify({ machine: m, runs: RUNS, startupMs: STARTUP_MS, loadBefore, loadAfter, summary, raw: runs }));
      return;
    }
    const row = (label: string, s: { p50: number; p95: number }): string => `| ${label} | ${s.p50.toFixed(0)} | ${s.p95.toFixed(0)} |`;
    console.log([
      `machine: nproc ${m.nproc}, ${m.cpu}, Node ${m.node}; ${m.date}; load average before ${loadBefore}, after ${loadAfter}`,
      `command: node --import tsx test/bench/remote/deploy-overhead.bench.ts ${args.join(' ')}`.trim(),
      `${RUNS} fresh deploys, simulated startupMs ${STARTUP_MS}; remote commands per deploy (sshd log): ${summary.commands.p50}`,
      '',
      '| measure | p50 ms | p95 ms |',
      '|---|---:|---:|',
      row('deploy → healthy (CLI deploy, wall)', summary.total),
      row('server\'s own startup (host side: process start → "Application startup complete.")', summary.serverStartup),
      row('**our overhead** (wall − server startup)', summary.overhead),
      row('… before the server process starts (connect, host facts, plan, docker rm, docker run up to its spawn)', summary.split.beforeServerStart),
      row('… server ready → health gate passed (poll interval, /health, /v1/models, through the forward)', summary.split.serverReadyToHealthy),
      row('… after the gate (record written, connection closed)', summary.split.afterHealthy),
      '',
      '| runner phase (from its step log lines) | p50 ms | p95 ms |',
      '|---|---:|---:|',
      row('connect + host facts (npu-smi info, -m, NUMA, record) + plan', summary.phases.connectFactsPlan),
      row('docker rm -f of a stale container', summary.phases.removeStale),
      row('docker run -d (the simulated docker, a Node script)', summary.phases.dockerRun),
      row('wait healthy (includes the server\'s startup)', summary.phases.waitHealthy),
      row('record + close', summary.phases.record),
      row('(server process boot: spawn → its first log line, inside the startup above)', summary.split.serverBoot),
      '',
      '| one remote command over an open connection (5 calls) | p50 ms | p95 ms |',
      '|---|---:|---:|',
      ...Object.entries(summary.oneCommand).map(([k, v]) => row(`\`${k}\``, v)),
    ].join('\n'));
  } finally {
    rmSync(work, { recursive: true, force: true });
    await h.done();
  }
}

main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
