// `npu-smi info -m`, `info -l`, `info -t usages` and `info -t common`: fixtures parse to the printed values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNpuSmiMapping, logicIdOf } from '../../../src/core/npu/parse-info-m';
import { parseNpuSmiList } from '../../../src/core/npu/parse-info-list';
import { parseNpuSmiChipInfo } from '../../../src/core/npu/parse-chip-info';
import { NpuSmiParseError } from '../../../src/core/npu/parse-error';
import { fixture } from './fixture-text';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof NpuSmiParseError, String(e));
    return e.code;
  }
  assert.fail('expected an error');
}

test('info -m on 8x 910B4: chip names with a space, Mcu rows with logic id "-"', () => {
  const map = parseNpuSmiMapping(fixture('910b4-info-m-25.0.rc1.1.txt'));
  assert.equal(map.length, 16);
  assert.deepEqual(map.slice(0, 4), [
    { npuId: 0, chipId: 0, logicId: 0, chipName: 'Ascend 910B4' },
    { npuId: 0, chipId: 1, logicId: null, chipName: 'Mcu' },
    { npuId: 1, chipId: 0, logicId: 1, chipName: 'Ascend 910B4' },
    { npuId: 1, chipId: 1, logicId: null, chipName: 'Mcu' },
  ]);
  assert.deepEqual(map[14], { npuId: 7, chipId: 0, logicId: 7, chipName: 'Ascend 910B4' });
  assert.equal(logicIdOf(map, 5, 0), 5);
  assert.equal(logicIdOf(map, 5, 1), undefined);
  assert.equal(logicIdOf(map, 9, 0), undefined);
});

test('info -m on 310P3: NPU id 32896 maps to logic id 0', () => {
  assert.deepEqual(parseNpuSmiMapping(fixture('310p3-info-m-25.5.2.txt')), [
    { npuId: 32896, chipId: 0, logicId: 0, chipName: 'Ascend 310P3' },
    { npuId: 32896, chipId: 1, logicId: null, chipName: 'Mcu' },
  ]);
});

test('info -m: garbage, a header alone, and a broken row are errors', () => {
  assert.equal(codeOf(() => parseNpuSmiMapping('nothing here')), 'no-table');
  assert.equal(codeOf(() => parseNpuSmiMapping('NPU ID  Chip ID  Chip Logic ID  Chip Name\n')), 'truncated');
  assert.equal(codeOf(() => parseNpuSmiMapping('NPU ID  Chip ID  Chip Logic ID  Chip Name\n0  0  zero  Ascend 910B4\n')), 'bad-row');
  assert.equal(codeOf(() => parseNpuSmiMapping('NPU ID  Chip ID  Chip Phy-ID  Chip Logic ID  Chip Name\n0 0 0 0 x\n')), 'unknown-layout');
});

test('info -l: total count and one entry per NPU', () => {
  const list = parseNpuSmiList(fixture('910b4-info-l-25.0.rc1.1.txt'));
  assert.equal(list.totalCount, 8);
  assert.deepEqual(list.npus.map((n) => [n.npuId, n.chipCount]), [[0, 1], [1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1], [7, 1]]);
  assert.deepEqual(list.npus[0], { npuId: 0, chipCount: 1, fields: {} });
});

test('info -l cut short (fewer NPUs than Total Count) is "truncated"', () => {
  const text = fixture('910b4-info-l-25.0.rc1.1.txt').split('\n').slice(0, 12).join('\n');
  assert.equal(codeOf(() => parseNpuSmiList(text)), 'truncated');
});

test('info -t usages on 910B: HBM keys, Chip ID last', () => {
  assert.deepEqual(parseNpuSmiChipInfo(fixture('910b-info-t-usages-i-0.txt')), {
    npuId: 0,
    chipCount: 1,
    chips: [{
      chipId: 0,
      values: {
        'DDR Capacity(MB)': 0, 'DDR Usage Rate(%)': 0, 'DDR Hugepages Total(page)': 0, 'DDR Hugepages Usage Rate(%)': 0,
        'HBM Capacity(MB)': 65536, 'HBM Usage Rate(%)': 4, 'Aicore Usage Rate(%)': 0, 'Aivector Usage Rate(%)': 0,
        'Aicpu Usage Rate(%)': 0, 'Ctrlcpu Usage Rate(%)': 0, 'DDR Bandwidth Usage Rate(%)': 0, 'HBM Bandwidth Usage Rate(%)': 0,
      },
    }],
    others: [],
  });
});

