// What one host command costs through each host shell: `node --import tsx test/bench/host-shell-exec.bench.ts
// [--runs 200]`. The SSH shell runs against the simulated host's real OpenSSH sshd over an open pooled connection
// (as the extension holds it); the local shell (target.host: local) spawns the argv on this machine. Each shell
// runs `true` (the command's own cost is nil) and `cat` of a 4,851-byte file (one `npu-smi info` of the simulated
// 8× 910B4 host, what the monitor reads every tick), then a cancellable exec (the process-group wrapper over SSH).
// Prints JSON: p50 / p95 ms per case, the machine and its load.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { HostShell } from '../../src/core/host-command/host-shell';
import { LocalHostShell } from '../../src/core/local/local-shell';
import { argOf, benchHost, machine } from './remote/bench-host';
import { ConnectionPool } from '../../src/core/ssh/connection-pool';
import { hostConnector } from '../../src/core/ssh/host-connector';
import { SshHostShell } from '../../src/core/ssh/ssh-shell';
import { userInfo } from 'node:os';

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 100) / 100;
};

async function time(shell: HostShell, argv: string[], runs: number, signal?: AbortSignal): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await shell.exec(argv, { signal }); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await shell.exec(argv, { signal });
    ms.push(performance.now() - t0);
    if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${String(r.code)}`);
  }
  return { p50: pct(ms, 50), p95: pct(ms, 95) };
}

async function main(): Promise<void> {
  const runs = argOf(process.argv.slice(2), '--runs', 200);
  const h = await benchHost();
  const file = join(h.sim.home, 'npu-smi-info.txt');
  writeFileSync(file, 'x'.repeat(4851));
  const pool = new ConnectionPool({ connect: hostConnector({ home: h.home, localUser: userInfo().username }, {}) });
  const shells: Record<string, HostShell> = { ssh: new SshHostShell(h.sim.alias, () => pool.get(h.sim.alias)), local: new LocalHostShell() };
  const load = [loadavg()[0].toFixed(2)];
  const out: Record<string, unknown> = {};
  try {
    for (const [name, shell] of Object.entries(shells)) {
      out[name] = {
        true: await time(shell, ['true'], runs),
        cat4851: await time(shell, ['cat', file], runs),
        cancellableTrue: await time(shell, ['true'], runs, new AbortController().signal),
      };
    }
  } finally {
    pool.dispose();
    await h.done();
  }
  load.push(loadavg()[0].toFixed(2));
  process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), runs, machine: machine(), load, results: out }, null, 2)}\n`);
}

void main();
