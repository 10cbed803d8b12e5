// Truncated, shuffled and garbage input gives a typed NpuSmiParseError carrying the raw text, never a crash
// and never numbers that were not printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { parseNpuSmiInfo } from '../../../src/core/npu/parse-info';
import { NpuSmiParseError } from '../../../src/core/npu/parse-error';
import type { NpuSmiInfo } from '../../../src/core/npu/types';
import { FIXTURE_DIR, fixture } from './fixture-text';

const INFO_FIXTURES = readdirSync(FIXTURE_DIR).filter((f) => /-info-\d/.test(f) || f.startsWith('a3-'));

/** Deterministic PRNG (mulberry32) so that shuffles are the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function parseError(text: string): NpuSmiParseError {
  try {
    parseNpuSmiInfo(text);
  } catch (e) {
    assert.ok(e instanceof NpuSmiParseError, `expected NpuSmiParseError, got ${String(e)}`);
    assert.equal(e.raw, text);
    return e;
  }
  assert.fail('expected an error');
}

/** Every chip and process of `part` is one of `whole`'s, unchanged. */
function assertOnlyPrintedValues(part: NpuSmiInfo, whole: NpuSmiInfo): void {
  for (const chip of part.chips) {
    assert.deepEqual(chip, whole.chips.find((c) => c.npuId === chip.npuId && c.chipId === chip.chipId));
  }
  for (const p of part.processes) assert.ok(whole.processes.some((w) => JSON.stringify(w) === JSON.stringify(p)));
}

test('the info fixtures are all found', () => {
  assert.equal(INFO_FIXTURES.length, 7);
});

test('empty, blank and plain-text inputs are "no-table" errors', () => {
  for (const text of ['', '\n\n', 'hello world', '{"chips": []}', 'bash: npu-smi: command not found']) {
    assert.equal(parseError(text).code, 'no-table', JSON.stringify(text));
  }
});

test('npu-smi\'s own dcmi failure is reported as such', () => {
  const e = parseError('DrvMngGetConsoleLogLevel failed. (g_conLogLevel=3)\ndcmi module initialize failed. ret is -8005\n');
  assert.equal(e.code, 'dcmi-failure');
  assert.match(e.message, /-8005/);
});

test('a different tool\'s table (nvidia-smi style) is an unknown layout', () => {
  const e = parseError([
    '+-----------------------------------------------------------------------------+',
    '| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: 12.2     |',
    '|-------------------------------+----------------------+----------------------+',
    '| GPU  Name        Persistence-M| Bus-Id        Disp.A | Volatile Uncorr. ECC |',
    '+-------------------------------+----------------------+----------------------+',
  ].join('\n'));
  assert.equal(e.code, 'unknown-layout');
});

test('a 950-style header with a separate "NPU ID" cell is refused as unknown', () => {
  const e = parseError([
    '+------------+-------------+--------+------------------------------------+',
    '| NPU ID     | Name        | Health | Power(W)  Temp(C)  NPU Util(%)     |',
    '+============+=============+========+====================================+',
  ].join('\n'));
  assert.equal(e.code, 'unknown-layout');
});

test('a header with an unknown metric column is refused', () => {
  const text = fixture('910b4-info-25.0.rc1.1-8card-idle.txt').replace('HBM-Usage(MB)', 'HBM-Usage(GB)');
  assert.equal(parseError(text).code, 'unknown-layout');
});

test('every cut of every fixture is an error, or only values that are printed in full', () => {
  for (const name of INFO_FIXTURES) {
    const text = fixture(name);
    const whole = parseNpuSmiInfo(text);
    let offset = 0;
    for (const line of text.split('\n')) {
      const content = line.trimEnd().length;
      // cuts inside the line's printed content must fail; the cut at its end may be a shorter valid table
      for (const at of new Set([1, Math.floor(content / 2), content - 1])) {
        if (at <= 0 || at >= content) continue;
        const e = (() => { try { parseNpuSmiInfo(text.slice(0, offset + at)); } catch (err) { return err; } return null; })();
        assert.ok(e instanceof NpuSmiParseError, `${name}: cut inside "${line.trim()}" at ${at} did not fail`);
      }
      offset += line.length + 1;
      let part: NpuSmiInfo;
      try {
        part = parseNpuSmiInfo(text.slice(0, offset));
      } catch (err) {
        assert.ok(err instanceof NpuSmiParseError, String(err));
        continue;
      }
      assertOnlyPrintedValues(part, whole);
    }
  }
});

