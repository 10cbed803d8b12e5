// Alerts over parsed snapshots and log text: temperature, memory near full, health, dcmi -8005, permissions, OOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateNpuAlerts, MEMORY_NEAR_FULL_RATIO, TEMPERATURE_WARN_C } from '../../../src/core/npu/alerts';
import { parseNpuSmiInfo } from '../../../src/core/npu/parse-info';
import type { NpuChip, NpuSmiInfo } from '../../../src/core/npu/types';
import { fixture } from './fixture-text';

const base: NpuChip = {
  npuId: 0, chipId: 0, deviceId: null, name: '910B4', health: 'OK', powerW: 90, tempC: 40, hugepages: { used: 0, total: 0 },
  busId: '0000:C1:00.0', aicorePercent: 10, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 2654, total: 32768 },
};
const snapshot = (...chips: Partial<NpuChip>[]): NpuSmiInfo => ({ version: null, chips: chips.map((c) => ({ ...base, ...c })), processes: [] });

test('idle 8x 910B4 fixture raises nothing', () => {
  assert.deepEqual(evaluateNpuAlerts(parseNpuSmiInfo(fixture('910b4-info-25.0.rc1.1-8card-idle.txt'))), []);
});

test('temperature at the threshold warns about latency jitter and cooling; one degree below does not', () => {
  assert.deepEqual(evaluateNpuAlerts(snapshot({ tempC: TEMPERATURE_WARN_C - 1 })), []);
  const [a] = evaluateNpuAlerts(snapshot({ npuId: 3, tempC: TEMPERATURE_WARN_C }));
  assert.equal(a.id, 'temperature-high:3:0');
  assert.equal(a.kind, 'temperature-high');
  assert.equal(a.npuId, 3);
  assert.match(a.message, new RegExp(`${TEMPERATURE_WARN_C} °C`));
  assert.match(a.advice, /latency jitter/);
  assert.match(a.advice, /cooling/);
});

test('the threshold can be overridden', () => {
  assert.equal(evaluateNpuAlerts(snapshot({ tempC: 70 }), '', { temperatureC: 70 }).length, 1);
});

test('the loaded 910B1 fixture (HBM 65099 / 65536) is near full and points at max-num-seqs / max-model-len', () => {
  const alerts = evaluateNpuAlerts(parseNpuSmiInfo(fixture('910b1-info-23.0.rc3.3-loaded-with-processes.txt')));
  assert.deepEqual(alerts.map((a) => a.id), ['memory-near-full:0:0', 'memory-near-full:1:0']);
  assert.match(alerts[0].message, /65099 of 65536 MB/);
  assert.match(alerts[0].advice, /--max-num-seqs/);
  assert.match(alerts[0].advice, /--max-model-len/);
});

test('vLLM\'s normal reservation (92 %) is not "near full"; 310P uses its DDR pair; 910B\'s 0 / 0 memory is ignored', () => {
  assert.ok(MEMORY_NEAR_FULL_RATIO > 0.92);
  assert.deepEqual(evaluateNpuAlerts(snapshot({ hbmMB: { used: 30147, total: 32768 } })), []); // 92 %
  const p310 = snapshot({ name: '310P3', hbmMB: null, memoryMB: { used: 43900, total: 44213 } });
  assert.deepEqual(evaluateNpuAlerts(p310).map((a) => a.kind), ['memory-near-full']);
  assert.deepEqual(evaluateNpuAlerts(snapshot({ hbmMB: null, memoryMB: { used: 0, total: 0 } })), []);
});

test('health: Warning is a warning, Alarm (as on the 310B4 fixture) is an error', () => {
  assert.deepEqual(evaluateNpuAlerts(snapshot({ health: 'Warning' })).map((a) => [a.kind, a.severity]), [['health-not-ok', 'warning']]);
  const alarm = evaluateNpuAlerts(parseNpuSmiInfo(fixture('310b4-info-23.0.0-no-hbm.txt')));
  assert.deepEqual(alarm.map((a) => [a.kind, a.severity]), [['health-not-ok', 'error']]);
  assert.match(alarm[0].advice, /npu-smi info -t health -i 0/);
  assert.deepEqual(evaluateNpuAlerts(snapshot({ health: null })), []);
});

test('dcmi -8005 in the log explains the device mounts, even with no snapshot', () => {
  const log = 'DrvMngGetConsoleLogLevel failed. (g_conLogLevel=3)\ndcmi module initialize failed. ret is -8005\n';
  const [a] = evaluateNpuAlerts(null, log);
  assert.equal(a.kind, 'dcmi-init-failed');
  assert.equal(a.severity, 'error');
  assert.match(a.advice, /\/dev\/davinci_manager/);
  assert.match(a.advice, /--privileged/);
});

test('device open / permission errors point at /dev/davinci* and ASCEND_RT_VISIBLE_DEVICES', () => {
  for (const log of [
    'RuntimeError: open device 1 failed, runtime result = 107001.',
    'Set visible device failed, invalid device=1, input visible devices:1',
    "PermissionError: [Errno 13] Permission denied: '/dev/davinci3'",
  ]) {
    const alerts = evaluateNpuAlerts(null, log);
    assert.deepEqual(alerts.map((a) => a.kind), ['device-permission'], log);
    assert.match(alerts[0].advice, /ASCEND_RT_VISIBLE_DEVICES/);
  }
  assert.deepEqual(evaluateNpuAlerts(null, 'Permission denied: /home/user/model'), []);
});

test('NPU out of memory in the log advises the same knobs as near-full HBM', () => {
  const [a] = evaluateNpuAlerts(null, 'RuntimeError: NPU out of memory. Tried to allocate 2.00 GiB');
  assert.equal(a.kind, 'npu-out-of-memory');
  assert.match(a.advice, /--max-num-seqs/);
});
