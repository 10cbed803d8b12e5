import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusSummary } from '../../../src/core/monitor/status-summary';
import type { ChipSnapshot } from '../../../src/core/monitor/snapshot-types';

const chip = (npuId: number, aicore: number | null, tempC: number | null): ChipSnapshot => ({
  npuId, chipId: 0, deviceId: null, name: '910B4', health: 'OK', powerW: null, tempC, hugepages: null, busId: null,
  aicorePercent: aicore, memoryMB: null, hbmMB: null,
});

test('summary shows chip count, mean AICore and the hottest chip', () => {
  const s = statusSummary('npu-a', [chip(0, 10, 40), chip(1, 30, 71), chip(2, null, null)], [], { state: 'ok', reason: null });
  assert.equal(s.text, '$(pulse) npu-a: 3 chips · AICore 20% · 71°C');
  assert.equal(s.level, 'normal');
});

test('alerts raise the level and are listed in the tooltip', () => {
  const alert = { id: 'h', kind: 'health-not-ok', severity: 'error' as const, npuId: 0, chipId: 0, message: 'NPU 0 health is Alarm', advice: '' };
  const s = statusSummary('npu-a', [chip(0, 10, 40)], [alert], { state: 'ok', reason: null });
  assert.equal(s.level, 'error');
  assert.match(s.text, /1 alerts/);
  assert.match(s.tooltip, /NPU 0 health is Alarm/);
});

test('backoff says the host is not updating, and why', () => {
  const s = statusSummary('npu-a', [chip(0, 10, 40)], [], { state: 'backoff', reason: 'timed out' });
  assert.equal(s.level, 'error');
  assert.match(s.text, /not updating/);
  assert.match(s.tooltip, /timed out/);
});
