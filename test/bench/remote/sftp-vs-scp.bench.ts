// Build-context upload: our path vs OpenSSH scp, to the same sshd in the same run (our throughput
// ≥ 0.8× scp's).
// Run: node --import tsx test/bench/remote/sftp-vs-scp.bench.ts [--reps N] [--mib 200] [--case mixed|single|both] [--json]
//
// The simulated host (real OpenSSH sshd, Subsystem sftp /usr/lib/openssh/sftp-server) on 127.0.0.1. Contexts
// (bench-host.ts makeContext): "mixed" = 200 MiB as 96 + 48 + 24 MiB artefacts plus ~2,000 small files of 1–48 KiB;
// "single" = one 200 MiB file. Random bytes, so compression could not help either side.
// Contestants, each a new SSH connection (connect + auth included, as one CLI run or one scp call does):
//   ours-sync   syncContext (src/core/remote/runner/context-sync.ts): hash the context (hashes remembered from the
//               previous repetition are forgotten first), list the host folder, read the host's manifest,
//               upload every file over SFTP (context-store.ts), write the manifest — the whole `build` upload path;
//   ours-upload the same without the hashing: syncTree of the tree scanned beforehand (untimed), with the
//               parallelism syncContext uses — the transfer alone, to show where the time goes;
//   ours-put    (single case) HostFiles.put over SFTP (src/core/ssh/sftp-transfer.ts) of the one file;
//   scp         Debian's OpenSSH 9.2 `scp -r` (SFTP protocol, the default since OpenSSH 9.0);
//   scp-O       `scp -O -r`, the legacy SCP protocol.
// Each repetition runs every contestant once, in an order rotated per repetition; each writes into a fresh
// remote folder, is checked (file count and bytes) and removed afterwards, and `sync` runs between contestants
// so one's writeback does not land in the next one's time. Throughput = context bytes / wall time.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgetLocalHashes, hashContext, scanTree, syncContext, syncTree, type LocalTree } from '../../../src/core/remote/upload/context-sync';
import { MANIFEST_NAME } from '../../../src/core/remote/upload/context-sync-plan';

import { argOf, benchHost, flushDisk, load, machine, makeContext, MiB, pct, treeSize, type BenchHost, type ContextShape } from './bench-host';

const args = process.argv.slice(2);
const REPS = argOf(args, '--reps', 3);
const TOTAL_MIB = argOf(args, '--mib', 200);
const caseArg = args.includes('--case') ? args[args.indexOf('--case') + 1] : 'both';
const JSON_OUT = args.includes('--json');

/** What syncContext passes (context-sync.ts CONTEXT_PARALLEL_PUTS). */
const CONTEXT_PARALLEL_PUTS = 8;

type Contestant = { name: string; run: (remoteDir: string) => Promise<void> };

function scp(h: BenchHost, legacy: boolean, localDir: string, remoteDir: string): Promise<void> {
  const argv = [...(legacy ? ['-O'] : []), '-q', '-r', '-F', h.sshConfig, '-o', 'BatchMode=yes', localDir, `${h.sim.alias}:${remoteDir}`];
  return new Promise((resolve, reject) => execFile('scp', argv, (err, _o, stderr) => (err ? reject(new Error(`scp: ${stderr || err.message}`)) : resolve())));
}

function contestants(h: BenchHost, shape: ContextShape, tree: LocalTree, single: boolean): Contestant[] {
  const list: Contestant[] = [
    {
      name: 'ours-sync', run: async (remoteDir) => {
        forgetLocalHashes(); // a first upload hashes every file (no hashes remembered from an earlier sync)
        const c = h.freshCtx();
        try { await syncContext(c.ctx, shape.dir, remoteDir); } finally { c.dispose(); }
      },
    },
    {
      name: 'ours-upload', run: async (remoteDir) => {
        const c = h.freshCtx();
        try { await syncTree(c.ctx, tree, remoteDir, { parallel: CONTEXT_PARALLEL_PUTS }); } finally { c.dispose(); }
      },
    },
    { name: 'scp', run: (remoteDir) => scp(h, false, shape.dir, remoteDir) },
    { name: 'scp-O', run: (remoteDir) => scp(h, true, shape.dir, remoteDir) },
  ];
  if (single) {
    list.splice(1, 0, {
      name: 'ours-put', run: async (remoteDir) => {
        const c = h.freshCtx();
        try {
          const files = await c.ctx.shell.files();
          try {
            const local = join(shape.dir, 'model-shard.bin');
            await files.put(local, `${remoteDir}/model-shard.bin`, statSync(local).size);
          } finally { files.close(); }
        } finally { c.dispose(); }
      },
    });
  }
  return list;
}

/** What arrived must be the whole context (ours-put: the one big file). */
function check(name: string, remoteDir: string, shape: ContextShape): void {
  const got = treeSize(remoteDir, (n) => n === MANIFEST_NAME);
  const want = name === 'ours-put' ? { files: 1, bytes: shape.large[0] } : { files: shape.files, bytes: shape.bytes };
  if (got.files !== want.files || got.bytes !== want.bytes) throw new Error(`${name}: uploaded ${got.files} files / ${got.bytes} bytes, expected ${want.files} / ${want.bytes}`);
}

