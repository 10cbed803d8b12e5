// Layouts that docs/ascend-facts.md §4 describes but no fixture shows, written from that description:
// 910B3 at 26.x with the wide layout and the container-pid column, 300I Duo (two 310P3 per card, "+---" between
// every block as seen with 25.5.1), Atlas 300 (310) at npu-smi 20.x without Hugepages, Ascend 910 (9010) with
// DDR + HBM pairs, masked names, a missing title row. Version strings and values in them are illustrative.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNpuSmiInfo } from '../../../src/core/npu/parse-info';

const WIDE_910B3 = `
+------------------------------------------------------------------------------------------------------------------+
| npu-smi 26.1.0                   Version: 26.1.0                                                                 |
+-------------------------------+-----------------+----------------------------------------------------------------+
| NPU     Name                  | Health          | Power(W)     Temp(C)           Hugepages-Usage(page)           |
| Chip                          | Bus-Id          | AICore(%)    Memory-Usage(MB)  HBM-Usage(MB)                   |
+===============================+=================+================================================================+
| 0       910B3                 | OK              | 98.3         45                0    / 0                        |
| 0                             | 0000:C1:00.0    | 37           0    / 0          61234/ 65536                    |
+===============================+=================+================================================================+
| 1       910B3                 | Warning         | NA           NA                NA                              |
| 0                             | 0000:C2:00.0    | NA           0    / 0          NA   / NA                       |
+===============================+=================+================================================================+
+------------------------------+---------------+-------------------+---------------------+-------------------------+
| NPU     Chip                 | Process id    | Process name      | Process memory(MB)  | Process id in container |
+==============================+===============+===================+=====================+=========================+
| 0       0                    | 2301          | VLLMWorker_TP     | 58210               | 118                     |
| 0       0                    | 2302          |                   | 512                 | NA                      |
+==============================+===============+===================+=====================+=========================+
| No running processes found in NPU 1                                                                              |
+==============================+===============+===================+=====================+=========================+
`;

const DUO_300I = `
+--------------------------------------------------------------------------------------------------------+
| npu-smi 25.5.1                                   Version: 25.5.1                                       |
+-------------------------------+-----------------+------------------------------------------------------+
| NPU     Name                  | Health          | Power(W)     Temp(C)           Hugepages-Usage(page) |
| Chip    Device                | Bus-Id          | AICore(%)    Memory-Usage(MB)                        |
+===============================+=================+======================================================+
| 1       310P3                 | OK              | NA           48                0     / 0             |
| 0       0                     | 0000:01:00.0    | 12           30212 / 44278                           |
+-------------------------------+-----------------+------------------------------------------------------+
| 1       310P3                 | OK              | NA           46                0     / 0             |
| 1       1                     | 0000:01:00.0    | 0            1489 / 43693                            |
+-------------------------------+-----------------+------------------------------------------------------+
| 2       310P3                 | OK              | NA           44                0     / 0             |
| 0       2                     | 0000:02:00.0    | 0            1502 / 44278                            |
+-------------------------------+-----------------+------------------------------------------------------+
| 2       310P3                 | OK              | NA           45                0     / 0             |
| 1       3                     | 0000:02:00.0    | 0            1490 / 43693                            |
+-------------------------------+-----------------+------------------------------------------------------+
+-------------------------------+-----------------+--------------------------+--------------------------+
| NPU     Chip                  | Process id      | Process name             | Process memory(MB)       |
+-------------------------------+-----------------+--------------------------+--------------------------+
| 1       0                     | 41877           | python3.1                | 28633                    |
+-------------------------------+-----------------+--------------------------+--------------------------+
| No running processes found in NPU 2                                                                    |
+-------------------------------+-----------------+--------------------------+--------------------------+
`;

