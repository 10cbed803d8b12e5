/**
 * Quantiles from a Prometheus histogram's cumulative `_bucket{le=…}` counts, the way PromQL's
 * `histogram_quantile` estimates them: linear interpolation inside the bucket that holds the rank.
 */
import type { PromExposition } from './prometheus-text';

/** One cumulative bucket: `count` observations were ≤ `le`. The last bucket is `le = Infinity`. */
export interface HistogramBucket {
  le: number;
  count: number;
}

/**
 * The buckets of histogram `family` (e.g. `vllm:time_to_first_token_seconds`), summed over every label set
 * that `accept` lets through (several engines, say). Null when the exposition has no such buckets.
 */
export function histogramBuckets(
  expo: PromExposition,
  family: string,
  accept: (labels: Record<string, string>) => boolean = () => true,
): HistogramBucket[] | null {
  const byLe = new Map<number, number>();
  for (const s of expo.samples) {
    if (s.name !== `${family}_bucket` || !accept(s.labels)) continue;
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    if (s.labels.le === undefined || Number.isNaN(le)) continue;
    byLe.set(le, (byLe.get(le) ?? 0) + s.value);
  }
  if (byLe.size === 0) return null;
  return [...byLe.entries()].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

/**
 * Observations made between two scrapes: `curr - prev` per bucket. Null if the bucket bounds differ or any
 * count went down (the server restarted, so the difference would be meaningless).
 */
export function bucketDelta(curr: HistogramBucket[], prev: HistogramBucket[]): HistogramBucket[] | null {
  if (curr.length !== prev.length) return null;
  const out: HistogramBucket[] = [];
  for (let i = 0; i < curr.length; i++) {
    if (curr[i].le !== prev[i].le || curr[i].count < prev[i].count) return null;
    out.push({ le: curr[i].le, count: curr[i].count - prev[i].count });
  }
  return out;
}

/**
 * The q-quantile (0..1) estimated from cumulative buckets, or null when there are no observations or no
 * `+Inf` bucket. If the rank falls in the `+Inf` bucket, the highest finite bound is returned (as PromQL does).
 */
export function histogramQuantile(q: number, buckets: HistogramBucket[]): number | null {
  if (buckets.length === 0 || q < 0 || q > 1) return null;
  const last = buckets[buckets.length - 1];
  if (last.le !== Infinity || last.count <= 0) return null;
  const rank = q * last.count;
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i];
    if (b.count < rank || b.count === 0) continue;
    if (b.le === Infinity) return i > 0 ? buckets[i - 1].le : null;
    const lower = i > 0 ? buckets[i - 1].le : Math.min(0, b.le);
    const below = i > 0 ? buckets[i - 1].count : 0;
    const inBucket = b.count - below;
    if (inBucket <= 0) return b.le;
    return lower + (b.le - lower) * ((rank - below) / inBucket);
  }
  return null;
}
