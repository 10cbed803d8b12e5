import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveDebounce } from '../../../src/core/completion/adaptive-debounce';
import { RetryBackoff } from '../../../src/core/completion/retry-backoff';
import { LatencyWindow } from '../../../src/core/completion/latency-window';

test('debounce starts at 0, grows towards 75 ms while requests are superseded, falls back when they are used', () => {
  const d = new AdaptiveDebounce(75);
  assert.equal(d.delayMs(), 0);
  for (let i = 0; i < 30; i++) d.record(true);
  assert.ok(d.delayMs() > 70 && d.delayMs() <= 75, String(d.delayMs()));
  for (let i = 0; i < 30; i++) d.record(false);
  assert.ok(d.delayMs() < 5, String(d.delayMs()));
  const off = new AdaptiveDebounce(0);
  off.record(true);
  assert.equal(off.delayMs(), 0);
});

test('backoff: wait doubles, one probe after the wait, success resets', () => {
  let now = 0;
  const b = new RetryBackoff(500, 4000, () => now);
  assert.ok(b.tryAcquire());
  assert.equal(b.onFailure(), 500);
  assert.equal(b.tryAcquire(), false);
  now = 499;
  assert.equal(b.tryAcquire(), false);
  now = 500;
  assert.equal(b.tryAcquire(), true, 'probe');
  assert.equal(b.tryAcquire(), false, 'only one probe at a time');
  assert.equal(b.onFailure(), 1000);
  now = 1500;
  assert.ok(b.tryAcquire());
  assert.equal(b.onFailure(), 2000);
  now = 3500;
  assert.ok(b.tryAcquire());
  assert.equal(b.onFailure(), 4000);
  now = 7500;
  assert.ok(b.tryAcquire());
  assert.equal(b.onFailure(), 4000, 'capped');
  now = 11500;
  assert.ok(b.tryAcquire());
  b.onSuccess();
  assert.ok(b.tryAcquire());
  assert.ok(b.tryAcquire());
});

test('rolling percentiles keep the last samples', () => {
  const w = new LatencyWindow(10);
  assert.equal(w.percentile(50), undefined);
  for (let i = 1; i <= 10; i++) w.add(i * 10);
  assert.equal(w.percentile(50), 50);
  assert.equal(w.percentile(95), 100);
  for (let i = 0; i < 10; i++) w.add(1);
  assert.equal(w.percentile(95), 1);
  assert.equal(w.count, 10);
});