async function cipherOf(h: BenchHost): Promise<{ ours: string; scp: string }> {
  const lines: string[] = [];
  const c = h.freshCtx({}, (m) => lines.push(m));
  try { await c.ctx.shell.ready(); } finally { c.dispose(); }
  const ours = lines.find((l) => /Handshake: C->S Cipher:/.test(l))?.replace(/.*Cipher:\s*/, '') ?? '?';
  let v: string;
  try { v = execFileSync('sh', ['-c', `ssh -v -F '${h.sshConfig}' -o BatchMode=yes ${h.sim.alias} true 2>&1`], { encoding: 'utf8' }); } catch (e) { v = String((e as { stdout?: string }).stdout ?? ''); }
  const scpCipher = v.match(/kex: client->server cipher: (\S+) MAC: (\S+)/);
  return { ours, scp: scpCipher ? `${scpCipher[1]} (MAC ${scpCipher[2]})` : '?' };
}

interface CaseResult { case: string; shape: Omit<ContextShape, 'dir'>; hashMs: number; times: Record<string, number[]>; loadBefore: string; loadAfter: string }

async function runCase(h: BenchHost, single: boolean): Promise<CaseResult> {
  const local = mkdtempSync(join(tmpdir(), 'bench-ctx-'));
  const shape = makeContext(join(local, 'ctx'), TOTAL_MIB, single);
  const list = contestants(h, shape, await scanTree(shape.dir, { dockerignore: true }), single);
  const times: Record<string, number[]> = Object.fromEntries(list.map((c) => [c.name, []]));
  forgetLocalHashes();
  const t0 = performance.now();
  await hashContext(shape.dir);
  const hashMs = performance.now() - t0;
  const loadBefore = load();
  let k = 0;
  for (let rep = 0; rep < REPS; rep++) {
    const order = list.map((_, i) => list[(i + rep) % list.length]);
    for (const c of order) {
      const remoteDir = join(h.sim.home, 'uploads', `${c.name}-${k++}`);
      flushDisk();
      const start = performance.now();
      await c.run(remoteDir);
      times[c.name].push(performance.now() - start);
      check(c.name, remoteDir, shape);
      if (!JSON_OUT) process.stderr.write(`  ${single ? 'single' : 'mixed'} rep ${rep + 1} ${c.name}: ${(times[c.name].at(-1) ?? 0).toFixed(0)} ms, load ${load()}\n`);
      rmSync(remoteDir, { recursive: true, force: true });
    }
  }
  const loadAfter = load();
  rmSync(local, { recursive: true, force: true });
  const { dir: _dir, ...rest } = shape;
  return { case: single ? 'single' : 'mixed', shape: rest, hashMs, times, loadBefore, loadAfter };
}

function report(r: CaseResult): string {
  const mbps = (ms: number): number => r.shape.bytes / MiB / (ms / 1000);
  const med = (n: string): number => pct(r.times[n], 50);
  const rows = Object.keys(r.times).map((n) => `| ${n} | ${r.times[n].map((x) => (x / 1000).toFixed(2)).join(', ')} | ${(med(n) / 1000).toFixed(2)} | ${mbps(med(n)).toFixed(1)} |`);
  const ratio = (n: string, peer: string): string => (med(peer) / med(n)).toFixed(2);
  // Per repetition: ours ÷ scp in the same repetition.
  const perRep = r.times['ours-sync'].map((x, i) => (r.times.scp[i] / x).toFixed(2)).join(', ');
  return [
    `### ${r.case}: ${r.shape.files} files, ${(r.shape.bytes / MiB).toFixed(1)} MiB (large: ${r.shape.large.map((b) => (b / MiB).toFixed(0)).join(' + ') || '-'} MiB; small: ${r.shape.smallFiles} files, ${(r.shape.smallBytes / MiB).toFixed(1)} MiB)`,
    `load average before ${r.loadBefore}, after ${r.loadAfter}; local hashing of the context alone (warm cache): ${r.hashMs.toFixed(0)} ms`,
    '',
    '| contestant | wall time per repetition (s) | median (s) | MiB/s at median |',
    '|---|---|---:|---:|',
    ...rows,
    '',
    `ours-sync ÷ scp throughput: ${ratio('ours-sync', 'scp')} at the medians (per repetition: ${perRep}); ours-sync ÷ scp -O: ${ratio('ours-sync', 'scp-O')}` +
      `; ours-upload (no hashing) ÷ scp: ${ratio('ours-upload', 'scp')}` +
      (r.times['ours-put'] ? `; ours-put ÷ scp: ${ratio('ours-put', 'scp')}, ÷ scp -O: ${ratio('ours-put', 'scp-O')}` : ''),
  ].join('\n');
}

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/scp')) throw new Error('OpenSSH scp is not installed');
  const m = machine();
  const h = await benchHost();
  try {
    const ciphers = await cipherOf(h);
    const scpVersion = execFileSync('sh', ['-c', 'ssh -V 2>&1'], { encoding: 'utf8' }).trim();
    const results: CaseResult[] = [];
    if (caseArg !== 'single') results.push(await runCase(h, false));
    if (caseArg !== 'mixed') results.push(await runCase(h, true));
    if (JSON_OUT) {
      console.log(JSON.stringify({ machine: m, scpVersion, ciphers, reps: REPS, results }));
      return;
    }
    console.log([
      `machine: nproc ${m.nproc}, ${m.cpu}, Node ${m.node}; ${m.date}; ${scpVersion}`,
      `negotiated cipher: ours (ssh2) ${ciphers.ours}; OpenSSH scp ${ciphers.scp}`,
      `command: node --import tsx test/bench/remote/sftp-vs-scp.bench.ts ${args.join(' ')}`.trim(),
      '',
      ...results.map(report).flatMap((s) => [s, '']),
    ].join('\n'));
  } finally {
    await h.done();
  }
}

main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