const ATLAS_300_310 = `
+-------------------------------------------------------------------------------------------+
| npu-smi 20.2.0                 Version: 20.2.0                                            |
+---------------------------+---------------+-----------------------------------------------+
| NPU     Name              | Health        | Power(W)          Temp(C)                     |
| Chip    Device            | Bus-Id        | AICore(%)         Memory-Usage(MB)            |
+===========================+===============+===============================================+
| 1       310               | OK            | 12.8              50                          |
| 0       0                 | 0000:3B:00.0  | 0                 2703 / 8192                 |
+---------------------------+---------------+-----------------------------------------------+
| 1       310               | OK            | 12.8              51                          |
| 1       1                 | 0000:3C:00.0  | 0                 2703 / 8192                 |
+---------------------------+---------------+-----------------------------------------------+
| 1       310               | OK            | 12.8              49                          |
| 2       2                 | 0000:3D:00.0  | 0                 2700 / 8192                 |
+---------------------------+---------------+-----------------------------------------------+
| 1       310               | OK            | 12.8              52                          |
| 3       3                 | 0000:3E:00.0  | 0                 2698 / 8192                 |
+---------------------------+---------------+-----------------------------------------------+
`;

const ASCEND_910_DDR_HBM_NO_TITLE = `
+---------------------------+---------------+------------------------------------------------------------+
| NPU     Name              | Health        | Power(W)    Temp(C)           Hugepages-Usage(page)        |
| Chip                      | Bus-Id        | AICore(%)   Memory-Usage(MB)  HBM-Usage(MB)                |
+===========================+===============+============================================================+
| 0       910ProB           | OK            | 69.8        41                0    / 970                   |
| 0                         | 0000:C1:00.0  | 0           4252 / 15137      0    / 32768                 |
+===========================+===============+============================================================+
| 1       xxx               | OK            | 70.1        40                0    / 970                   |
| 0                         | 0000:81:00.0  | 0           4250 / 15137      31019/32768                  |
+===========================+===============+============================================================+
`;

test('910B3 wide layout (116 chars): NA values become null, container-pid column, blank process name', () => {
  const info = parseNpuSmiInfo(WIDE_910B3);
  assert.deepEqual(info, {
    version: '26.1.0',
    chips: [
      { npuId: 0, chipId: 0, deviceId: null, name: '910B3', health: 'OK', powerW: 98.3, tempC: 45, hugepages: { used: 0, total: 0 },
        busId: '0000:C1:00.0', aicorePercent: 37, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 61234, total: 65536 } },
      { npuId: 1, chipId: 0, deviceId: null, name: '910B3', health: 'Warning', powerW: null, tempC: null, hugepages: null,
        busId: '0000:C2:00.0', aicorePercent: null, memoryMB: { used: 0, total: 0 }, hbmMB: null },
    ],
    processes: [
      { npuId: 0, chipId: 0, pid: 2301, name: 'VLLMWorker_TP', memoryMB: 58210, containerPid: 118 },
      { npuId: 0, chipId: 0, pid: 2302, name: null, memoryMB: 512, containerPid: null },
    ],
  });
});

test('300I Duo: two chips per NPU grouped by NPU id although every separator is "+---"', () => {
  const info = parseNpuSmiInfo(DUO_300I);
  assert.equal(info.version, '25.5.1');
  assert.deepEqual(info.chips, [
    { npuId: 1, chipId: 0, deviceId: 0, name: '310P3', health: 'OK', powerW: null, tempC: 48, hugepages: { used: 0, total: 0 },
      busId: '0000:01:00.0', aicorePercent: 12, memoryMB: { used: 30212, total: 44278 }, hbmMB: null },
    { npuId: 1, chipId: 1, deviceId: 1, name: '310P3', health: 'OK', powerW: null, tempC: 46, hugepages: { used: 0, total: 0 },
      busId: '0000:01:00.0', aicorePercent: 0, memoryMB: { used: 1489, total: 43693 }, hbmMB: null },
    { npuId: 2, chipId: 0, deviceId: 2, name: '310P3', health: 'OK', powerW: null, tempC: 44, hugepages: { used: 0, total: 0 },
      busId: '0000:02:00.0', aicorePercent: 0, memoryMB: { used: 1502, total: 44278 }, hbmMB: null },
    { npuId: 2, chipId: 1, deviceId: 3, name: '310P3', health: 'OK', powerW: null, tempC: 45, hugepages: { used: 0, total: 0 },
      busId: '0000:02:00.0', aicorePercent: 0, memoryMB: { used: 1490, total: 43693 }, hbmMB: null },
  ]);
  assert.deepEqual(info.processes, [{ npuId: 1, chipId: 0, pid: 41877, name: 'python3.1', memoryMB: 28633, containerPid: null }]);
});

