// Every real `npu-smi info` fixture parses to the values printed in it (expected values typed by hand).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNpuSmiInfo } from '../../../src/core/npu/parse-info';
import { fixture } from './fixture-text';

test('910B1 under load: two chips, HBM pair touching the slash, two processes', () => {
  const info = parseNpuSmiInfo(fixture('910b1-info-23.0.rc3.3-loaded-with-processes.txt'));
  assert.deepEqual(info, {
    version: '23.0.rc3.3',
    chips: [
      { npuId: 0, chipId: 0, deviceId: null, name: '910B1', health: 'OK', powerW: 271.1, tempC: 41, hugepages: { used: 0, total: 0 },
        busId: '0000:C1:00.0', aicorePercent: 55, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 65099, total: 65536 } },
      { npuId: 1, chipId: 0, deviceId: null, name: '910B1', health: 'OK', powerW: 275.0, tempC: 42, hugepages: { used: 0, total: 0 },
        busId: '0000:01:00.0', aicorePercent: 66, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 65098, total: 65536 } },
    ],
    processes: [
      { npuId: 0, chipId: 0, pid: 576489, name: 'python', memoryMB: 60703, containerPid: null },
      { npuId: 1, chipId: 0, pid: 576491, name: 'python', memoryMB: 60704, containerPid: null },
    ],
  });
});

test('910B2C with trailing spaces on every line and one process', () => {
  const info = parseNpuSmiInfo(fixture('910b2c-info-23.0.2.1-with-process.txt'));
  assert.deepEqual(info, {
    version: '23.0.2.1',
    chips: [
      { npuId: 0, chipId: 0, deviceId: null, name: '910B2C', health: 'OK', powerW: 88.6, tempC: 51, hugepages: { used: 0, total: 0 },
        busId: '0000:5A:00.0', aicorePercent: 0, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 20701, total: 65536 } },
      { npuId: 1, chipId: 0, deviceId: null, name: '910B2C', health: 'OK', powerW: 99.6, tempC: 50, hugepages: { used: 0, total: 0 },
        busId: '0000:19:00.0', aicorePercent: 0, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 20687, total: 65536 } },
    ],
    processes: [{ npuId: 0, chipId: 0, pid: 124528, name: 'python3.8', memoryMB: 17400, containerPid: null }],
  });
});

test('8x 910B4 idle: all eight chips, no processes', () => {
  const info = parseNpuSmiInfo(fixture('910b4-info-25.0.rc1.1-8card-idle.txt'));
  assert.equal(info.version, '25.0.rc1.1');
  assert.deepEqual(info.processes, []);
  const printed: [number, number, number, string, number][] = [
    // npu, power, temp, bus, hbm used  (from the fixture, row by row)
    [0, 87.2, 33, '0000:C1:00.0', 2654], [1, 82.7, 33, '0000:C2:00.0', 2654],
    [2, 82.7, 33, '0000:81:00.0', 2654], [3, 89.1, 34, '0000:82:00.0', 2654],
    [4, 84.5, 39, '0000:01:00.0', 2654], [5, 84.8, 37, '0000:02:00.0', 2654],
    [6, 87.1, 38, '0000:41:00.0', 2654], [7, 81.6, 37, '0000:42:00.0', 2653],
  ];
  assert.deepEqual(info.chips, printed.map(([npuId, powerW, tempC, busId, hbmUsed]) => ({
    npuId, chipId: 0, deviceId: null, name: '910B4', health: 'OK', powerW, tempC, hugepages: { used: 0, total: 0 },
    busId, aicorePercent: 0, memoryMB: { used: 0, total: 0 }, hbmMB: { used: hbmUsed, total: 32768 },
  })));
});

test('A3 (Ascend910): Chip Phy-ID header, two dies per NPU, "-" power on the second die', () => {
  const info = parseNpuSmiInfo(fixture('a3-ascend910-info-25.2.0-process-and-empty.txt'));
  assert.deepEqual(info, {
    version: '25.2.0',
    chips: [
      { npuId: 0, chipId: 0, deviceId: 0, name: 'Ascend910', health: 'OK', powerW: 162.8, tempC: 37, hugepages: { used: 0, total: 0 },
        busId: '0000:9C:00.0', aicorePercent: 0, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 3133, total: 65536 } },
      { npuId: 0, chipId: 1, deviceId: 1, name: 'Ascend910', health: 'OK', powerW: null, tempC: 37, hugepages: { used: 0, total: 0 },
        busId: '0000:9E:00.0', aicorePercent: 0, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 2876, total: 65536 } },
      { npuId: 1, chipId: 0, deviceId: 2, name: 'Ascend910', health: 'OK', powerW: 167.1, tempC: 38, hugepages: { used: 0, total: 0 },
        busId: '0000:37:00.0', aicorePercent: 0, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 3116, total: 65536 } },
      { npuId: 1, chipId: 1, deviceId: 3, name: 'Ascend910', health: 'OK', powerW: null, tempC: 38, hugepages: { used: 0, total: 0 },
        busId: '0000:39:00.0', aicorePercent: 0, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 10568, total: 65536 } },
    ],
    processes: [{ npuId: 1, chipId: 1, pid: 990711, name: 'python', memoryMB: 7746, containerPid: null }],
  });
});

test('310P3 at npu-smi 25.5.2: NPU id 32896, Device column, Power NA, no HBM (the issue\'s example)', () => {
  const info = parseNpuSmiInfo(fixture('310p3-info-25.5.2-no-process.txt'));
  assert.deepEqual(info, {
    version: '25.5.2',
    chips: [{ npuId: 32896, chipId: 0, deviceId: 0, name: '310P3', health: 'OK', powerW: null, tempC: 54, hugepages: { used: 0, total: 0 },
      busId: '0000:00:00.0', aicorePercent: 0, memoryMB: { used: 1904, total: 44213 }, hbmMB: null }],
    processes: [],
  });
});

test('310P3 at npu-smi 23.0.0: NPU id 24, 21527 MB', () => {
  const info = parseNpuSmiInfo(fixture('310p3-info-23.0.0-no-process.txt'));
  assert.deepEqual(info, {
    version: '23.0.0',
    chips: [{ npuId: 24, chipId: 0, deviceId: 0, name: '310P3', health: 'OK', powerW: null, tempC: 29, hugepages: { used: 0, total: 0 },
      busId: '0000:04:00.0', aicorePercent: 0, memoryMB: { used: 1832, total: 21527 }, hbmMB: null }],
    processes: [],
  });
});

test('310B4: Alarm health, Bus-Id NA, no process section at all', () => {
  const info = parseNpuSmiInfo(fixture('310b4-info-23.0.0-no-hbm.txt'));
  assert.deepEqual(info, {
    version: '23.0.0',
    chips: [{ npuId: 0, chipId: 0, deviceId: 0, name: '310B4', health: 'Alarm', powerW: 0.0, tempC: 65, hugepages: { used: 15, total: 15 },
      busId: null, aicorePercent: 0, memoryMB: { used: 3628, total: 15609 }, hbmMB: null }],
    processes: [],
  });
});
