// Re-sync of an unchanged build context (under 1 s).
// Run: node --import tsx test/bench/remote/resync.bench.ts [--runs N] [--mib 200] [--json]
//
// The 200 MiB mixed context of sftp-vs-scp.bench.ts (bench-host.ts makeContext) is uploaded once with
// syncContext (not timed), then synced again N times unchanged. Each run must upload and remove nothing.
// Two settings, alternating run by run:
//   warm  the extension: the connection is already open (one shared connection per host) and the process
//         remembers the hashes of files unchanged since it last hashed them (context-sync.ts hashCache);
//   cold  the CLI: every `ascend-llm build` is a new process, so a new SSH connection, nothing in memory
//         (forgetLocalHashes() first), and the hashes of the last run loaded from its cache file and saved after
//         (src/cli/remote-context.ts withHashCache; both inside the timing).
// In the same run, hashContext alone with nothing remembered (walk, .dockerignore, sha256 of every file) is
// timed too, so the report can say where the time goes; the rest is the host listing and SFTP (open, read the
// manifest).
// The first, untimed sync runs long enough after the context was written that its hashes may be remembered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgetLocalHashes, hashContext, loadHashCache, saveHashCache, syncContext } from '../../../src/core/remote/upload/context-sync';
import { argOf, benchHost, load, machine, makeContext, MiB, pct, sleep } from './bench-host';

const args = process.argv.slice(2);
const RUNS = argOf(args, '--runs', 12);
const TOTAL_MIB = argOf(args, '--mib', 200);
const JSON_OUT = args.includes('--json');

async function main(): Promise<void> {
  const m = machine();
  const h = await benchHost();
  const local = mkdtempSync(join(tmpdir(), 'bench-ctx-'));
  try {
    const shape = makeContext(join(local, 'ctx'), TOTAL_MIB);
    const remoteDir = join(h.sim.home, '.ascend-llm', 'contexts', 'bench');
    const warm = h.freshCtx();
    await sleep(2500); // files changed in the last 2 s are never remembered (context-sync.ts RACY_MS)
    const first = await syncContext(warm.ctx, shape.dir, remoteDir);
    const cacheFile = join(local, 'cache', 'file-hashes.json');
    await saveHashCache(cacheFile);
    if (first.upload.length !== shape.files) throw new Error(`first sync uploaded ${first.upload.length} of ${shape.files} files`);
    const loadBefore = load();
    const times: Record<'warm' | 'cold' | 'hash', number[]> = { warm: [], cold: [], hash: [] };
    await syncContext(warm.ctx, shape.dir, remoteDir); // one untimed warm-up of both paths (JIT, page cache)
    for (let i = 0; i < RUNS; i++) {
      for (const mode of (i % 2 === 0 ? ['warm', 'cold', 'hash'] : ['hash', 'cold', 'warm']) as Array<'warm' | 'cold' | 'hash'>) {
        const cold = mode === 'cold' ? h.freshCtx() : undefined;
        if (mode !== 'warm') forgetLocalHashes();
        const t0 = performance.now();
        if (mode === 'hash') {
          await hashContext(shape.dir);
        } else {
          if (cold) await loadHashCache(cacheFile);
          const r = await syncContext((cold ?? warm).ctx, shape.dir, remoteDir);
          if (cold) await saveHashCache(cacheFile);
          if (r.upload.length || r.remove.length || r.unchanged !== shape.files) throw new Error(`${mode}: an unchanged context uploaded ${r.upload.length} and removed ${r.remove.length} files`);
        }
        times[mode].push(performance.now() - t0);
        cold?.dispose();
      }
      if (!JSON_OUT) process.stderr.write(`  run ${i + 1}: warm ${times.warm[i].toFixed(0)} ms, cold ${times.cold[i].toFixed(0)} ms, hash only ${times.hash[i].toFixed(0)} ms; load ${load()}\n`);
    }
    warm.dispose();
    const loadAfter = load();
    const summary = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { p50: pct(v, 50), p95: pct(v, 95), min: Math.min(...v), max: Math.max(...v) }]));
    if (JSON_OUT) {
      console.log(JSON.stringify({ machine: m, runs: RUNS, files: shape.files, bytes: shape.bytes, loadBefore, loadAfter, times, summary }));
      return;
    }
    const row = (k: string, label: string): string => {
      const s = summary[k];
      return `| ${label} | ${s.p50.toFixed(0)} | ${s.p95.toFixed(0)} | ${s.min.toFixed(0)}–${s.max.toFixed(0)} |`;
    };
    console.log([
      `machine: nproc ${m.nproc}, ${m.cpu}, Node ${m.node}; ${m.date}; load average before ${loadBefore}, after ${loadAfter}`,
      `command: node --import tsx test/bench/remote/resync.bench.ts ${args.join(' ')}`.trim(),
      `context: ${shape.files} files, ${(shape.bytes / MiB).toFixed(1)} MiB, unchanged; ${RUNS} runs each`,
      '',
      '| re-sync of the unchanged context | p50 ms | p95 ms | range ms |',
      '|---|---:|---:|---:|',
      row('warm', 'extension: open connection, hashes remembered'),
      row('cold', 'CLI: new connection, hashes from the cache file'),
      row('hash', 'of which: hashing every file alone (hashContext)'),
      '',
      `target < 1000 ms: warm p95 ${summary.warm.p95 < 1000 ? 'met' : 'MISSED'}, cold p95 ${summary.cold.p95 < 1000 ? 'met' : 'MISSED'}`,
    ].join('\n'));
  } finally {
    rmSync(local, { recursive: true, force: true });
    await h.done();
  }
}

main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