test('info -t usages on 310P: DDR and DVPP keys, no HBM', () => {
  const u = parseNpuSmiChipInfo(fixture('310p-info-t-usages-ddr-dvpp.txt'));
  assert.equal(u.npuId, 1);
  assert.deepEqual(u.chips[0].values, {
    'DDR Capacity(MB)': 21534, 'DDR Usage Rate(%)': 4, 'DDR Hugepages Total(page)': 0, 'DDR Hugepages Usage Rate(%)': 0,
    'Aicore Usage Rate(%)': 0, 'Aicpu Usage Rate(%)': 0, 'Ctrlcpu Usage Rate(%)': 13, 'Vectorcore Usage Rate(%)': 0,
    'DDR Bandwidth Usage Rate(%)': 51, 'DVPP VDEC Usage Rate(%)': 0, 'DVPP VPC Usage Rate(%)': 0, 'DVPP VENC Usage Rate(%)': 0,
    'DVPP JPEGE Usage Rate(%)': 0, 'DVPP JPEGD Usage Rate(%)': 0,
  });
  assert.equal(u.chips[0].chipId, 0);
});

test('info -t usages on Ascend 910: DDR 15171 MB and HBM 32768 MB', () => {
  const u = parseNpuSmiChipInfo(fixture('910-proB-info-t-usages-ddr-and-hbm.txt'));
  assert.equal(u.chips[0].values['DDR Capacity(MB)'], 15171);
  assert.equal(u.chips[0].values['HBM Capacity(MB)'], 32768);
  assert.equal(u.chips[0].values['Ctrlcpu Usage Rate(%)'], 9);
});

test('info -t common on 910B: Chip ID first, decimal power, and the mcu block kept apart', () => {
  assert.deepEqual(parseNpuSmiChipInfo(fixture('910b-info-t-common-i-1.txt')), {
    npuId: 1,
    chipCount: 1,
    chips: [{
      chipId: 0,
      values: {
        'Memory Usage Rate(%)': 0, 'HBM Usage Rate(%)': 4, 'Aicore Usage Rate(%)': 0, 'Aicore Freq(MHZ)': 1800,
        'Aicore curFreq(MHZ)': 800, 'Aicore Count': 24, 'Temperature(C)': 46, 'NPU Real-time Power(W)': 93.4,
      },
    }],
    others: [{ 'Chip Name': 'mcu', 'Temperature(C)': 38 }],
  });
});

test('two chips in one block (A3-style Chip Count 2) split at each Chip ID; NA becomes null', () => {
  const text = [
    '        NPU ID                         : 4',
    '        Chip Count                     : 2',
    '',
    '        Chip ID                        : 0',
    '        Temperature(C)                 : 41',
    '        NPU Real-time Power(W)         : NA',
    '        Chip ID                        : 1',
    '        Temperature(C)                 : 40',
    '        NPU Real-time Power(W)         : -',
  ].join('\n');
  assert.deepEqual(parseNpuSmiChipInfo(text).chips, [
    { chipId: 0, values: { 'Temperature(C)': 41, 'NPU Real-time Power(W)': null } },
    { chipId: 1, values: { 'Temperature(C)': 40, 'NPU Real-time Power(W)': null } },
  ]);
});

test('info -t usages cut before its Chip ID line is "truncated"; garbage is an error', () => {
  const text = fixture('910b-info-t-usages-i-0.txt').split('\n').slice(0, 10).join('\n');
  assert.equal(codeOf(() => parseNpuSmiChipInfo(text)), 'truncated');
  assert.equal(codeOf(() => parseNpuSmiChipInfo('<html>502 Bad Gateway</html>')), 'no-table');
  assert.equal(codeOf(() => parseNpuSmiChipInfo('Chip ID : 0\n')), 'unknown-layout');
});
