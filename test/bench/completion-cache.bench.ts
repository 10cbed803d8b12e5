// Completion cache lookup time at 50 vs 5,000 entries (no prefix scans: a linear scan would be ~100× slower at
// 100× the entries). Run: node --import tsx test/bench/completion-cache.bench.ts
import { CompletionCache, contextHash } from '../../src/core/completion/completion-cache';

const entry = { text: '(x);', mode: 'single' as const, afterOpener: false };
// 8 KB of shared context and line prefixes sharing a long start: the case that makes linear scans slow.
const hash = contextHash({ prefixAbove: 'x'.repeat(8 * 1024), lineSuffix: '', suffixBelow: '' });

function filled(n: number): { cache: CompletionCache; prefixes: string[] } {
  const cache = new CompletionCache({ capacity: n, forwardChars: 0, backwardChars: 0 });
  const prefixes: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = `const value_${i} = compute`;
    cache.store(hash, p, entry);
    prefixes.push(p);
  }
  return { cache, prefixes: prefixes.slice(-50) };
}

function nsPerLookup({ cache, prefixes }: { cache: CompletionCache; prefixes: string[] }, rounds: number): number {
  let hits = 0;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const p of prefixes) if (cache.lookup(hash, p)) hits++;
  if (hits === 0) throw new Error('no hits: the benchmark measures nothing');
  return Number(process.hrtime.bigint() - t0) / (rounds * prefixes.length);
}

console.log(`completion cache lookup, Node ${process.version}: best of 5 × 400 rounds over 50 prefixes`);
for (const n of [50, 500, 5000]) {
  const c = filled(n);
  nsPerLookup(c, 200); // warm-up
  const best = Math.min(...Array.from({ length: 5 }, () => nsPerLookup(c, 400)));
  console.log(`${String(n).padStart(5)} entries: ${best.toFixed(0).padStart(6)} ns/lookup`);
}
