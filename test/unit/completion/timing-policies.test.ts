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

test('debounce waits out a typing burst (next key due one gap after the last), and adds nothing outside bursts', () => {
  const d = new AdaptiveDebounce(75);
  for (const at of [0, 90, 180, 270, 360]) d.noteKey(at);
  // VS Code calls 50 ms after the last key; the next one is due at ~360 + 1.25 × 90.
  assert.equal(d.delayMs(410), Math.round(360 + 1.25 * 90 - 410));
  assert.equal(d.delayMs(500), 0, 'past the due time');
  const slow = new AdaptiveDebounce(75);
  for (const at of [0, 200, 380, 600, 790]) slow.noteKey(at);
  assert.equal(slow.delayMs(840), 0, 'normal typing (gaps ~190 ms)');
  const fast = new AdaptiveDebounce(75);
  for (const at of [0, 40, 80, 120, 160]) fast.noteKey(at);
  assert.ok(fast.delayMs(161) <= 75, 'capped');
  const paused = new AdaptiveDebounce(75);
  for (const at of [0, 90, 5000, 5090]) paused.noteKey(at);
  assert.equal(paused.delayMs(5140), 0, 'a pause is not a gap; two gaps are not enough to call it a burst');
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
