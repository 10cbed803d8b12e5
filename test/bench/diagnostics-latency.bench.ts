// Time from a document change to published diagnostics, as a client sees it (issue 4, "Benchmark").
// Run: node --import tsx test/bench/diagnostics-latency.bench.ts [--iterations N] [--json]
//
// The language server runs as its own process (src/server/main.ts over stdio, default settings, the real config
// engine), exactly as the extension starts it; this script is the client. For each document it opens it, then
// repeatedly sends a full-text change (toggling one value so every version differs) and measures until the
// publishDiagnostics for that version arrives.
//  - "isolated": one edit, then a pause longer than the server's debounce window (a user pausing between edits);
//  - "burst": 10 edits 30 ms apart (fast typing); latency from the LAST edit to its diagnostics.
// Documents: the 60-line typical serve config (test/fixtures/docs/bench-typical.vllm.yaml) and a 3,000-line stress
// config (the typical one plus a 2,940-line `hf-overrides` mapping), plus a 3,000-line Dockerfile and shell script.
// yaml-language-server is not measured here (it is not a dependency of this project; see the report).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, InitializedNotification,
  InitializeRequest, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

const args = process.argv.slice(2);
const ITER = Number(args[args.indexOf('--iterations') + 1]) || 60;
const root = join(__dirname, '..', '..');
const typical = readFileSync(join(root, 'test/fixtures/docs/bench-typical.vllm.yaml'), 'utf8');

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

/** Toggles one value so each version's text differs, without changing the document's size class. */
function variant(text: string, v: number): string {
  return text.replace(/^max-num-seqs: \d+$/m, `max-num-seqs: ${256 + (v % 2)}`).replace(/^FROM (.*)$/m, `FROM $1${v % 2 ? '' : ' '}`)
    .replace(/^#!\/bin\/bash.*$/m, `#!/bin/bash${v % 2 ? '' : ' '}`);
}

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], cwd: root });
  const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map<string, { version: number; resolve: (t: number) => void }>();
  client.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
    const w = waiting.get(p.uri);
    if (w && p.version === w.version) {
      waiting.delete(p.uri);
      w.resolve(performance.now());
    }
  });
  client.listen();
  await client.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
  await client.sendNotification(InitializedNotification.type, {});

  const published = (uri: string, version: number): Promise<number> => new Promise((resolve, reject) => {
    waiting.set(uri, { version, resolve });
    setTimeout(() => reject(new Error(`timeout waiting for ${uri} v${version}`)), 10000);
  });

  const docs: Array<[string, string, string]> = [
    ['typical config, 60 lines', 'bench/serve.vllm.yaml', typical],
    ['stress config, 3,000 lines', 'bench/stress.vllm.yaml', stress()],
    ['Dockerfile, 3,000 lines', 'bench/Dockerfile', dockerfile(3000)],
    ['shell script, 3,000 lines', 'bench/build.sh', shell(3000)],
  ];
  const results: Array<Record<string, number | string>> = [];
  for (const [label, rel, text] of docs) {
    const uri = pathToFileURL(join('/tmp/ascend-bench', rel)).href;
    let version = 1;
    const opened = published(uri, 1);
    const t0 = performance.now();
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
    const openMs = (await opened) - t0;

    const isolated: number[] = [];
    for (let i = 0; i < ITER + 5; i++) {
      version++;
      const done = published(uri, version);
      const start = performance.now();
      await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: variant(text, version) }] });
      const ms = (await done) - start;
      if (i >= 5) isolated.push(ms); // the first few warm the JIT
      await sleep(120);
    }

    const burst: number[] = [];
    for (let i = 0; i < Math.max(10, ITER / 4); i++) {
      let start = 0;
      let done: Promise<number> | undefined;
      for (let k = 0; k < 10; k++) {
        version++;
        if (k === 9) done = published(uri, version);
        start = performance.now();
        await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: variant(text, version) }] });
        if (k < 9) await sleep(30);
      }
      burst.push((await done!) - start);
      await sleep(150);
    }
    results.push({
      document: label, lines: text.split('\n').length - 1, openMs: Number(openMs.toFixed(1)),
      isolatedP50: Number(pct(isolated, 0.5).toFixed(1)), isolatedP95: Number(pct(isolated, 0.95).toFixed(1)),
      burstP50: Number(pct(burst, 0.5).toFixed(1)), burstP95: Number(pct(burst, 0.95).toFixed(1)),
    });
  }
  client.dispose();
  child.kill();

  if (args.includes('--json')) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  console.log(`change → publishDiagnostics, ms (server over stdio, default settings, Node ${process.version}, ${ITER} isolated edits per document)`);
  console.log('document                       lines   open  isolated p50  p95   burst-last p50  p95');
  for (const r of results) {
    console.log(`${String(r.document).padEnd(30)} ${String(r.lines).padStart(5)} ${String(r.openMs).padStart(6)} ${String(r.isolatedP50).padStart(13)} ${String(r.isolatedP95).padStart(5)} ${String(r.burstP50).padStart(15)} ${String(r.burstP95).padStart(5)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
