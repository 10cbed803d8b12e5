/**
 * The server metrics strip: what vLLM's `/metrics` says about load and latency. Names as vLLM
 * exports them (vLLM docs/design/metrics.md): `vllm:num_requests_running`, `vllm:num_requests_waiting`,
 * `vllm:kv_cache_usage_perc` (V1; older releases: `vllm:gpu_cache_usage_perc`, both a 0..1 fraction),
 * the `vllm:time_to_first_token_seconds` histogram and the `vllm:generation_tokens_total` counter.
 * Every series carries a `model_name` label (V1 adds `engine`); several engines are combined.
 */
import { bucketDelta, histogramBuckets, histogramQuantile, type HistogramBucket } from './histogram';
import { parsePrometheusText, type PromExposition } from './prometheus-text';

export const VLLM_METRIC = {
  running: 'vllm:num_requests_running',
  waiting: 'vllm:num_requests_waiting',
  kvCacheUsage: 'vllm:kv_cache_usage_perc',
  kvCacheUsageOld: 'vllm:gpu_cache_usage_perc',
  ttft: 'vllm:time_to_first_token_seconds',
  generationTokens: 'vllm:generation_tokens_total',
} as const;

/** One scrape, reduced to what the panel shows. Null where the server did not export the metric. */
export interface VllmScrape {
  /** Distinct `model_name` label values seen. */
  modelNames: string[];
  running: number | null;
  waiting: number | null;
  /** 0..1; the highest over engines, since any full engine stalls its requests. */
  kvCacheUsage: number | null;
  ttftBuckets: HistogramBucket[] | null;
  generationTokensTotal: number | null;
}

export interface VllmScrapeOptions {
  /** Keep only series whose `model_name` is this (series without the label are kept). */
  modelName?: string;
}

function sum(expo: PromExposition, name: string, accept: (l: Record<string, string>) => boolean): number | null {
  let total: number | null = null;
  for (const s of expo.samples) if (s.name === name && accept(s.labels)) total = (total ?? 0) + s.value;
  return total;
}

function max(expo: PromExposition, name: string, accept: (l: Record<string, string>) => boolean): number | null {
  let best: number | null = null;
  for (const s of expo.samples) if (s.name === name && accept(s.labels)) best = best === null ? s.value : Math.max(best, s.value);
  return best;
}

/** Reads one `/metrics` body. Throws MetricsParseError on a malformed exposition. */
export function readVllmScrape(text: string, options: VllmScrapeOptions = {}): VllmScrape {
  const expo = parsePrometheusText(text);
  const accept = (l: Record<string, string>): boolean =>
    options.modelName === undefined || l.model_name === undefined || l.model_name === options.modelName;
  const models = new Set<string>();
  for (const s of expo.samples) if (s.name.startsWith('vllm:') && s.labels.model_name !== undefined) models.add(s.labels.model_name);
  return {
    modelNames: [...models].sort(),
    running: sum(expo, VLLM_METRIC.running, accept),
    waiting: sum(expo, VLLM_METRIC.waiting, accept),
    kvCacheUsage: max(expo, VLLM_METRIC.kvCacheUsage, accept) ?? max(expo, VLLM_METRIC.kvCacheUsageOld, accept),
    ttftBuckets: histogramBuckets(expo, VLLM_METRIC.ttft, accept),
    generationTokensTotal: sum(expo, VLLM_METRIC.generationTokens, accept),
  };
}

export interface TimedScrape {
  scrape: VllmScrape;
  /** When the scrape was taken (ms, any monotonic clock). */
  timeMs: number;
}

export interface VllmSummary {
  running: number | null;
  waiting: number | null;
  /** 0..100. */
  kvCacheUsagePercent: number | null;
  /** Since the server started. */
  ttftP50Seconds: number | null;
  ttftP95Seconds: number | null;
  /** Between the previous scrape and this one; null without a previous scrape, with no new requests, or after a restart. */
  windowTtftP50Seconds: number | null;
  windowTtftP95Seconds: number | null;
  /** Generated tokens per second between the two scrapes; null without a previous scrape or after a counter reset. */
  tokensPerSecond: number | null;
}

/** What the strip shows, from the latest scrape and (for rates and windowed TTFT) the one before it. */
export function summarizeVllm(curr: TimedScrape, prev?: TimedScrape): VllmSummary {
  const c = curr.scrape;
  const buckets = c.ttftBuckets;
  const summary: VllmSummary = {
    running: c.running,
    waiting: c.waiting,
    kvCacheUsagePercent: c.kvCacheUsage === null ? null : c.kvCacheUsage * 100,
    ttftP50Seconds: buckets ? histogramQuantile(0.5, buckets) : null,
    ttftP95Seconds: buckets ? histogramQuantile(0.95, buckets) : null,
    windowTtftP50Seconds: null,
    windowTtftP95Seconds: null,
    tokensPerSecond: null,
  };
  if (!prev) return summary;
  const p = prev.scrape;
  if (buckets && p.ttftBuckets) {
    const delta = bucketDelta(buckets, p.ttftBuckets);
    if (delta) {
      summary.windowTtftP50Seconds = histogramQuantile(0.5, delta);
      summary.windowTtftP95Seconds = histogramQuantile(0.95, delta);
    }
  }
  const seconds = (curr.timeMs - prev.timeMs) / 1000;
  if (c.generationTokensTotal !== null && p.generationTokensTotal !== null && seconds > 0
      && c.generationTokensTotal >= p.generationTokensTotal) {
    summary.tokensPerSecond = (c.generationTokensTotal - p.generationTokensTotal) / seconds;
  }
  return summary;
}
