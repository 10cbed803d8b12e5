/**
 * Benchmark A: headless replay of typing traces against the simulated vLLM (TTFT 60 ms + 6 ms/token).
 *   node --import tsx test/bench/completion/replay.bench.ts [--keys N] [--traces a,b] [--reps N] [--out FILE]
 *     [--engine '{"burstDebounce":false}']
 * --keys limits the keys per trace (default: the whole file); --reps repeats every trace (default 1). Prints a
 * JSON report: per repetition, and the median over repetitions of each figure.
 */
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { createCompletionEngine } from '../../../src/core/completion/engine';
import type { AbortReason, CompletionEngineOptions, RequestTiming } from '../../../src/core/completion/engine';
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

const dist = (v: number[]) => ({ n: v.length, p50: pct(v, 50), p95: pct(v, 95), max: v.length ? Math.round(Math.max(...v) * 10) / 10 : null });
const round3 = (x: number) => Math.round(x * 1000) / 1000;

interface AbortSample { reason: AbortReason; since: number; destroyed: number }

/** The disconnect observer (a relay in its own process): client disconnects as the server side sees them. */
async function startObserver(upstreamUrl: string): Promise<{ url: string; closes: number[]; stop(): void }> {
  const child = fork(join(__dirname, 'disconnect-observer.mjs'), [new URL(upstreamUrl).port], { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  // performance.now() and process.hrtime share CLOCK_MONOTONIC; this converts the observer's stamps to ours.
  const offset = Number(process.hrtime.bigint()) / 1e6 - performance.now();
  const closes: number[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: { ready?: number; closed?: number }) => {
      if (m.ready) resolve(m.ready);
      if (m.closed !== undefined) closes.push(m.closed - offset);
    });
    child.on('exit', (code) => reject(new Error(`observer exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, closes, stop: () => { child.removeAllListeners('exit'); child.kill(); } };
}

/**
 * Pairs each abort with the first unclaimed server-side disconnect between its start and 30 ms after the client
 * destroyed the socket. An abort with none ("unmatched") hit a response the server had already finished sending
 * (the client had not read it all yet), or a request that had not reached the server.
 */
function serverSeen(aborts: AbortSample[], closes: number[]): Array<AbortSample & { seen?: number }> {
  const used = new Set<number>();
  const sorted = [...closes].sort((a, b) => a - b);
  return aborts.map((a) => {
    const i = sorted.findIndex((c, k) => !used.has(k) && c >= a.since - 0.5 && c <= a.destroyed + 30);
    if (i < 0) return a;
    used.add(i);
    return { ...a, seen: sorted[i] };
  });
}

function abortReport(samples: Array<AbortSample & { seen?: number }>) {
  const by = (reasons: AbortReason[]) => {
    const s = samples.filter((x) => reasons.includes(x.reason));
    const seen = s.filter((x) => x.seen !== undefined).map((x) => x.seen! - x.since);
    return {
      aborts: s.length, clientDestroyMs: dist(s.map((x) => x.destroyed - x.since)), serverSawDisconnectMs: dist(seen),
      withinFiveMs: seen.length ? round3(seen.filter((v) => v <= 5).length / seen.length) : null, unmatched: s.length - seen.length,
    };
  };
  return { supersededOrEdit: by(['superseded', 'edit']), superseded: by(['superseded']), edit: by(['edit']), cancelledAfterGrace: by(['cancelled']) };
}

/** --engine '{"burstDebounce":false}': engine options for A/B runs. */
const engineOpts = JSON.parse(arg('--engine') ?? '{}') as Partial<CompletionEngineOptions>;

async function runOnce(rep: number, maxKeys: number, traces: typeof TRACES, corpus: Record<string, string>, serverUrl: string) {
  const perTrace = [];
  const all = { shown: [] as Shown[], timings: [] as RequestTiming[], aborts: [] as Array<AbortSample & { seen?: number }>, typed: 0, triggers: 0, requests: 0, served: 0 };
  for (const t of traces) {
    const observer = await startObserver(serverUrl);
    const text = corpus[t.file.replace(/\.txt$/, '')];
    const events = synthesizeTrace(text, t.seed, maxKeys);
    const timings: RequestTiming[] = [];
    const aborts: AbortSample[] = [];
    const engine = createCompletionEngine({
      endpoint: observer.url, model: 'deepseek-coder', ...engineOpts,
      onTiming: (x) => timings.push(x),
      onAbort: (a) => aborts.push(a),
    });
    // Warm-up: connection and first request.
    await engine.complete({ documentText: 'x = ', offset: 4, languageId: t.languageId, fileName: 'warmup', token: { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) } });
    const loadBefore = loadavg()[0];
    const before = engine.stats().counters;
    const out = await replay(engine, text, events, t.languageId, basename(t.file, '.txt'), t.seed);
    const c = engine.stats().counters;
    const requests = c.requests - before.requests;
    const servedWithout = c.cacheHits - before.cacheHits + c.streamReuses - before.streamReuses;
    await new Promise((r) => setTimeout(r, 300)); // late disconnect reports
    engine.dispose();
    observer.stop();
    const matched = serverSeen(aborts, observer.closes);
    const triggers = c.triggers - before.triggers;
    perTrace.push({
      repetition: rep, trace: t.file, keys: events.length, keysReplayed: out.keysReplayed, seconds: Math.round(out.durationMs / 100) / 10,
      loadAvg1m: [Math.round(loadBefore * 10) / 10, Math.round(loadavg()[0] * 10) / 10],
      typedChars: out.typedChars, accepts: out.accepts, acceptedChars: out.acceptedChars,
      triggers, requests, requestsPerTypedChar: round3(requests / out.typedChars),
      servedWithoutRequest: round3(servedWithout / triggers), shown: out.shown.length,
      counters: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v - before[k as keyof typeof c]])),
    });
    console.error(JSON.stringify(perTrace.at(-1)));
    all.shown.push(...out.shown);
    all.timings.push(...timings.slice(1));
    all.aborts.push(...matched);
    all.typed += out.typedChars;
    all.triggers += triggers;
    all.requests += requests;
    all.served += servedWithout;
  }
  const overhead = all.timings.map((x) => x.sent - x.entered - x.debounceMs + (x.returned - x.streamEnded));
  const e2e = (f: (s: Shown) => boolean) => dist(all.shown.filter(f).map((s) => s.resultAt - s.keyAt));
  return {
    repetition: rep,
    traces: perTrace,
    overheadMs: dist(overhead),
    debounceMs: dist(all.timings.map((x) => x.debounceMs)),
    e2eMs: {
      hits: e2e((s) => s.source !== 'request'),
      hitsCache: e2e((s) => s.source === 'cache'),
      hitsJoinedStream: e2e((s) => s.source === 'stream'),
      missesSingleLine: e2e((s) => s.source === 'request' && s.mode === 'single' && !s.nextLine),
      missesNextLine: e2e((s) => s.source === 'request' && s.mode === 'single' && s.nextLine),
      missesMultiLine: e2e((s) => s.source === 'request' && s.mode === 'multi'),
      /** Fresh suggestions (any mode): keystroke → the whole shown line (or block), after growing from its first piece. */
      missesWhole: dist(all.shown.filter((s) => s.source === 'request').map((s) => (s.completeAt ?? s.resultAt) - s.keyAt)),
      missesPartialShare: round3(all.shown.filter((s) => s.source === 'request' && !s.complete).length / Math.max(1, all.shown.filter((s) => s.source === 'request').length)),
    },
    requestsPerTypedChar: round3(all.requests / all.typed),
    servedWithoutRequest: round3(all.served / all.triggers),
    abortMs: abortReport(all.aborts),
  };
}

function median(xs: Array<number | null>): number | null {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : Math.round(((v[v.length / 2 - 1] + v[v.length / 2]) / 2) * 10) / 10;
}

/** The median over repetitions of every number in the per-repetition summaries (same shape). */
function medianOf(objs: unknown[]): unknown {
  const first = objs[0];
  if (typeof first === 'number' || first === null) return median(objs as Array<number | null>);
  if (typeof first === 'object' && !Array.isArray(first)) {
    return Object.fromEntries(Object.keys(first as object).map((k) => [k, medianOf(objs.map((o) => (o as Record<string, unknown>)[k]))]));
  }
  return undefined;
}

async function main(): Promise<void> {
  const maxKeys = Number(arg('--keys') ?? Infinity);
  const reps = Number(arg('--reps') ?? 1);
  const only = arg('--traces')?.split(',');
  const traces = TRACES.filter((t) => !only || only.includes(t.file));
  const corpus: Record<string, string> = {};
  for (const t of traces) corpus[t.file.replace(/\.txt$/, '')] = readFileSync(join(SOURCES, t.file), 'utf8');
  const server = await startSimVllm(corpus, { ttftMs: 60, itlMs: 6 });
  const started = new Date().toISOString();
  const loadStart = loadavg().map((x) => Math.round(x * 10) / 10);
  const runs = [];
  try {
    for (let rep = 1; rep <= reps; rep++) runs.push(await runOnce(rep, maxKeys, traces, corpus, server.url));
  } finally {
    await server.stop();
  }
  const summaries = runs.map(({ traces: _t, repetition: _r, ...rest }) => rest);
  const report = {
    setup: {
      server: 'test/host/vllm-sim, TTFT 60 ms + 6 ms/token, loopback, through the disconnect observer relay', vscodeDebounceMs: 50,
      maxKeysPerTrace: maxKeys, repetitions: reps, engineOptions: engineOpts, started, finished: new Date().toISOString(),
      loadAvgStart: loadStart, loadAvgEnd: loadavg().map((x) => Math.round(x * 10) / 10),
    },
    medianOverRepetitions: medianOf(summaries),
    repetitions: runs,
  };
  const json = JSON.stringify(report, null, 2);
  console.log(json);
  const outFile = arg('--out');
  if (outFile) writeFileSync(outFile, json + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
