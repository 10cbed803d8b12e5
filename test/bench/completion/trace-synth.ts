/**
 * Synthesized typing traces: a source file typed top-down with log-normal gaps (median ~180 ms), bursts, pauses
 * at line ends (compressed to ≤ 2 s), typos fixed with backspace, and auto-indent after Enter. Accepts are decided
 * during replay (they depend on the suggestion shown). Deterministic for a seed.
 */
/**
 * `pos`: how many characters of the final text the document holds after this key, or -1 for a typo; a typo's
 * `at` is the offset it was made at (it and its backspace are skipped when an accepted suggestion covered it).
 */
export type TraceEvent =
  | { gapMs: number; kind: 'type'; text: string; pos: number; at?: number }
  | { gapMs: number; kind: 'backspace' };

/** mulberry32: a small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function logNormal(r: () => number, median: number, sigma: number): number {
  const u = Math.max(1e-9, r());
  const v = r();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * z);
}

export function synthesizeTrace(finalText: string, seed: number, maxKeys = Infinity): TraceEvent[] {
  const r = rng(seed);
  const events: TraceEvent[] = [];
  let burst = 0;
  let pos = 0;
  while (pos < finalText.length && events.length < maxKeys) {
    let gap = burst > 0 ? logNormal(r, 90, 0.3) : logNormal(r, 180, 0.5);
    if (burst > 0) burst--;
    else if (r() < 0.05) burst = 5 + Math.floor(r() * 10);
    // A pause at a line start (after Enter and its auto-indent) now and then.
    const lineStart = pos > 0 && /^[ \t]*$/.test(finalText.slice(finalText.lastIndexOf('\n', pos - 1) + 1, pos));
    if (lineStart && r() < 0.15) gap += 500 + r() * 3500;
    gap = Math.min(gap, 2000); // compress long pauses
    const ch = finalText[pos];
    if (ch !== '\n' && /[a-z]/i.test(ch) && r() < 0.03) {
      events.push({ gapMs: gap, kind: 'type', text: String.fromCharCode(97 + Math.floor(r() * 26)), pos: -1, at: pos });
      events.push({ gapMs: logNormal(r, 250, 0.3), kind: 'backspace' });
      gap = logNormal(r, 150, 0.3);
    }
    if (ch === '\n') {
      // Enter plus the editor's auto-indent: one edit.
      let end = pos + 1;
      while (end < finalText.length && (finalText[end] === ' ' || finalText[end] === '\t')) end++;
      events.push({ gapMs: gap, kind: 'type', text: finalText.slice(pos, end), pos: end });
      pos = end;
    } else {
      events.push({ gapMs: gap, kind: 'type', text: ch, pos: pos + 1 });
      pos++;
    }
  }
  return events;
}
