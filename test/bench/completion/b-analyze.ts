/**
 * Benchmark B's analysis: from the page's keystroke and ghost-text stamps plus the tap's request log, the
 * keystroke → ghost-text latency of each suggestion that appeared, classified like benchmark A (hit: no request
 * sent after the keystroke; miss: a request was sent after it, single- or multi-line by its max_tokens).
 */
import type { PageLog } from './b-page-probe';
import type { TappedRequest } from './b-tap';

/**
 * Where the ghost text (as rendered: tabs expanded, NBSPs made spaces) ends in `finalText` when it is the true
 * continuation from `pos`; -1 when it is not. Whitespace runs compare as equal whatever their length.
 */
export function ghostEnd(finalText: string, pos: number, ghost: string): number {
  const run = (s: string, at: number) => /^[ \t\r\n]*/.exec(s.slice(at))![0];
  const newlines = (s: string) => s.split('\n').length - 1;
  let i = pos;
  let j = 0;
  while (j < ghost.length) {
    const g = run(ghost, j);
    if (g) {
      const f = run(finalText, i);
      // The engine trims trailing whitespace, so a run always has text after it.
      if (!f || j + g.length === ghost.length || newlines(g) !== newlines(f)) return -1;
      i += f.length;
      j += g.length;
      continue;
    }
    if (finalText[i] !== ghost[j]) return -1;
    i++;
    j++;
  }
  return i;
}

export type Category = 'hit' | 'single' | 'multi';

export interface BSample {
  key: number;
  /** Length of the suggestion as rendered. */
  chars: number;
  category: Category;
  /** Keystroke (page, listener) → ghost text in the DOM. */
  domMs: number;
  /** Keystroke → after the frame that shows it. */
  paintedMs: number;
  /** Event creation → listener: the renderer's input queueing. */
  inputQueueMs: number;
  /** Misses: keystroke → the request seen by the tap (epoch clocks of page and tap). */
  sentMs?: number;
  /** Misses: keystroke → that request's response ended at the tap. */
  endedMs?: number;
  /** Hits: 'stream' when a request sent before the keystroke (≤ 1 s) had shown nothing yet, so the suggestion most
   * likely came from joining that stream; else 'cache'. (Inferred: the tap does not see the engine.) */
  via?: 'stream' | 'cache';
}

export interface BClassified {
  samples: BSample[];
  /** Keystrokes after which VS Code kept the suggestion on screen (typing through it) with no new appearance. */
  kept: number;
  /** Samples where a different suggestion replaced the shown one without it disappearing first (included). */
  replaced: number;
  keys: number;
}

/** `modeAt(i)`: the engine's mode for the document after event i (the engine's own chooseMode on the driver's
 * document), since the request alone no longer tells (a single-line read at a line end asks for 64 tokens). */
export function classify(log: PageLog, requests: TappedRequest[], modeAt: (i: number) => 'single' | 'multi'): BClassified {
  const keys = [...log.keys].sort((a, b) => a.t - b.t);
  const epoch = (t: number) => log.timeOrigin + t;
  const out: BClassified = { samples: [], kept: 0, replaced: 0, keys: keys.length };
  for (let n = 0; n < keys.length; n++) {
    const k = keys[n];
    const end = n + 1 < keys.length ? keys[n + 1].t : Infinity;
    const window = log.ghosts.filter((g) => g.dom >= k.t && g.dom < end);
    // A suggestion shows up when text appears after none was on screen, or when the text on screen is replaced by
    // one that is not what VS Code keeps while the user types through a suggestion (a suffix of the one before).
    let absent = k.ghostBefore === '';
    let appeared: (typeof window)[number] | undefined;
    let replaced = false;
    for (const g of window) {
      if (g.text === '') { absent = true; continue; }
      if (absent || !k.ghostBefore.endsWith(g.text)) { appeared = g; replaced = !absent; break; }
    }
    if (!appeared) {
      if (k.ghostBefore !== '' && !window.some((g) => g.text === '')) out.kept++;
      continue;
    }
    if (replaced) out.replaced++;
    const sent = requests.filter((r) => r.at > epoch(k.t) && r.at < epoch(appeared.dom));
    const last = sent[sent.length - 1];
    const category: Category = !last ? 'hit' : modeAt(k.i);
    let via: BSample['via'];
    if (category === 'hit') {
      const before = requests.filter((r) => r.at < epoch(k.t) && r.at > epoch(k.t) - 1000);
      const prev = before[before.length - 1];
      via = prev && !log.ghosts.some((g) => g.text !== '' && epoch(g.dom) > prev.at && g.dom < k.t) ? 'stream' : 'cache';
    }
    out.samples.push({
      key: k.i, category, via, chars: appeared.text.length, domMs: appeared.dom - k.t, paintedMs: (appeared.painted > 0 ? appeared.painted : appeared.dom) - k.t,
      inputQueueMs: k.t - k.ts, sentMs: last ? last.at - epoch(k.t) : undefined,
      endedMs: last?.end !== undefined ? last.end - epoch(k.t) : undefined,
    });
  }
  return out;
}

/** Benchmark A's misses: keystroke → the request seen by the tap, and → its response's end (A's clock is the bench
 * process's; `timeOrigin` turns it into epoch ms). */
export function aMissTimes(shown: Array<{ keyAt: number; resultAt: number; source: string }>, requests: TappedRequest[],
  timeOrigin: number): Array<{ sentMs: number; endedMs?: number } | undefined> {
  return shown.map((s) => {
    if (s.source !== 'request') return undefined;
    const sent = requests.filter((r) => r.at > timeOrigin + s.keyAt && r.at < timeOrigin + s.resultAt);
    const last = sent[sent.length - 1];
    if (!last) return undefined;
    const key = timeOrigin + s.keyAt;
    return { sentMs: last.at - key, endedMs: last.end === undefined ? undefined : last.end - key };
  });
}

export function pct(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] * 10) / 10;
}

export const dist = (v: number[]) => ({ n: v.length, p50: pct(v, 50), p95: pct(v, 95) });
