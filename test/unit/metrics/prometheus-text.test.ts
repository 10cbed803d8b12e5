// The Prometheus text exposition parser and histogram quantiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricsParseError, parsePrometheusText, promValue } from '../../../src/core/metrics/prometheus-text';
import { bucketDelta, histogramBuckets, histogramQuantile } from '../../../src/core/metrics/histogram';

test('samples with labels, escapes, exponents, special values and timestamps', () => {
  const expo = parsePrometheusText([
    '# HELP http_requests_total The total.',
    '# TYPE http_requests_total counter',
    'http_requests_total{method="post",code="200"} 1027 1395066363000',
    'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
    'plain 3',
    'spaced { a = "x" , } +Inf',
    'nan_metric NaN',
    '',
  ].join('\n'));
  assert.deepEqual(expo.types, { http_requests_total: 'counter' });
  assert.deepEqual(expo.samples.slice(0, 3), [
    { name: 'http_requests_total', labels: { method: 'post', code: '200' }, value: 1027 },
    { name: 'msdos_file_access_time_seconds', labels: { path: 'C:\\DIR\\FILE.TXT', error: 'Cannot find file:\n"FILE.TXT"' }, value: 1458255915 },
    { name: 'plain', labels: {}, value: 3 },
  ]);
  assert.deepEqual(expo.samples[3], { name: 'spaced', labels: { a: 'x' }, value: Infinity });
  assert.ok(Number.isNaN(expo.samples[4].value));
});

test('promValue accepts only Prometheus floats', () => {
  assert.equal(promValue('-Inf'), -Infinity);
  assert.equal(promValue('.5'), 0.5);
  assert.equal(promValue('1e-3'), 0.001);
  assert.equal(promValue('12abc'), undefined);
  assert.equal(promValue(''), undefined);
});

test('malformed lines throw MetricsParseError with the line number', () => {
  for (const [text, line] of [
    ['ok 1\n{bad} 1', 2],
    ['m{a="x} 1', 1],
    ['m{a=x} 1', 1],
    ['m 1 2 3', 1],
    ['m abc', 1],
    ['m', 1],
    ['<html>', 1],
  ] as const) {
    assert.throws(() => parsePrometheusText(text), (e: unknown) => e instanceof MetricsParseError && e.line === line, text);
  }
});

test('buckets are summed over label sets and sorted; quantiles interpolate like histogram_quantile', () => {
  const expo = parsePrometheusText([
    'h_bucket{engine="0",le="0.1"} 2',
    'h_bucket{engine="0",le="0.5"} 6',
    'h_bucket{engine="0",le="+Inf"} 8',
    'h_bucket{engine="1",le="0.5"} 4',
    'h_bucket{engine="1",le="0.1"} 2',
    'h_bucket{engine="1",le="+Inf"} 4',
  ].join('\n'));
  const b = histogramBuckets(expo, 'h');
  assert.deepEqual(b, [{ le: 0.1, count: 4 }, { le: 0.5, count: 10 }, { le: Infinity, count: 12 }]);
  assert.ok(b);
  // rank 6 of 12 lies in (0.1, 0.5]: 0.1 + 0.4 * (6 - 4) / (10 - 4)
  assert.equal(histogramQuantile(0.5, b), 0.1 + 0.4 * (2 / 6));
  // rank 2 of 12 lies in [0, 0.1]: 0.1 * 2 / 4
  assert.equal(histogramQuantile(1 / 6, b), 0.05);
  // rank 11.4 falls in +Inf: the highest finite bound
  assert.equal(histogramQuantile(0.95, b), 0.5);
  assert.equal(histogramBuckets(expo, 'h', (l) => l.engine === '1')?.[2].count, 4);
  assert.equal(histogramBuckets(expo, 'other'), null);
});

test('no observations or no +Inf bucket gives null, not 0', () => {
  assert.equal(histogramQuantile(0.5, [{ le: 1, count: 0 }, { le: Infinity, count: 0 }]), null);
  assert.equal(histogramQuantile(0.5, [{ le: 1, count: 3 }]), null);
  assert.equal(histogramQuantile(0.5, []), null);
});

test('bucketDelta subtracts per bucket and refuses counter resets', () => {
  const prev = [{ le: 0.1, count: 4 }, { le: Infinity, count: 5 }];
  assert.deepEqual(bucketDelta([{ le: 0.1, count: 6 }, { le: Infinity, count: 9 }], prev), [{ le: 0.1, count: 2 }, { le: Infinity, count: 4 }]);
  assert.equal(bucketDelta([{ le: 0.1, count: 1 }, { le: Infinity, count: 1 }], prev), null);
  assert.equal(bucketDelta([{ le: Infinity, count: 9 }], prev), null);
});
