// `ascend-llm npu-smi parse [FILE|-]` run through command.run with a collecting io.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { command } from '../../../src/cli/commands/npu-smi-parse';
import type { CliIO } from '../../../src/cli/types';
import { FIXTURE_DIR, fixture } from './fixture-text';

function collectingIO(stdin = ''): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (s: string) => { io.out += s; },
    stderr: (s: string) => { io.err += s; },
    readStdin: async () => stdin,
    env: {},
    cwd: FIXTURE_DIR,
  };
  return io;
}

test('the command is named "npu-smi parse"', () => {
  assert.equal(command.name, 'npu-smi parse');
  assert.match(command.usage(), /FILE\|-/);
});

test('standard input (no argument) prints the JSON of the issue\'s example and exits 0', async () => {
  const io = collectingIO(fixture('310p3-info-25.5.2-no-process.txt'));
  assert.equal(await command.run([], io), 0);
  assert.equal(io.err, '');
  assert.deepEqual(JSON.parse(io.out), {
    version: '25.5.2',
    chips: [{ npuId: 32896, chipId: 0, deviceId: 0, name: '310P3', health: 'OK', powerW: null, tempC: 54, hugepages: { used: 0, total: 0 },
      busId: '0000:00:00.0', aicorePercent: 0, memoryMB: { used: 1904, total: 44213 }, hbmMB: null }],
    processes: [],
  });
});

test('a FILE relative to cwd, and "-" for stdin', async () => {
  const io = collectingIO();
  assert.equal(await command.run(['a3-ascend910-info-25.2.0-process-and-empty.txt'], io), 0);
  const parsed = JSON.parse(io.out) as { processes: unknown[]; chips: unknown[] };
  assert.deepEqual(parsed.processes, [{ npuId: 1, chipId: 1, pid: 990711, name: 'python', memoryMB: 7746, containerPid: null }]);
  assert.equal(parsed.chips.length, 4);
  const io2 = collectingIO(fixture('910b4-info-25.0.rc1.1-8card-idle.txt'));
  assert.equal(await command.run(['-'], io2), 0);
  assert.equal((JSON.parse(io2.out) as { chips: unknown[] }).chips.length, 8);
});

test('--kind reads the other npu-smi commands', async () => {
  const io = collectingIO();
  assert.equal(await command.run(['--kind', 'map', '310p3-info-m-25.5.2.txt'], io), 0);
  assert.deepEqual(JSON.parse(io.out), [
    { npuId: 32896, chipId: 0, logicId: 0, chipName: 'Ascend 310P3' },
    { npuId: 32896, chipId: 1, logicId: null, chipName: 'Mcu' },
  ]);
  const w = collectingIO();
  assert.equal(await command.run(['--kind=watch', '910b-info-watch-i-2-partial.txt'], w), 0);
  assert.equal((JSON.parse(w.out) as unknown[]).length, 7);
  const c = collectingIO();
  assert.equal(await command.run(['--kind', 'common', '910b-info-t-common-i-1.txt'], c), 0);
  assert.equal((JSON.parse(c.out) as { chips: { values: Record<string, unknown> }[] }).chips[0].values['NPU Real-time Power(W)'], 93.4);
});

test('a parse error exits 1 with the reason and the raw text on stderr, nothing on stdout', async () => {
  const raw = 'DrvMngGetConsoleLogLevel failed. (g_conLogLevel=3)\ndcmi module initialize failed. ret is -8005\n';
  const io = collectingIO(raw);
  assert.equal(await command.run([], io), 1);
  assert.equal(io.out, '');
  assert.match(io.err, /-8005/);
  assert.ok(io.err.includes(raw), 'raw text echoed');
  const t = collectingIO(fixture('910b1-info-23.0.rc3.3-loaded-with-processes.txt').slice(0, 700));
  assert.equal(await command.run([], t), 1);
  assert.match(t.err, /line \d+/);
});

test('usage errors exit 2: unknown option, unknown kind, two files, missing file', async () => {
  for (const args of [['--json'], ['--kind', 'top'], ['--kind'], ['a.txt', 'b.txt'], ['no-such-file.txt']]) {
    const io = collectingIO();
    assert.equal(await command.run(args, io), 2, args.join(' '));
    assert.equal(io.out, '');
    assert.match(io.err, /Usage: ascend-llm npu-smi parse/);
  }
});

test('--help prints the usage and exits 0', async () => {
  const io = collectingIO();
  assert.equal(await command.run(['--help'], io), 0);
  assert.match(io.out, /--kind/);
});
