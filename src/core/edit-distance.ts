/** Levenshtein distance, for the "did you mean" suggestions of the config engine and the Python rules. */

/** The distance between `a` and `b`, giving up (returning cutoff + 1) once it must exceed `cutoff`. */
export function editDistance(a: string, b: string, cutoff = Infinity): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > cutoff) return cutoff + 1;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > cutoff) return cutoff + 1;
    prev = cur;
  }
  return prev[n];
}
