// `npu-smi info watch` as a stream: fed in chunks of any size, the same samples come out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NpuWatchParser, type NpuWatchSample } from '../../../src/core/npu/watch-stream';
import { fixture } from './fixture-text';

const row = (powerW: number, ctrlcpuPercent: number): NpuWatchSample => ({
  npuId: 2, chipId: 0, powerW, tempC: 34, aicorePercent: 0, aicpuPercent: 0, ctrlcpuPercent, memoryPercent: 5, memoryBandwidthPercent: 0,
});
// The seven rows of the fixture, typed from it: Pwr(W) and Ctrl Cpu(%) are the only columns that change.
const EXPECTED = [row(90.1, 2), row(90.2, 0), row(90.3, 0), row(90.2, 1), row(90.2, 2), row(90.2, 1), row(90.2, 1)];

function feedAll(text: string, chunk: number): { samples: NpuWatchSample[]; errors: number } {
  const p = new NpuWatchParser();
  const samples: NpuWatchSample[] = [];
  let errors = 0;
  for (let i = 0; i < text.length; i += chunk) {
    const r = p.feed(text.slice(i, i + chunk));
    samples.push(...r.samples);
    errors += r.errors.length;
  }
  const r = p.end();
  return { samples: [...samples, ...r.samples], errors: errors + r.errors.length };
}

test('the fixture gives the same seven samples whatever the chunk size', () => {
  const text = fixture('910b-info-watch-i-2-partial.txt');
  for (const size of [1, 3, 17, 64, text.length]) {
    assert.deepEqual(feedAll(text, size), { samples: EXPECTED, errors: 0 }, `chunk ${size}`);
  }
});

test('a sample is returned as soon as its line is complete, not before', () => {
  const p = new NpuWatchParser();
  assert.deepEqual(p.feed('NpuID(Idx)  ChipId(Idx) Pwr(W)      Temp(C)     AI Core(%)  AI Cpu(%)   Ctrl Cpu(%) Memory(%)   Memory BW(%)\n2  0  90.1').samples, []);
  assert.deepEqual(p.feed('  34  0  0  2  5  0').samples, []);
  assert.deepEqual(p.feed('\r\n').samples, [EXPECTED[0]]);
});

test('a "-s pt" subset header: missing columns are null', () => {
  const p = new NpuWatchParser();
  const r = p.feed('NpuID(Idx)  ChipId(Idx) Pwr(W)      Temp(C)\n0           0           NA          61\n');
  assert.deepEqual(r.samples, [{ npuId: 0, chipId: 0, powerW: null, tempC: 61, aicorePercent: null, aicpuPercent: null,
    ctrlcpuPercent: null, memoryPercent: null, memoryBandwidthPercent: null }]);
});

test('bad lines are reported and skipped; the stream goes on', () => {
  const p = new NpuWatchParser();
  const r = p.feed([
    '2 0 90.1 34 0 0 2 5 0', // before any header
    'NpuID(Idx)  ChipId(Idx) Pwr(W)      Temp(C)     AI Core(%)  AI Cpu(%)   Ctrl Cpu(%) Memory(%)   Memory BW(%)',
    '2 0 90.1 34 0 0 2', // too few values
    '2 0 ninety 34 0 0 2 5 0', // not a number
    '2 0 90.1 34 0 0 2 5 0',
    'dcmi module initialize failed. ret is -8005',
    '',
  ].join('\n'));
  assert.deepEqual(r.errors.map((e) => [e.code, e.line]), [['bad-row', 1], ['bad-row', 3], ['bad-row', 4], ['dcmi-failure', 6]]);
  assert.deepEqual(r.samples, [EXPECTED[0]]);
  assert.equal(r.errors[2].raw, '2 0 ninety 34 0 0 2 5 0');
});

test('an unknown header is an error and rows after it are not read with the old columns', () => {
  const p = new NpuWatchParser();
  const r = p.feed('NpuID(Idx) ChipId(Idx) Pwr(W) Fan(RPM)\n0 0 80 1200\n');
  assert.deepEqual(r.errors.map((e) => e.code), ['unknown-layout', 'bad-row']);
  assert.deepEqual(r.samples, []);
});

test('an endless line without newline is dropped with an error instead of growing forever', () => {
  const p = new NpuWatchParser();
  const r = p.feed('x'.repeat(70 * 1024));
  assert.equal(r.errors.length, 1);
  assert.deepEqual(p.end(), { samples: [], errors: [] });
});
