import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationScheduler } from '../../../src/server/validation-scheduler';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const ticks = async (n: number): Promise<void> => { for (let i = 0; i < n; i++) await tick(); };
const busy = (ms: number): void => { const end = performance.now() + ms; while (performance.now() < end) { /* a slow validation */ } };

test('a fast validation runs on every change, within a few event-loop turns (no timer)', async () => {
  let runs = 0;
  const s = new ValidationScheduler(() => { runs++; }, 75);
  s.now('a');
  await tick();
  assert.equal(runs, 1, 'open validates on the next turn');
  for (let i = 0; i < 5; i++) {
    s.changed('a');
    await ticks(3);
    assert.equal(runs, i + 2, `change ${i} ran within 3 turns`);
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
  // Right after the 40 ms run, 20 edits arrive one event-loop turn apart (as vscode-jsonrpc hands over queued messages).
  for (version = 1; version <= 20; version++) {
    s.changed('a');
    await tick();
  }
  version = 20;
  await ticks(5);
  assert.equal(runs, 2, 'one more run for the whole burst');
  assert.equal(lastSeen, 20);
  s.dispose();
});

// Fails with the scheduler this replaced: it waited 2 × the last run's wall-clock time (capped at the debounce)
// after every run, so a run that was slow in wall-clock terms (waiting for a CPU, or for the client's settings)
// made the next edit wait too.
test('a slow run in wall-clock time does not delay the next edit', async () => {
  let runs = 0;
  const s = new ValidationScheduler(async () => { runs++; if (runs === 1) await sleep(150); }, 1000);
  s.now('a');
  await tick();
  assert.equal(runs, 1);
  await sleep(160); // the first run has ended, 150 ms of wall-clock time after it started
  s.changed('a');
  await ticks(3);
  assert.equal(runs, 2, 'the edit after a slow run is validated within 3 turns, not after a window');
  s.dispose();
});

test('the wait is bounded: edits arriving on every turn still get a run within maxWaitMs', async () => {
  let runs = 0;
  const s = new ValidationScheduler(() => { runs++; }, 30);
  const start = performance.now();
  let firstRunAt = Infinity;
  while (performance.now() - start < 300) {
    s.changed('a');
    await tick();
    if (runs > 0 && firstRunAt === Infinity) firstRunAt = performance.now() - start;
  }
  assert.ok(runs >= 2, `ran ${runs} times during 300 ms of edits on every turn`);
  // Bounded by the cap (30 ms) plus whatever one event-loop turn costs on a loaded machine.
  assert.ok(firstRunAt < 200, `first run after ${firstRunAt.toFixed(1)} ms`);
  s.dispose();
});

test('changes to one document do not hold back another', async () => {
  const ran: string[] = [];
  const s = new ValidationScheduler((uri) => { ran.push(uri); }, 1000);
  s.changed('a');
  s.changed('b');
  s.changed('a');
  await tick();
  s.changed('a');
  await ticks(3);
  assert.ok(ran.includes('b'), 'b ran although a kept changing');
  await ticks(3);
  assert.deepEqual([...ran].sort(), ['a', 'b']);
  s.dispose();
});

test('a document that was closed is not validated any more', async () => {
  let runs = 0;
  const s = new ValidationScheduler(() => { runs++; }, 75);
  s.now('a');
  s.changed('a');
  s.forget('a');
  await ticks(5);
  assert.equal(runs, 0);
});

test('a run that throws or rejects does not stop later runs', async () => {
  let runs = 0;
  const s = new ValidationScheduler((): Promise<void> | void => {
    runs++;
    if (runs === 1) throw new Error('boom');
    if (runs === 2) return Promise.reject(new Error('boom'));
  }, 75);
  s.now('a');
  await tick();
  s.changed('a');
  await ticks(3);
  s.changed('a');
  await ticks(3);
  assert.equal(runs, 3);
  s.dispose();
});