test('Atlas 300 (310) at npu-smi 20.x: no Hugepages column gives hugepages null, four chips on one NPU', () => {
  const info = parseNpuSmiInfo(ATLAS_300_310);
  assert.equal(info.version, '20.2.0');
  assert.deepEqual(info.processes, []);
  assert.equal(info.chips.length, 4);
  assert.deepEqual(info.chips[0], { npuId: 1, chipId: 0, deviceId: 0, name: '310', health: 'OK', powerW: 12.8, tempC: 50, hugepages: null,
    busId: '0000:3B:00.0', aicorePercent: 0, memoryMB: { used: 2703, total: 8192 }, hbmMB: null });
  assert.deepEqual(info.chips[3], { npuId: 1, chipId: 3, deviceId: 3, name: '310', health: 'OK', powerW: 12.8, tempC: 52, hugepages: null,
    busId: '0000:3E:00.0', aicorePercent: 0, memoryMB: { used: 2698, total: 8192 }, hbmMB: null });
  assert.deepEqual(info.chips.map((c) => [c.chipId, c.tempC, c.memoryMB?.used]), [[0, 50, 2703], [1, 51, 2703], [2, 49, 2700], [3, 52, 2698]]);
});

test('Ascend 910 (9010): DDR pair in Memory-Usage and HBM pair; no title row gives version null; masked name kept', () => {
  const info = parseNpuSmiInfo(ASCEND_910_DDR_HBM_NO_TITLE);
  assert.deepEqual(info, {
    version: null,
    chips: [
      { npuId: 0, chipId: 0, deviceId: null, name: '910ProB', health: 'OK', powerW: 69.8, tempC: 41, hugepages: { used: 0, total: 970 },
        busId: '0000:C1:00.0', aicorePercent: 0, memoryMB: { used: 4252, total: 15137 }, hbmMB: { used: 0, total: 32768 } },
      { npuId: 1, chipId: 0, deviceId: null, name: 'xxx', health: 'OK', powerW: 70.1, tempC: 40, hugepages: { used: 0, total: 970 },
        busId: '0000:81:00.0', aicorePercent: 0, memoryMB: { used: 4250, total: 15137 }, hbmMB: { used: 31019, total: 32768 } },
    ],
    processes: [],
  });
});

test('A3 pasted without its title, with a shell prompt around it and CRLF line ends', () => {
  const a3 = [
    '[root@host ~]# npu-smi info',
    '+---------------------------+---------------+----------------------------------------------------+',
    '| NPU   Name                | Health        | Power(W)    Temp(C)           Hugepages-Usage(page)|',
    '| Chip  Phy-ID              | Bus-Id        | AICore(%)   Memory-Usage(MB)  HBM-Usage(MB)        |',
    '+===========================+===============+====================================================+',
    '| 3     xxx                 | Alarm         | 180.2       52                0    / 0             |',
    '| 0     6                   | 0000:5A:00.0  | 91          0    / 0          62010/ 65536         |',
    '+------------------------------------------------------------------------------------------------+',
    '| 3     xxx                 | OK            | -           51                0    / 0             |',
    '| 1     7                   | 0000:5C:00.0  | 88          0    / 0          61873/ 65536         |',
    '+===========================+===============+====================================================+',
    '[root@host ~]# ',
  ].join('\r\n');
  const info = parseNpuSmiInfo(a3);
  assert.deepEqual(info, {
    version: null,
    chips: [
      { npuId: 3, chipId: 0, deviceId: 6, name: 'xxx', health: 'Alarm', powerW: 180.2, tempC: 52, hugepages: { used: 0, total: 0 },
        busId: '0000:5A:00.0', aicorePercent: 91, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 62010, total: 65536 } },
      { npuId: 3, chipId: 1, deviceId: 7, name: 'xxx', health: 'OK', powerW: null, tempC: 51, hugepages: { used: 0, total: 0 },
        busId: '0000:5C:00.0', aicorePercent: 88, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 61873, total: 65536 } },
    ],
    processes: [],
  });
});
