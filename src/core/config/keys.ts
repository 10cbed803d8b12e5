/** Key spelling in a `vllm serve --config` file, and "did you mean" suggestions. */
import { editDistance } from '../edit-distance';

/**
 * vLLM rewrites `_` to `-` in the part of an option before the first `.` (vllm/utils/argparse_utils.py:301-321),
 * so `max_num_seqs` and `max-num-seqs` are the same key.
 */
export function normalizeServeKey(key: string): string {
  const dot = key.indexOf('.');
  return dot === -1 ? key.replace(/_/g, '-') : key.slice(0, dot).replace(/_/g, '-') + key.slice(dot);
}

/** Does the file spell keys with underscores? Used to keep a quick fix in the file's own style. */
export function prefersUnderscore(keys: string[]): boolean {
  let u = 0;
  let d = 0;
  for (const k of keys) {
    if (k.includes('_')) u++;
    if (k.includes('-')) d++;
  }
  return u > d;
}

export function styleKey(key: string, underscore: boolean): string {
  return underscore ? key.replace(/-/g, '_') : key;
}

const memo = new Map<string, string[]>();

/** Up to `limit` candidates close to `word` (case-insensitive), best first. Results are memoized per list. */
export function didYouMean(word: string, candidates: readonly string[], limit = 3): string[] {
  const memoKey = `${limit}|${candidates.length}|${candidates[0] ?? ''}|${word}`;
  const hit = memo.get(memoKey);
  if (hit) return hit;
  const w = word.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    const max = Math.max(2, Math.floor(Math.max(w.length, lc.length) / 3));
    const contains = lc.includes(w) && w.length >= 3;
    if (!contains && Math.abs(lc.length - w.length) > max) continue;
    let d = contains ? 1 + (lc.length - w.length) / 10 : Infinity;
    if (!contains || d > 1) d = Math.min(d, editDistance(w, lc, max));
    if (d <= max) scored.push([c, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]));
  const out = scored.slice(0, limit).map((s) => s[0]);
  if (memo.size > 500) memo.clear();
  memo.set(memoKey, out);
  return out;
}
