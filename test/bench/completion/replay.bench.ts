/**
 * Benchmark A (issue 7): headless replay of typing traces against the simulated vLLM (TTFT 60 ms + 6 ms/token).
 *   node --import tsx test/bench/completion/replay.bench.ts [--keys N] [--traces a,b] [--out FILE]
 * --keys limits the keys per trace (default: the whole file). Prints a JSON report.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createCompletionEngine } from '../../../src/core/completion/engine';
import type { RequestTiming } from '../../../src/core/completion/engine';
import { synthesizeTrace } from './trace-synth';
import { replay } from './replay-harness';
import type { Shown } from './replay-harness';
import { startSimVllm } from './sim-vllm';

const SOURCES = join(__dirname, '..', '..', 'fixtures', 'completion', 'bench');
const TRACES = [
  { file: 'inventory.py', languageId: 'python', seed: 1 },
  { file: 'textstats.py', languageId: 'python', seed: 2 },
  { file: 'ratelimit.go', languageId: 'go', seed: 3 },
  { file: 'document-window.ts.txt', languageId: 'typescript', seed: 4 },
  { file: 'bracket-scan.ts.txt', languageId: 'typescript', seed: 5 },
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function pct(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] * 10) / 10;
}

const dist = (v: number[]) => ({ n: v.length, p50: pct(v, 50), p95: pct(v, 95) });

async function main(): Promise<void> {
  const maxKeys = Number(arg('--keys') ?? Infinity);
  const only = arg('--traces')?.split(',');
  const traces = TRACES.filter((t) => !only || only.includes(t.file));
  const corpus: Record<string, string> = {};
  for (const t of traces) corpus[t.file.replace(/\.txt$/, '')] = readFileSync(join(SOURCES, t.file), 'utf8');
  const server = await startSimVllm(corpus, { ttftMs: 60, itlMs: 6 });
  const perTrace = [];
  const all = { shown: [] as Shown[], timings: [] as RequestTiming[], aborts: [] as number[], typed: 0, triggers: 0, requests: 0, served: 0 };
  try {
    for (const t of traces) {
      const text = corpus[t.file.replace(/\.txt$/, '')];
      const events = synthesizeTrace(text, t.seed, maxKeys);
      const timings: RequestTiming[] = [];
      const aborts: number[] = [];
      const engine = createCompletionEngine({
        endpoint: server.url, model: 'deepseek-coder',
        onTiming: (x) => timings.push(x),
        onAbort: (a) => { if (a.reason === 'superseded') aborts.push(a.destroyed - a.since); },
      });
      // Warm-up: connection and first request.
      await engine.complete({ documentText: 'x = ', offset: 4, languageId: t.languageId, fileName: 'warmup', token: { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) } });
      const before = engine.stats().counters;
      const out = await replay(engine, text, events, t.languageId, basename(t.file, '.txt'), t.seed);
      const c = engine.stats().counters;
      const requests = c.requests - before.requests;
      const servedWithout = c.cacheHits - before.cacheHits + c.streamReuses - before.streamReuses;
      engine.dispose();
      const triggers = c.triggers - before.triggers;
      perTrace.push({
        trace: t.file, keys: events.length, typedChars: out.typedChars, accepts: out.accepts, acceptedChars: out.acceptedChars,
        triggers, requests, requestsPerTypedChar: Math.round((requests / out.typedChars) * 1000) / 1000,
        servedWithoutRequest: Math.round((servedWithout / triggers) * 1000) / 1000, shown: out.shown.length,
        counters: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v - before[k as keyof typeof c]])),
      });
      all.shown.push(...out.shown);
      all.timings.push(...timings.slice(1));
      all.aborts.push(...aborts);
      all.typed += out.typedChars;
      all.triggers += triggers;
      all.requests += requests;
      all.served += servedWithout;
    }
  } finally {
    await server.stop();
  }
  const overhead = all.timings.map((x) => x.sent - x.entered - x.debounceMs + (x.returned - x.streamEnded));
  const e2e = (f: (s: Shown) => boolean) => dist(all.shown.filter(f).map((s) => s.resultAt - s.keyAt));
  const report = {
    setup: { server: 'test/host/vllm-sim, TTFT 60 ms + 6 ms/token, loopback', vscodeDebounceMs: 50, maxKeysPerTrace: maxKeys },
    traces: perTrace,
    overheadMs: dist(overhead),
    debounceMs: dist(all.timings.map((x) => x.debounceMs)),
    e2eMs: {
      hits: e2e((s) => s.source !== 'request'),
      missesSingleLine: e2e((s) => s.source === 'request' && s.mode === 'single'),
      missesMultiLine: e2e((s) => s.source === 'request' && s.mode === 'multi'),
    },
    requestsPerTypedChar: Math.round((all.requests / all.typed) * 1000) / 1000,
    servedWithoutRequest: Math.round((all.served / all.triggers) * 1000) / 1000,
    supersededAbortMs: dist(all.aborts),
  };
  const json = JSON.stringify(report, null, 2);
  console.log(json);
  const outFile = arg('--out');
  if (outFile) writeFileSync(outFile, json + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
