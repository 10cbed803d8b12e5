// Time from a document change to published diagnostics, as a client sees it, for our
// language server and, in the same run, yaml-language-server 2.0.0 given our schema and the same documents.
//
// Run (no build needed):  node --import tsx test/bench/diagnostics-latency.bench.ts [--iterations N] [--json]
//   --built     start our server from the bundle dist/server.js (run `npm run build` first) instead of
//               src/server/main.ts through tsx. Per-edit latency is the same JIT-compiled code either way.
//   --ours-only skip yaml-language-server.
//   --peers DIR where yaml-language-server is installed (default .tools/bench-peers).
// yaml-language-server is NOT a project dependency. Install it once, outside the project's dependencies:
//   mkdir -p .tools/bench-peers && cd .tools/bench-peers && npm init -y >/dev/null \
//     && npm install --no-save yaml-language-server@2.0.0
// (it declares Node >= 22 but runs on Node 20). Without it the bench measures our server only and says so.
//
// Each server runs as its own process over stdio, one after the other (never both at once: they would compete for
// the CPU); this script is the client. Our server runs with its default settings. yaml-language-server runs with
// the settings a VS Code user would have: `yaml.schemas` maps schemas/vllm-serve.schema.json to `*.vllm.yaml`;
// schema store and Kubernetes CRD store off (no network); client capability workspace/configuration on, as in VS
// Code, so it asks the client for `[yaml]` settings before each validation. Its built-in 200 ms validation delay is
// kept: it is part of what a user sees.
//
// For each document: open it, then repeatedly send a full-text change and time until the publishDiagnostics FOR
// THAT VERSION arrives. Publishes for other versions are dropped (and counted): our server's publishes
// carry the document version; yaml-language-server's do not, so every version of a YAML document carries one
// invalid value (`max-num-seqs: xxx…`, 1 + version % 40 characters) and a publish counts only if it has a
// diagnostic on that line whose range is exactly that long. Both servers must flag it (checked).
//  - "isolated": one edit, wait for its diagnostics, then pause 120 ms (a user pausing between edits);
//  - "burst": 10 edits 30 ms apart (fast typing); latency from the LAST edit to its diagnostics.
// The first 5 isolated edits warm up the JIT and are not counted. Each server's transport floor is printed too:
// the round trip of a request it answers at once (MethodNotFound), paced like the isolated edits. On Linux, per
// isolated edit, the server main thread's time on a CPU and time runnable but waiting for a CPU (other load on the
// machine) come from /proc/<pid>/schedstat: on a busy machine the tail is mostly that wait.
// Documents: the 60-line typical serve config (test/fixtures/docs/bench-typical.vllm.yaml) and a 3,000-line stress
// config (the typical one plus a 2,940-line `hf-overrides` mapping); our server also gets a 3,000-line Dockerfile
// and shell script (yaml-language-server does not handle those).
import { existsSync, readFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { LspPeer } from './lsp-peer';

const args = process.argv.slice(2);
const ITER = Number(args[args.indexOf('--iterations') + 1]) || 60;
const root = join(__dirname, '..', '..');
const peersArg = args.indexOf('--peers');
const peers = peersArg >= 0 ? args[peersArg + 1] : join(root, '.tools/bench-peers');
const ylsBin = join(peers, 'node_modules/yaml-language-server/bin/yaml-language-server');
const typical = readFileSync(join(root, 'test/fixtures/docs/bench-typical.vllm.yaml'), 'utf8');
const EDIT_LINE = typical.split('\n').findIndex((l) => /^max-num-seqs: /.test(l));
const EDIT_COL = 'max-num-seqs: '.length;

function stress(): string {
  const lines = ['hf-overrides:'];
  for (let i = 0; lines.length < 3000 - typical.split('\n').length; i++) lines.push(`  rope_param_${String(i).padStart(4, '0')}: ${i / 10}`);
  return `${typical}${lines.join('\n')}\n`;
}

function dockerfile(lines: number): string {
  const out = ['FROM quay.io/ascend/vllm-ascend:v0.23.0'];
  for (let i = 0; out.length < lines; i++) out.push(i % 50 === 0 ? 'RUN npu-smi top -n 10' : `RUN echo step ${i} && pip install --no-cache-dir pkg${i}`);
  return `${out.join('\n')}\n`;
}

function shell(lines: number): string {
  const out = ['#!/bin/bash'];
  for (let i = 0; out.length < lines; i++) out.push(i % 50 === 0 ? 'pip install -e .[npu]' : `echo "step ${i}" && ls /tmp > /dev/null`);
  return `${out.join('\n')}\n`;
}

/** Length of the invalid `max-num-seqs` value in version v of a YAML document (identifies the version). */
const badLength = (v: number): number => 1 + (v % 40);

/** Version v of a document: YAML gets a version-specific invalid value; others toggle one character. */
function variant(text: string, v: number): string {
  return text.replace(/^max-num-seqs: .*$/m, `max-num-seqs: ${'x'.repeat(badLength(v))}`).replace(/^FROM (.*?) ?$/m, `FROM $1${v % 2 ? '' : ' '}`)
    .replace(/^#!\/bin\/bash.*$/m, `#!/bin/bash${v % 2 ? '' : ' '}`);
}

function flagsEdit(p: PublishDiagnosticsParams, v: number): boolean {
  return p.diagnostics.some((d) => d.range.start.line === EDIT_LINE && d.range.end.line === EDIT_LINE
    && d.range.start.character === EDIT_COL && d.range.end.character - d.range.start.character === badLength(v));
}

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const r1 = (n: number): number => Number(n.toFixed(1));

interface Doc { label: string; rel: string; text: string; yaml: boolean }
interface Row {
  server: string; document: string; lines: number; openMs: number;
  isolatedP50: number; isolatedP95: number; burstP50: number; burstP95: number; samples: number; ignored: number;
  /** Per isolated edit, the server's main thread: ms on a CPU, and ms runnable but waiting for a CPU (load). */
  cpuP50?: number; cpuP95?: number; runQueueWaitP95?: number;
}
interface Floor { server: string; pingP50: number; pingP95: number }
interface Server {
  name: string;
  peer: () => LspPeer;
  /** Does this publish belong to version v of a document? */
  matches: (p: PublishDiagnosticsParams, v: number, doc: Doc) => boolean;
  docs: (d: Doc) => boolean;
}

async function measure(server: Server, docs: Doc[], floors: Floor[]): Promise<Row[]> {
  const peer = server.peer();
  await peer.initialize();
  const rows: Row[] = [];
  try {
    // The transport's floor: the round trip of a request the server answers at once (MethodNotFound), paced like
    // the isolated edits.
    const pings: number[] = [];
    for (let i = 0; i < ITER + 5; i++) {
      const ms = await peer.ping();
      if (i >= 5) pings.push(ms);
      await sleep(120);
    }
    floors.push({ server: server.name, pingP50: r1(pct(pings, 0.5)), pingP95: r1(pct(pings, 0.95)) });
    for (const doc of docs.filter(server.docs)) {
      const uri = pathToFileURL(join('/tmp/ascend-bench', doc.rel)).href;
      const wait = (v: number): Promise<number> => peer.published(uri, (p) => server.matches(p, v, doc));
      let version = 1;
      const opened = wait(version);
      const t0 = performance.now();
      await peer.open(uri, version, variant(doc.text, version));
      const openMs = (await opened) - t0;

      const isolated: number[] = [];
      const cpu: number[] = [];
      const runQueue: number[] = [];
      for (let i = 0; i < ITER + 5; i++) {
        version++;
        const done = wait(version);
        const before = peer.schedstat();
        const start = performance.now();
        await peer.change(uri, version, variant(doc.text, version));
        const ms = (await done) - start;
        const after = peer.schedstat();
        if (i >= 5) {
          isolated.push(ms);
          if (before && after) {
            cpu.push(after.cpuMs - before.cpuMs);
            runQueue.push(after.waitMs - before.waitMs);
          }
        }
        await sleep(120);
      }

      const burst: number[] = [];
      for (let i = 0; i < Math.max(10, ITER / 4); i++) {
        let start = 0;
        let done: Promise<number> | undefined;
        for (let k = 0; k < 10; k++) {
          version++;
          if (k === 9) done = wait(version);
          start = performance.now();
          await peer.change(uri, version, variant(doc.text, version));
          if (k < 9) await sleep(30);
        }
        burst.push((await done!) - start);
        await sleep(300); // longer than yaml-language-server's 200 ms delay, so no burst leaks into the next
      }
      rows.push({
        server: server.name, document: doc.label, lines: doc.text.split('\n').length - 1, openMs: r1(openMs),
        isolatedP50: r1(pct(isolated, 0.5)), isolatedP95: r1(pct(isolated, 0.95)),
        burstP50: r1(pct(burst, 0.5)), burstP95: r1(pct(burst, 0.95)), samples: isolated.length,
        ignored: peer.ignored.get(uri) ?? 0,
        ...(cpu.length ? { cpuP50: r1(pct(cpu, 0.5)), cpuP95: r1(pct(cpu, 0.95)), runQueueWaitP95: r1(pct(runQueue, 0.95)) } : {}),
      });
    }
  } finally {
    await peer.stop();
  }
  return rows;
}

async function main(): Promise<void> {
  const docs: Doc[] = [
    { label: 'typical config, 60 lines', rel: 'bench/serve.vllm.yaml', text: typical, yaml: true },
    { label: 'stress config, 3,000 lines', rel: 'bench/stress.vllm.yaml', text: stress(), yaml: true },
    { label: 'Dockerfile, 3,000 lines', rel: 'bench/Dockerfile', text: dockerfile(3000), yaml: false },
    { label: 'shell script, 3,000 lines', rel: 'bench/build.sh', text: shell(3000), yaml: false },
  ];
  const built = args.includes('--built');
  const ours: Server = {
    name: 'ours',
    peer: () => new LspPeer({
      argv: built ? [join(root, 'dist/server.js'), '--stdio'] : ['--import', 'tsx', join(root, 'src/server/main.ts'), '--stdio'],
      cwd: root, capabilities: {},
    }),
    // Version match; for YAML also require that the edit is flagged, so both servers do the same work.
    matches: (p, v, doc) => p.version === v && (!doc.yaml || p.diagnostics.some((d) => d.range.start.line === EDIT_LINE)),
    docs: () => true,
  };
  const schemaUri = pathToFileURL(join(root, 'schemas/vllm-serve.schema.json')).href;
  const yls: Server = {
    name: 'yaml-language-server 2.0.0',
    peer: () => new LspPeer({
      argv: [ylsBin, '--stdio'], cwd: root,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
      settings: {
        yaml: {
          schemas: { [schemaUri]: ['*.vllm.yaml'] }, validate: true, hover: true, completion: true,
          schemaStore: { enable: false }, kubernetesCRDStore: { enable: false }, format: { enable: false },
        },
        http: { proxy: '', proxyStrictSSL: false },
      },
    }),
    matches: (p, v) => flagsEdit(p, v),
    docs: (d) => d.yaml,
  };
  const haveYls = existsSync(ylsBin) && !args.includes('--ours-only');
  const load0 = loadavg();
  const floors: Floor[] = [];
  const rows = [...await measure(ours, docs, floors), ...(haveYls ? await measure(yls, docs, floors) : [])];
  const load1 = loadavg();

  const ratios = docs.filter((d) => d.yaml).map((d) => {
    const a = rows.find((r) => r.server === ours.name && r.document === d.label)!;
    const b = rows.find((r) => r.server === yls.name && r.document === d.label);
    return {
      document: d.label, isolatedP50: b ? a.isolatedP50 / b.isolatedP50 : NaN, isolatedP95: b ? a.isolatedP95 / b.isolatedP95 : NaN,
      burstP95: b ? a.burstP95 / b.burstP95 : NaN,
    };
  });
  const typicalOurs = rows.find((r) => r.server === ours.name && r.document === docs[0].label)!;
  const targets = {
    typicalP95AtMost20ms: typicalOurs.isolatedP95 <= 20,
    // The target is on edit → diagnostics for that version (isolated edits, p50 and p95); the burst ratio is printed
    // for information.
    ratioAtMostHalf: haveYls ? ratios.every((r) => r.isolatedP50 <= 0.5 && r.isolatedP95 <= 0.5) : null,
  };
  const env = {
    node: process.version, server: built ? 'dist/server.js' : 'src/server/main.ts (tsx)', iterations: ITER, nproc: cpus().length,
    cpu: cpus()[0]?.model, memGiB: r1(totalmem() / 2 ** 30), freeGiB: r1(freemem() / 2 ** 30),
    loadavgBefore: load0.map(r1), loadavgAfter: load1.map(r1), date: new Date().toISOString(),
  };

  if (args.includes('--json')) {
    console.log(JSON.stringify({ env, rows, floors, ratios, targets }, null, 2));
    return;
  }
  console.log(`change → publishDiagnostics, ms (over stdio; ${ITER} isolated edits per document; our server: ${env.server}, Node ${env.node})`);
  console.log(`machine: ${env.nproc} × ${env.cpu}, ${env.memGiB} GiB; load average ${env.loadavgBefore.join(' ')} → ${env.loadavgAfter.join(' ')}`);
  console.log('| server | document | lines | open | isolated p50 | p95 | burst-last p50 | p95 | publishes for other versions (dropped) | server CPU/edit p50 | p95 | run-queue wait/edit p95 |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.server} | ${r.document} | ${r.lines} | ${r.openMs} | ${r.isolatedP50} | ${r.isolatedP95} | ${r.burstP50} | ${r.burstP95} | ${r.ignored} | ${r.cpuP50 ?? '–'} | ${r.cpuP95 ?? '–'} | ${r.runQueueWaitP95 ?? '–'} |`);
  }
  console.log('(server CPU and run-queue wait: the server\'s main thread during each isolated edit, from /proc/<pid>/schedstat)');
  for (const f of floors) console.log(`transport floor (${f.server}): request → MethodNotFound round trip p50 ${f.pingP50} ms, p95 ${f.pingP95} ms`);
  if (!haveYls) console.log(`yaml-language-server not measured (${existsSync(ylsBin) ? '--ours-only' : `not installed at ${ylsBin}`})`);
  else {
    console.log('\nours ÷ yaml-language-server:');
    console.log('| document | isolated p50 | isolated p95 | burst-last p95 (information) |');
    console.log('|---|---:|---:|---:|');
    for (const r of ratios) console.log(`| ${r.document} | ${r.isolatedP50.toFixed(3)} | ${r.isolatedP95.toFixed(3)} | ${r.burstP95.toFixed(3)} |`);
  }
  console.log(`\ntargets: typical p95 ≤ 20 ms: ${targets.typicalP95AtMost20ms ? 'met' : 'MISSED'} (${typicalOurs.isolatedP95} ms); `
    + `ours ÷ theirs ≤ 0.5 (isolated p50 and p95) on both documents: ${targets.ratioAtMostHalf === null ? 'not measured' : targets.ratioAtMostHalf ? 'met' : 'MISSED'}`);
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
