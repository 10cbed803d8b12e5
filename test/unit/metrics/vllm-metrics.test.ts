// vLLM /metrics: running/waiting, KV-cache usage (new and old names), TTFT p50/p95 overall and between two
// scrapes, tokens/s between two scrapes. The exposition below follows vLLM's V1 output (engine and
// model_name labels, prometheus_client float formatting); the numbers are made up for the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readVllmScrape, summarizeVllm } from '../../../src/core/metrics/vllm-metrics';
import { MetricsParseError } from '../../../src/core/metrics/prometheus-text';

const TTFT_BOUNDS = ['0.001', '0.005', '0.01', '0.02', '0.04', '0.06', '0.08', '0.1', '0.25', '0.5', '0.75', '1.0', '2.5', '5.0', '+Inf'];

function scrape(o: { running: number; waiting: number; kv: number; tokens: number; ttft: number[]; oldKvName?: boolean }): string {
  const m = 'engine="0",model_name="deepseek-coder"';
  const kvName = o.oldKvName ? 'vllm:gpu_cache_usage_perc' : 'vllm:kv_cache_usage_perc';
  return [
    '# HELP python_gc_objects_collected_total Objects collected during gc',
    '# TYPE python_gc_objects_collected_total counter',
    'python_gc_objects_collected_total{generation="0"} 12345.0',
    '# HELP vllm:num_requests_running Number of requests in model execution batches.',
    '# TYPE vllm:num_requests_running gauge',
    `vllm:num_requests_running{${m}} ${o.running.toFixed(1)}`,
    '# HELP vllm:num_requests_waiting Number of requests waiting to be processed.',
    '# TYPE vllm:num_requests_waiting gauge',
    `vllm:num_requests_waiting{${m}} ${o.waiting.toFixed(1)}`,
    `# HELP ${kvName} KV-cache usage. 1 means 100 percent usage.`,
    `# TYPE ${kvName} gauge`,
    `${kvName}{${m}} ${o.kv}`,
    '# HELP vllm:generation_tokens_total Number of generation tokens processed.',
    '# TYPE vllm:generation_tokens_total counter',
    `vllm:generation_tokens_total{${m}} ${o.tokens.toFixed(1)}`,
    '# HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.',
    '# TYPE vllm:time_to_first_token_seconds histogram',
    ...TTFT_BOUNDS.map((le, i) => `vllm:time_to_first_token_seconds_bucket{${m.replace(',model_name', `,le="${le}",model_name`)}} ${o.ttft[i].toFixed(1)}`),
    `vllm:time_to_first_token_seconds_count{${m}} ${o.ttft[o.ttft.length - 1].toFixed(1)}`,
    `vllm:time_to_first_token_seconds_sum{${m}} 12.5`,
    '',
  ].join('\n');
}

// cumulative counts per bound above: 100 requests, 50th in (0.06, 0.08], 95th in (0.25, 0.5]
const TTFT_A = [0, 0, 0, 10, 30, 40, 60, 80, 90, 98, 100, 100, 100, 100, 100];
// 20 more requests, all slow: between 0.5 and 0.75 s
const TTFT_B = [0, 0, 0, 10, 30, 40, 60, 80, 90, 98, 120, 120, 120, 120, 120];

test('gauges, labels and the histogram are read from one scrape', () => {
  const s = readVllmScrape(scrape({ running: 3, waiting: 7, kv: 0.42, tokens: 1000, ttft: TTFT_A }));
  assert.deepEqual(s.modelNames, ['deepseek-coder']);
  assert.equal(s.running, 3);
  assert.equal(s.waiting, 7);
  assert.equal(s.kvCacheUsage, 0.42);
  assert.equal(s.generationTokensTotal, 1000);
  assert.equal(s.ttftBuckets?.length, 15);
  assert.deepEqual(s.ttftBuckets?.[14], { le: Infinity, count: 100 });
});

test('the older vllm:gpu_cache_usage_perc is accepted', () => {
  assert.equal(readVllmScrape(scrape({ running: 0, waiting: 0, kv: 0.1, tokens: 0, ttft: TTFT_A, oldKvName: true })).kvCacheUsage, 0.1);
});