test('cuts in the middle of a row, between the two rows of a chip, or in a border are "truncated"', () => {
  const lines = fixture('910b1-info-23.0.rc3.3-loaded-with-processes.txt').split('\n');
  // line 8 (index 7) is NPU 0's second row: "| 0    | 0000:C1:00.0  | 55  0 / 0   65099/ 65536 |"
  assert.equal(parseError(lines.slice(0, 7).join('\n') + '\n' + lines[7].slice(0, 60)).code, 'truncated');
  assert.equal(parseError(lines.slice(0, 7).join('\n')).code, 'truncated');
  assert.equal(parseError(lines.slice(0, 8).join('\n') + '\n+=========').code, 'truncated');
  assert.equal(parseError(lines.slice(0, 5).join('\n')).code, 'truncated');
});

test('swapping the two rows of a chip is a bad row, not swapped numbers', () => {
  const lines = fixture('910b4-info-25.0.rc1.1-8card-idle.txt').split('\n');
  [lines[6], lines[7]] = [lines[7], lines[6]];
  const e = parseError(lines.join('\n'));
  assert.equal(e.code, 'bad-row');
  assert.equal(e.line, 7);
  assert.match(e.lineText ?? '', /0000:C1:00\.0/);
});

test('a chip block repeated is refused (the same chip twice)', () => {
  const lines = fixture('910b2c-info-23.0.2.1-with-process.txt').split('\n');
  const dup = [...lines.slice(0, 9), ...lines.slice(6, 9), ...lines.slice(9)];
  assert.equal(parseError(dup.join('\n')).code, 'bad-row');
});

test('shuffled lines give errors or only printed values (300 seeded shuffles per fixture)', () => {
  for (const name of INFO_FIXTURES) {
    const text = fixture(name);
    const whole = parseNpuSmiInfo(text);
    const random = rng(name.length * 7919);
    let errors = 0;
    for (let round = 0; round < 300; round++) {
      const lines = text.split('\n');
      for (let i = lines.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
      try {
        assertOnlyPrintedValues(parseNpuSmiInfo(lines.join('\n')), whole);
      } catch (e) {
        if (!(e instanceof NpuSmiParseError)) throw e;
        errors++;
      }
    }
    assert.ok(errors >= 295, `${name}: ${errors} of 300 shuffles were errors`);
  }
});

test('random garbage and random single-character corruption never crash', () => {
  const random = rng(42);
  const alphabet = '|+-=/ 0123456789.ANOK\n\tx:';
  for (let round = 0; round < 300; round++) {
    let s = '';
    const n = Math.floor(random() * 400);
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    try {
      parseNpuSmiInfo(s);
    } catch (e) {
      assert.ok(e instanceof NpuSmiParseError, String(e));
    }
  }
  const text = fixture('a3-ascend910-info-25.2.0-process-and-empty.txt');
  for (let round = 0; round < 800; round++) {
    const at = Math.floor(random() * text.length);
    const s = text.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + text.slice(at + 1);
    try {
      parseNpuSmiInfo(s);
    } catch (e) {
      assert.ok(e instanceof NpuSmiParseError, String(e));
    }
  }
});

test('a value that is neither a number nor NA/- is refused, not read as 0', () => {
  const text = fixture('910b4-info-25.0.rc1.1-8card-idle.txt').replace('87.2        33', '87.2        3x');
  const e = parseError(text);
  assert.equal(e.code, 'bad-row');
  assert.equal(e.line, 7);
});
