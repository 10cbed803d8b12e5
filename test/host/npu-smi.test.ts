// npu-smi of the simulated host, run over real SSH, against the real outputs in test/fixtures/npu-smi.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimHost, type SimHost } from './index.js';
import { sshBatch, sshRun } from './ssh-run.js';
import { lineShape, shapes } from './table-shape.js';

const FIX = join(__dirname, '..', 'fixtures', 'npu-smi');
const fixture = (f: string): string => readFileSync(join(FIX, f), 'utf8');
const keys = (text: string): string[] => text.split('\n').filter((l) => l.includes(':')).map((l) => l.split(':')[0].trim());

describe('npu-smi 910B4 (Atlas 800I A2)', () => {
  let h: SimHost;
  before(async () => { h = await startSimHost({ profile: '910b4' }); });
  after(async () => { await h.stop(); });

  test('info, -l, -m, -t usages|common|board match the fixtures column for column', async () => {
    const [info, l, m, u, c, b] = await sshBatch(h, ['npu-smi info', 'npu-smi info -l', 'npu-smi info -m',
      'npu-smi info -t usages -i 3', 'npu-smi info -t common -i 1', 'npu-smi info -t board -i 0 -c 0']);
    const want = fixture('910b4-info-25.0.rc1.1-8card-idle.txt');
    assert.deepEqual(shapes(info), shapes(want));
    // Headers are the same text, not only the same shape.
    assert.deepEqual(info.split('\n').slice(0, 6), want.split('\n').slice(0, 6));
    assert.equal(l.trimEnd(), fixture('910b4-info-l-25.0.rc1.1.txt').trimEnd());
    assert.equal(m.trimEnd(), fixture('910b4-info-m-25.0.rc1.1.txt').trimEnd());
    assert.deepEqual(keys(u), keys(fixture('910b-info-t-usages-i-0.txt')));
    assert.match(u, /HBM Capacity\(MB\)\s+: 32768/);
    assert.deepEqual(keys(c), keys(fixture('910b-info-t-common-i-1.txt')));
    assert.match(b, /Chip Name\s+: 910B4/);
    assert.match(b, /Software Version\s+: 25\.0\.rc1\.1/);
  });

  test('info watch prints the fixture header and rows until killed; values move over time', async () => {
    const [first, watch, second] = await sshBatch(h, ['npu-smi info', 'timeout 1.5 npu-smi info watch -i 2; echo rc=$?', 'npu-smi info']);
    const lines = watch.split('\n');
    const want = fixture('910b-info-watch-i-2-partial.txt').split('\n');
    assert.equal(lines[0], want[0]);
    assert.equal(lineShape(lines[1]).replace(/\d+/g, 'n'), lineShape(want[1]).replace(/\d+/g, 'n'));
    assert.match(lines[1], /^2 {11}0 {11}/);
    assert.match(watch, /rc=124/); // still running when timeout stopped it
    assert.notEqual(first, second);
  });

  test('faults: container-access error, health and temperature', async () => {
    h.control.setFault('health-alarm', true);
    h.control.setFault('high-temp', true);
    const w = await sshRun(h, 'npu-smi info');
    h.control.setFault('health-alarm', false);
    h.control.setFault('high-temp', false);
    const row0 = w.stdout.split('\n')[6];
    assert.match(row0, /\| Alarm\s+\|/);
    assert.match(row0, /\| \S+\s+96\s/);
    assert.deepEqual(shapes(w.stdout), shapes(fixture('910b4-info-25.0.rc1.1-8card-idle.txt')));
    h.control.setFault('dcmi-8005', true);
    const e = await sshRun(h, 'npu-smi info');
    h.control.setFault('dcmi-8005', false);
    assert.notEqual(e.code, 0);
    assert.match(e.stdout, /dcmi module initialize failed\. ret is -8005/);
  });
});

describe('npu-smi other profiles', () => {
  test('310P3 (Atlas 300I Pro) has the 310P fixture layout and -m format', async () => {
    const h = await startSimHost({ profile: '310p3' });
    try {
      const [info, map, usages] = await sshBatch(h, ['npu-smi info', 'npu-smi info -m', 'npu-smi info -t usages -i 24']);
      const want = fixture('310p3-info-25.5.2-no-process.txt');
      const have = shapes(info);
      for (const s of shapes(want)) if (!s.includes('values=6')) assert.ok(have.includes(s), `missing line shape ${s}`);
      for (const s of have) assert.ok(shapes(want).includes(s) || /^row .*values=6$/.test(s), `unexpected line shape ${s}`);
      assert.deepEqual(info.split('\n').slice(2, 6), want.split('\n').slice(2, 6));
      assert.match(info, /\| 32896 {3}310P3/);
      const wantMap = fixture('310p3-info-m-25.5.2.txt').split('\n');
      assert.equal(map.split('\n')[0], wantMap[0]);
      assert.ok(map.includes(wantMap[1].replace('0                   Ascend', '1                   Ascend')));
      assert.deepEqual(keys(usages), keys(fixture('310p-info-t-usages-ddr-dvpp.txt')));
    } finally { await h.stop(); }
  });

  test('A3 (Ascend910, 2 dies) has the A3 fixture layout, and a running container shows as a process', async () => {
    const h = await startSimHost({ profile: 'a3', latency: { startupMs: 200 } });
    try {
      const D = h.devPrefix;
      const A = h.ascendPrefix;
      const [run, info] = await sshBatch(h, [
        `docker run -d --name p --device ${D}/davinci3 --device ${D}/davinci_manager --device ${D}/devmm_svm --device ${D}/hisi_hdc -v ${A}/driver/lib64:/usr/local/Ascend/driver/lib64 quay.io/ascend/vllm-ascend:v0.23.0 vllm serve /m`,
        "for i in $(seq 150); do npu-smi info | grep -q '| python' && break; sleep 0.2; done; npu-smi info"]);
      assert.match(run, /^[0-9a-f]{64}\n$/);
      const want = fixture('a3-ascend910-info-25.2.0-process-and-empty.txt');
      const have = shapes(info);
      for (const s of shapes(want)) assert.ok(have.includes(s), `missing line shape ${s}`);
      for (const s of have) assert.ok(shapes(want).includes(s), `unexpected line shape ${s}`);
      assert.match(info, /\| 1 {7}1 {17}\| \d+\s+\| python\s+\| \d+/);
    } finally { await h.stop(); }
  });

  test('300I Duo and 910B3 keep the 310P and A2 column boundaries (built from the description)', async () => {
    for (const [profile, fix] of [['300i-duo', '310p3-info-25.5.2-no-process.txt'], ['910b3', '910b4-info-25.0.rc1.1-8card-idle.txt']] as const) {
      const h = await startSimHost({ profile });
      try {
        const r = await sshRun(h, 'npu-smi info');
        const bars = (t: string): Set<string> => new Set(shapes(t).map((s) => s.replace(/ values=.*/, '')));
        const want = bars(fixture(fix));
        for (const b of bars(r.stdout)) assert.ok(want.has(b) || b.startsWith('border +---') , `${profile}: ${b}`);
        if (profile === '300i-duo') assert.match(r.stdout, /\| 32896 {3}310P3[^\n]*\n[^\n]*\n\+-+\+\n\| 32896 {3}310P3/);
        else assert.match(r.stdout, /65536/);
      } finally { await h.stop(); }
    }
  });
});