test('overall TTFT p50/p95 and, between two scrapes, windowed TTFT and tokens/s', () => {
  const a = { scrape: readVllmScrape(scrape({ running: 3, waiting: 0, kv: 0.4, tokens: 1000, ttft: TTFT_A })), timeMs: 10_000 };
  const b = { scrape: readVllmScrape(scrape({ running: 4, waiting: 1, kv: 0.5, tokens: 1450, ttft: TTFT_B })), timeMs: 12_000 };
  const first = summarizeVllm(a);
  // p50: rank 50 in (0.06, 0.08] with 40 below and 20 inside → 0.06 + 0.02 * 10/20
  assert.ok(Math.abs((first.ttftP50Seconds ?? NaN) - 0.07) < 1e-12);
  // p95: rank 95 in (0.25, 0.5] with 90 below and 8 inside → 0.25 + 0.25 * 5/8
  assert.ok(Math.abs((first.ttftP95Seconds ?? NaN) - (0.25 + 0.25 * 5 / 8)) < 1e-12);
  assert.equal(first.tokensPerSecond, null);
  assert.equal(first.windowTtftP50Seconds, null);
  const next = summarizeVllm(b, a);
  assert.equal(next.running, 4);
  assert.equal(next.waiting, 1);
  assert.equal(next.kvCacheUsagePercent, 50);
  assert.equal(next.tokensPerSecond, 225); // 450 tokens in 2 s
  // the 20 new requests all fall in (0.5, 0.75]: p50 = 0.5 + 0.25 * 10/20
  assert.equal(next.windowTtftP50Seconds, 0.625);
  assert.equal(next.windowTtftP95Seconds, 0.5 + 0.25 * 19 / 20);
});

test('a server restart (counters went down) gives null rates, not negative numbers', () => {
  const a = { scrape: readVllmScrape(scrape({ running: 3, waiting: 0, kv: 0.4, tokens: 5000, ttft: TTFT_B })), timeMs: 0 };
  const b = { scrape: readVllmScrape(scrape({ running: 0, waiting: 0, kv: 0, tokens: 10, ttft: TTFT_A })), timeMs: 1000 };
  const s = summarizeVllm(b, a);
  assert.equal(s.tokensPerSecond, null);
  assert.equal(s.windowTtftP50Seconds, null);
});

test('no new requests between scrapes gives null windowed TTFT and 0 tokens/s', () => {
  const text = scrape({ running: 0, waiting: 0, kv: 0, tokens: 1000, ttft: TTFT_A });
  const s = summarizeVllm({ scrape: readVllmScrape(text), timeMs: 2000 }, { scrape: readVllmScrape(text), timeMs: 1000 });
  assert.equal(s.windowTtftP50Seconds, null);
  assert.equal(s.tokensPerSecond, 0);
});

test('several engines are summed (requests) or maxed (KV cache); model_name filters', () => {
  const text = [
    'vllm:num_requests_running{engine="0",model_name="a"} 2.0',
    'vllm:num_requests_running{engine="1",model_name="a"} 3.0',
    'vllm:num_requests_running{engine="0",model_name="b"} 9.0',
    'vllm:kv_cache_usage_perc{engine="0",model_name="a"} 0.25',
    'vllm:kv_cache_usage_perc{engine="1",model_name="a"} 0.5',
  ].join('\n');
  const a = readVllmScrape(text, { modelName: 'a' });
  assert.deepEqual([a.running, a.kvCacheUsage, a.waiting, a.ttftBuckets, a.generationTokensTotal], [5, 0.5, null, null, null]);
  assert.equal(readVllmScrape(text).running, 14);
  assert.deepEqual(readVllmScrape(text).modelNames, ['a', 'b']);
});

test('an HTML error page instead of metrics is an error', () => {
  assert.throws(() => readVllmScrape('<html><body>502 Bad Gateway</body></html>'), MetricsParseError);
});
