import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeltaEncoder, type EncodedSample } from '../../../src/core/monitor/delta-encoder';
import { HistoryWindow } from '../../../src/core/monitor/history-window';
import type { ChipSnapshot } from '../../../src/core/monitor/snapshot-types';

function chip(npuId: number, aicore: number, tempC = 40): ChipSnapshot {
  return { npuId, chipId: 0, deviceId: null, name: '910B4', health: 'OK', powerW: 90, tempC, hugepages: null,
    busId: null, aicorePercent: aicore, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 16384, total: 32768 } };
}
function sample(timeMs: number, chips: ChipSnapshot[], extra: Partial<EncodedSample> = {}): EncodedSample {
  return { timeMs, version: '25.0.rc1.1', chips, processes: [], alerts: [], server: null, ...extra };
}

test('the first delta is a reset with every chip, the processes, alerts and server state', () => {
  const enc = new DeltaEncoder();
  const d = enc.encode(sample(1000, [chip(0, 10), chip(1, 20)]));
  assert.equal(d.reset, true);
  assert.equal(d.seq, 0);
  assert.deepEqual(d.chips?.map((c) => c.npuId), [0, 1]);
  assert.deepEqual(d.processes, []);
  assert.deepEqual(d.alerts, []);
  assert.equal(d.server, null);
  assert.equal(d.version, '25.0.rc1.1');
});

test('later deltas carry only chips whose values changed, and nothing unchanged', () => {
  const enc = new DeltaEncoder();
  enc.encode(sample(1000, [chip(0, 10), chip(1, 20)]));
  const same = enc.encode(sample(2000, [chip(0, 10), chip(1, 20)]));
  assert.deepEqual(same, { seq: 1, reset: false, timeMs: 2000 });
  const one = enc.encode(sample(3000, [chip(0, 10), chip(1, 21)]));
  assert.deepEqual(one.chips, [chip(1, 21)]);
  assert.equal(one.processes, undefined);
  assert.equal(one.seq, 2);
});

test('key order does not count as a change', () => {
  const enc = new DeltaEncoder();
  enc.encode(sample(1000, [chip(0, 10)]));
  const reordered = Object.fromEntries(Object.entries(chip(0, 10)).reverse()) as unknown as ChipSnapshot;
  assert.equal(enc.encode(sample(2000, [reordered])).chips, undefined);
});

test('removed chips, changed processes, alerts and server metrics are sent once', () => {
  const enc = new DeltaEncoder();
  enc.encode(sample(1000, [chip(0, 10), chip(1, 20)]));
  const proc = { npuId: 0, chipId: 0, pid: 4242, name: 'python', memoryMB: 100, containerPid: null, container: 'c', deployment: 'd' };
  const alert = { id: 'temperature-high:0:0', kind: 'temperature-high', severity: 'warning' as const, npuId: 0, chipId: 0, message: 'hot', advice: 'cool' };
  const server = { running: 1, waiting: 0, kvCacheUsagePercent: 5, ttftP50Seconds: 0.1, ttftP95Seconds: 0.2, tokensPerSecond: 30 };
  const d = enc.encode(sample(2000, [chip(0, 10)], { processes: [proc], alerts: [alert], server }));
  assert.deepEqual(d.removed, ['1:0']);
  assert.deepEqual(d.processes, [proc]);
  assert.deepEqual(d.alerts, [alert]);
  assert.deepEqual(d.server, server);
  const again = enc.encode(sample(3000, [chip(0, 10)], { processes: [proc], alerts: [alert], server }));
  assert.deepEqual(again, { seq: 2, reset: false, timeMs: 3000 });
  const cleared = enc.encode(sample(4000, [chip(0, 10)], { processes: [proc], alerts: [], server: null }));
  assert.deepEqual(cleared.alerts, []);
  assert.equal(cleared.server, null);
});

test('reset() makes the next delta a full state with the history backfill', () => {
  const enc = new DeltaEncoder();
  const history = new HistoryWindow();
  for (let i = 0; i < 5; i++) {
    const chips = [chip(0, i * 10, 40 + i)];
    history.append(1000 * i, chips);
    enc.encode(sample(1000 * i, chips), history);
  }
  enc.reset();
  const chips = [chip(0, 50, 45)];
  history.append(5000, chips);
  const d = enc.encode(sample(5000, chips), history);
  assert.equal(d.reset, true);
  assert.deepEqual(d.chips, chips);
  assert.deepEqual(d.history?.times, [0, 1000, 2000, 3000, 4000, 5000]);
  assert.deepEqual(d.history?.series['0:0'].aicore, [0, 10, 20, 30, 40, 50]);
  assert.deepEqual(d.history?.series['0:0'].temp, [40, 41, 42, 43, 44, 45]);
  assert.deepEqual(d.history?.series['0:0'].memory, [50, 50, 50, 50, 50, 50]);
});

test('history keeps ten minutes by sample time, whatever the rate', () => {
  const h = new HistoryWindow();
  for (let t = 0; t <= 20 * 60_000; t += 10_000) h.append(t, [chip(0, 1)]); // hidden polling, 10 s
  for (let t = 20 * 60_000 + 1000; t <= 25 * 60_000; t += 1000) h.append(t, [chip(0, 2)]); // then 1 Hz
  const b = h.backfill(['0:0', '9:0']);
  assert.equal(b.times[0], 15 * 60_000);
  assert.equal(b.times.at(-1), 25 * 60_000);
  assert.equal(b.times.length, 31 + 300);
  assert.ok(b.series['9:0'].aicore.every((v) => v === null), 'a chip never seen has only gaps');
});

test('memory series uses HBM, or DDR where the chip has no HBM (310P)', () => {
  const h = new HistoryWindow();
  const p310: ChipSnapshot = { ...chip(32896, 0), hbmMB: null, memoryMB: { used: 1904, total: 44213 }, powerW: null };
  h.append(0, [p310]);
  const s = h.backfill(['32896:0']).series['32896:0'];
  assert.equal(s.memory[0], (1904 / 44213) * 100);
  assert.equal(s.power[0], null);
});
