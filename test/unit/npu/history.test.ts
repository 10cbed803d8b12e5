// Ring-buffered history and the deltas posted to the webview.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NpuHistory, HISTORY_CAPACITY } from '../../../src/core/npu/history';
import { NumberRing } from '../../../src/core/npu/ring-buffer';
import type { NpuChip, NpuSmiInfo } from '../../../src/core/npu/types';

const chip = (npuId: number, tempC: number | null, hbmUsed: number): NpuChip => ({
  npuId, chipId: 0, deviceId: null, name: '910B4', health: 'OK', powerW: 80 + npuId, tempC, hugepages: null,
  busId: null, aicorePercent: npuId * 10, memoryMB: { used: 0, total: 0 }, hbmMB: { used: hbmUsed, total: 32768 },
});
const snap = (...chips: NpuChip[]): NpuSmiInfo => ({ version: null, chips, processes: [] });

test('NumberRing keeps the newest values and stores null as "no reading"', () => {
  const r = new NumberRing(3);
  for (const v of [1, 2, null, 4]) r.push(v);
  assert.equal(r.length, 3);
  assert.deepEqual(r.slice(), [2, null, 4]);
  assert.deepEqual(r.slice(1), [null, 4]);
  assert.throws(() => new NumberRing(0), RangeError);
});

test('10 minutes at 1 Hz by default', () => {
  assert.equal(HISTORY_CAPACITY, 600);
  assert.equal(new NpuHistory().capacity, 600);
});

test('each record returns only its own point; the first one is a reset', () => {
  const h = new NpuHistory(5);
  const d0 = h.record(snap(chip(0, 33, 2654)), 1000);
  assert.deepEqual(d0, {
    fromSeq: 0, toSeq: 0, reset: true, times: [1000],
    series: { '0:0': { aicorePercent: [0], hbmUsedMB: [2654], memoryUsedMB: [0], powerW: [80], tempC: [33] } },
  });
  const d1 = h.record(snap(chip(0, 34, 2700)), 2000);
  assert.deepEqual(d1, {
    fromSeq: 1, toSeq: 1, reset: false, times: [2000],
    series: { '0:0': { aicorePercent: [0], hbmUsedMB: [2700], memoryUsedMB: [0], powerW: [80], tempC: [34] } },
  });
});

test('since() catches a webview up, and resets it when it fell out of the window', () => {
  const h = new NpuHistory(3);
  for (let i = 0; i < 5; i++) h.record(snap(chip(0, 30 + i, 1000 + i)), i * 1000);
  assert.equal(h.latestSeq, 4);
  const caughtUp = h.since(3);
  assert.deepEqual([caughtUp.fromSeq, caughtUp.toSeq, caughtUp.reset, caughtUp.times], [4, 4, false, [4000]]);
  assert.deepEqual(caughtUp.series['0:0'].tempC, [34]);
  const behind = h.since(0); // seq 1 was already overwritten
  assert.deepEqual([behind.fromSeq, behind.reset, behind.times], [2, true, [2000, 3000, 4000]]);
  assert.deepEqual(behind.series['0:0'].hbmUsedMB, [1002, 1003, 1004]);
  const nothing = h.since(4);
  assert.deepEqual([nothing.fromSeq, nothing.toSeq, nothing.reset, nothing.times], [5, 4, false, []]);
});

test('a chip that appears later is back-filled with null; a missing chip gets null; NA stays null', () => {
  const h = new NpuHistory(10);
  h.record(snap(chip(0, 30, 1)), 0);
  h.record(snap(chip(0, null, 2), chip(1, 40, 5)), 1000);
  h.record(snap(chip(1, 41, 6)), 2000);
  const all = h.since(-1);
  assert.deepEqual(all.series['0:0'].tempC, [30, null, null]);
  assert.deepEqual(all.series['1:0'].tempC, [null, 40, 41]);
  assert.deepEqual(all.series['1:0'].aicorePercent, [null, 10, 10]);
});

test('a chip gone for a whole window is dropped', () => {
  const h = new NpuHistory(2);
  h.record(snap(chip(0, 30, 1), chip(1, 30, 1)), 0);
  h.record(snap(chip(1, 30, 1)), 1000);
  h.record(snap(chip(1, 30, 1)), 2000);
  assert.deepEqual(Object.keys(h.since(-1).series), ['1:0']);
});

test('8 chips x 600 points stay bounded and a tick delta carries one point per series', () => {
  const h = new NpuHistory();
  const chips = Array.from({ length: 8 }, (_, i) => chip(i, 35, 2654));
  let d = h.record(snap(...chips), 0);
  for (let s = 1; s < 1000; s++) d = h.record(snap(...chips), s * 1000);
  assert.equal(Object.keys(d.series).length, 8);
  assert.deepEqual(d.times, [999000]);
  assert.equal(h.since(-1).times.length, 600);
  assert.equal(h.since(-1).fromSeq, 400);
});
