import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationScheduler } from '../../../src/server/validation-scheduler';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const busy = (ms: number): void => { const end = performance.now() + ms; while (performance.now() < end) { /* a slow validation */ } };

test('a fast validation runs on every change, on the next tick (no timer)', async () => {
  let runs = 0;
  const s = new ValidationScheduler(() => { runs++; }, 75);
  s.now('a');
  await tick();
  assert.equal(runs, 1, 'open validates at once');
  for (let i = 0; i < 5; i++) {
    await sleep(2); // longer than twice a run that takes microseconds
    s.changed('a');
    await tick();
    assert.equal(runs, i + 2, `change ${i} ran on the next tick`);
  }
  s.dispose();
});

test('edits queued behind a slow validation are taken together, and the newest one is validated', async () => {
  let runs = 0;
  let version = 0;
  let lastSeen = -1;
  const s = new ValidationScheduler(() => { runs++; lastSeen = version; busy(40); }, 75);
  s.now('a');
  await tick();
  assert.equal(runs, 1);
  // Right after the 40 ms run, 20 edits arrive one event-loop turn apart (as queued messages do).
  for (version = 1; version <= 20; version++) {
    s.changed('a');
    await tick();
  }
  version = 20;
  await sleep(150);
  assert.equal(runs, 2, 'one more run for the whole burst');
  assert.equal(lastSeen, 20);
  s.dispose();
});

test('a document that was closed is not validated any more', async () => {
  let runs = 0;
  const s = new ValidationScheduler(() => { runs++; }, 75);
  s.now('a');
  s.forget('a');
  await sleep(20);
  assert.equal(runs, 0);
});
