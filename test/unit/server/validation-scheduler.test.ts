import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationScheduler } from '../../../src/server/validation-scheduler';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const ticks = async (n: number): Promise<void> => { for (let i = 0; i < n; i++) await tick(); };
/** The scheduler's clock: time moves only when a test says so (a "slow" run advances it). */
const fakeClock = (): { now: () => number; advance: (ms: number) => void } => {
  let t = 0;
  return { now: () => t, advance: (ms) => { t += ms; } };
};

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
  const clock = fakeClock();
  const s = new ValidationScheduler(() => { runs++; lastSeen = version; clock.advance(40); }, 75, clock.now);
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
  let finish: () => void = () => undefined;
  const clock = fakeClock();
  const s = new ValidationScheduler(() => {
    runs++;
    return runs === 1 ? new Promise<void>((r) => { finish = r; }) : undefined;
  }, 1000, clock.now);
  s.now('a');
  await tick();
  assert.equal(runs, 1);
  clock.advance(150); // the first run takes 150 ms (waiting for the client's settings, or for a CPU)…
  finish();
  await tick();
  s.changed('a');
  await ticks(3);
  assert.equal(runs, 2, 'the edit after a slow run is validated within 3 turns, not after a window');
  s.dispose();
});

test('the wait is bounded: edits arriving on every turn still get a run within maxWaitMs', async () => {
  let runs = 0;
  const clock = fakeClock();
  const s = new ValidationScheduler(() => { runs++; }, 30, clock.now);
  let firstRunAt = Infinity;
  for (let turn = 0; turn < 60; turn++) {
    s.changed('a');
    await tick();
    clock.advance(5); // an edit every turn, 5 ms apart
    if (runs > 0 && firstRunAt === Infinity) firstRunAt = clock.now();
  }
  assert.ok(runs >= 2, `ran ${runs} times during 300 ms of edits on every turn`);
  assert.ok(firstRunAt <= 40, `first run at ${firstRunAt} ms of clock time (cap 30 ms + one turn)`);
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
