import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PollScheduler, pollMode, type SchedulerStatus } from '../../../src/core/monitor/poll-scheduler';
import { FakeClock, settle } from '../../support/fake-clock';

function setup(tick: () => Promise<void> = async () => {}) {
  const clock = new FakeClock();
  const starts: number[] = [];
  const statuses: SchedulerStatus[] = [];
  const scheduler = new PollScheduler({
    visibleMs: 1000, hiddenMs: 10_000, maxBackoffMs: 30_000, timers: clock,
    tick: async () => { starts.push(clock.time); await tick(); },
    onStatus: (s) => statuses.push(s),
  });
  return { clock, starts, statuses, scheduler };
}

test('pollMode: visible panel polls fast, hidden polls slowly only with the status bar on', () => {
  assert.equal(pollMode(true, false), 'visible');
  assert.equal(pollMode(true, true), 'visible');
  assert.equal(pollMode(false, true), 'hidden');
  assert.equal(pollMode(false, false), 'off');
});

test('visible mode samples at once, then every visibleMs', async () => {
  const { clock, starts, scheduler } = setup();
  scheduler.setMode('visible');
  await clock.advance(5000);
  assert.deepEqual(starts, [0, 1000, 2000, 3000, 4000, 5000]);
});

test('hidden mode samples every hiddenMs; switching to visible re-times the next tick', async () => {
  const { clock, starts, scheduler } = setup();
  scheduler.setMode('hidden');
  await clock.advance(25_000);
  assert.deepEqual(starts, [0, 10_000, 20_000]);
  await clock.advance(500); // t = 25.5 s: last tick started 5.5 s ago, longer than the visible interval
  scheduler.setMode('visible');
  await clock.advance(0);
  assert.deepEqual(starts.slice(3), [25_500]);
  await clock.advance(2000);
  assert.deepEqual(starts.slice(3), [25_500, 26_500, 27_500]);
});

test('off stops sampling entirely and leaves no timer behind', async () => {
  const { clock, starts, statuses, scheduler } = setup();
  scheduler.setMode('visible');
  await clock.advance(1500);
  scheduler.setMode('off');
  assert.equal(clock.timerCount, 0);
  await clock.advance(60_000);
  assert.deepEqual(starts, [0, 1000]);
  assert.equal(statuses.at(-1)?.state, 'stopped');
});

test('a slow sample delays the next one instead of overlapping it', async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const clock = new FakeClock();
  const starts: number[] = [];
  const scheduler = new PollScheduler({
    visibleMs: 1000, hiddenMs: 10_000, timers: clock,
    tick: () => {
      starts.push(clock.time);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise((resolve) => clock.setTimeout(() => { inFlight--; resolve(); }, 2500));
    },
  });
  scheduler.setMode('visible');
  await clock.advance(8000);
  assert.equal(maxInFlight, 1);
  assert.deepEqual(starts, [0, 2500, 5000, 7500]);
});

test('failures back off exponentially with the reason, capped, and recover on success', async () => {
  let fail = true;
  const { clock, starts, statuses, scheduler } = setup(async () => {
    if (fail) throw new Error('ssh: connection refused');
  });
  scheduler.setMode('visible');
  await clock.advance(0);
  assert.equal(scheduler.status.state, 'backoff');
  assert.equal(scheduler.status.reason, 'ssh: connection refused');
  assert.equal(scheduler.status.retryInMs, 2000);
  await clock.advance(2000 + 4000 + 8000 + 16_000 + 30_000 + 30_000);
  assert.deepEqual(starts, [0, 2000, 6000, 14_000, 30_000, 60_000, 90_000]);
  assert.equal(scheduler.status.failures, 7);
  assert.equal(scheduler.status.retryInMs, 30_000);
  fail = false;
  await clock.advance(30_000);
  assert.equal(scheduler.status.state, 'ok');
  assert.equal(scheduler.status.reason, null);
  assert.equal(scheduler.status.failures, 0);
  await clock.advance(2000);
  assert.deepEqual(starts.slice(-3), [120_000, 121_000, 122_000]);
  assert.ok(statuses.some((s) => s.state === 'backoff' && s.reason === 'ssh: connection refused'));
});

test('pollNow skips the backoff wait', async () => {
  const { clock, starts, scheduler } = setup(async () => { throw new Error('down'); });
  scheduler.setMode('visible');
  await clock.advance(100);
  scheduler.pollNow();
  await settle();
  assert.deepEqual(starts, [0, 100]);
});

test('dispose cancels the pending tick', async () => {
  const { clock, starts, scheduler } = setup();
  scheduler.setMode('visible');
  await clock.advance(0);
  scheduler.dispose();
  await clock.advance(10_000);
  assert.deepEqual(starts, [0]);
  assert.equal(clock.timerCount, 0);
});
