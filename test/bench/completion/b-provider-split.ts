/**
 * Benchmark B's split at the provider: joins the extension's opt-in trace (src/extension/completion/completion-trace.ts,
 * one JSON line per provideInlineCompletionItems call, wall-clock ms) with the page's keystroke and ghost-text stamps
 * (made wall-clock with the page's performance.timeOrigin). For each sample, the call that answered it is the last
 * one that entered after the keystroke, returned items, was not cancelled and returned before the ghost text hit the
 * DOM. Then: keystroke → provider entry (VS Code inbound: renderer, its 50 ms debounce, websocket, extension host),
 * entry → return (ours), return → DOM / painted (VS Code outbound).
 */
import { readFileSync, existsSync } from 'node:fs';
import type { PageLog } from './b-page-probe';
import type { BSample, Category } from './b-analyze';
import type { TappedRequest } from './b-tap';
import { dist } from './b-analyze';
import type { ProviderTraceLine } from '../../../src/extension/completion/completion-trace';

/** One line of the extension's opt-in provider trace (ASCEND_LLM_COMPLETION_TRACE). */
export type TraceLine = ProviderTraceLine;

export function readTrace(file: string): TraceLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).flatMap((l) => {
    try { return [JSON.parse(l) as TraceLine]; } catch { return []; }
  });
}

export interface SplitSample {
  key: number;
  category: Category;
  inboundMs: number;
  oursMs: number;
  /** Provider entry → engine.complete() called (document text, offsets, path). */
  preEngineMs: number;
  outDomMs: number;
  outPaintedMs: number;
  source?: string;
}

export function joinSamples(log: PageLog, samples: BSample[], trace: TraceLine[]): { joined: SplitSample[]; unjoined: number } {
  const keyT = new Map(log.keys.map((k) => [k.i, log.timeOrigin + k.t]));
  const joined: SplitSample[] = [];
  let unjoined = 0;
  for (const s of samples) {
    const k = keyT.get(s.key);
    if (k === undefined) { unjoined++; continue; }
    const dom = k + s.domMs;
    const calls = trace.filter((c) => c.items && !c.cancelled && c.entry > k && c.returned <= dom);
    const c = calls[calls.length - 1];
    if (!c) { unjoined++; continue; }
    joined.push({
      key: s.key, category: s.category, inboundMs: c.entry - k, oursMs: c.returned - c.entry,
      preEngineMs: c.engineCalled === undefined ? 0 : c.engineCalled - c.entry,
      outDomMs: dom - c.returned, outPaintedMs: k + s.paintedMs - c.returned, source: c.source,
    });
  }
  return { joined, unjoined };
}

type D = ReturnType<typeof dist>;

export interface ProviderSplit {
  calls: number;
  callsWithItems: number;
  joined: number;
  unjoined: number;
  perCategory: Array<{ category: Category; inbound: D; inboundMinus50: D; ours: D; preEngine: D; outDom: D; outPainted: D }>;
  all: { inboundMinus50: D; outDom: D; outPainted: D; preEngine: D };
  /** The engine's adaptive debounce on calls that sent a request. */
  debounceB: D;
  /** Clock check: the tap saw the request − the engine stamped it sent (two Node processes' wall clocks). */
  tapMinusSentMs: D;
}

export function providerSplit(joinedSamples: { joined: SplitSample[]; unjoined: number }, trace: TraceLine[], requests: TappedRequest[],
  from: number): ProviderSplit {
  const calls = trace.filter((c) => c.entry >= from);
  const j = joinedSamples.joined;
  const of = (c: Category) => j.filter((s) => s.category === c);
  const sent = calls.flatMap((c) => (c.engine ? [c.engine] : []));
  const clock = sent.flatMap((e) => {
    const r = requests.find((q) => q.at >= e.sent - 20 && q.at <= e.sent + 50);
    return r ? [r.at - e.sent] : [];
  });
  return {
    calls: calls.length,
    callsWithItems: calls.filter((c) => c.items).length,
    joined: j.length,
    unjoined: joinedSamples.unjoined,
    perCategory: (['hit', 'single', 'multi'] as Category[]).map((c) => ({
      category: c,
      inbound: dist(of(c).map((s) => s.inboundMs)),
      inboundMinus50: dist(of(c).map((s) => s.inboundMs - 50)),
      ours: dist(of(c).map((s) => s.oursMs)),
      preEngine: dist(of(c).map((s) => s.preEngineMs)),
      outDom: dist(of(c).map((s) => s.outDomMs)),
      outPainted: dist(of(c).map((s) => s.outPaintedMs)),
    })),
    all: {
      inboundMinus50: dist(j.map((s) => s.inboundMs - 50)),
      outDom: dist(j.map((s) => s.outDomMs)),
      outPainted: dist(j.map((s) => s.outPaintedMs)),
      preEngine: dist(j.map((s) => s.preEngineMs)),
    },
    debounceB: dist(sent.map((e) => e.debounceMs)),
    tapMinusSentMs: dist(clock),
  };
}
