import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNpuSmiMapping } from '../../../../src/core/npu/index';
import { planDockerRun } from '../../../../src/core/remote/deploy/docker-run-argv';
import { parseNumactlHardware } from '../../../../src/core/remote/host/numa';
import { PlanError } from '../../../../src/core/host-command/plan-error';
import { InputRefusedError } from '../../../../src/core/host-command/validate-input';
import { A3_MAP, coder, HOST, npuFixture } from '../inputs';

const map910b4 = parseNpuSmiMapping(npuFixture('910b4-info-m-25.0.rc1.1.txt'));

test('2 NPUs on an 8x 910B4 host: the exact docker run argv', () => {
  const plan = planDockerRun({ descriptor: coder(), mapping: map910b4, paths: HOST });
  assert.deepEqual(plan.argv, [
    'docker', 'run', '-d', '--name', 'ascend-llm-coder',
    '--device', '/dev/davinci2', '--device', '/dev/davinci3',
    '--device', '/dev/davinci_manager', '--device', '/dev/devmm_svm', '--device', '/dev/hisi_hdc',
    '-v', '/usr/local/dcmi:/usr/local/dcmi:ro',
    '-v', '/usr/local/bin/npu-smi:/usr/local/bin/npu-smi:ro',
    '-v', '/usr/local/Ascend/driver/lib64/:/usr/local/Ascend/driver/lib64/:ro',
    '-v', '/usr/local/Ascend/driver/version.info:/usr/local/Ascend/driver/version.info:ro',
    '-v', '/etc/ascend_install.info:/etc/ascend_install.info:ro',
    '-v', '/data/models/deepseek-coder-6.7b-base:/models/deepseek-coder-6.7b-base:ro',
    '-e', 'PYTORCH_NPU_ALLOC_CONF=expandable_segments:True',
    '--shm-size', '1g',
    '-p', '127.0.0.1:8000:8000',
    'ascend-llm/coder:v0.23.0',
    'vllm', 'serve', '/models/deepseek-coder-6.7b-base', '--host', '0.0.0.0', '--port', '8000',
    '--served-model-name', 'deepseek-coder', '--max-model-len', '16384', '--tensor-parallel-size', '2',
  ]);
  assert.equal(plan.servedModelName, 'deepseek-coder');
  assert.equal(plan.cpuset, undefined);
});

test('NPU ids go through the -m map: an A3 NPU gives one device per die', () => {
  const plan = planDockerRun({ descriptor: coder((d) => { d.runtime.npus = [1]; }), mapping: parseNpuSmiMapping(A3_MAP), paths: HOST });
  assert.deepEqual(plan.devices.map((x) => x.logicId), [2, 3]);
  const devs = plan.argv.filter((_, i) => plan.argv[i - 1] === '--device');
  assert.deepEqual(devs.slice(0, 2), ['/dev/davinci2', '/dev/davinci3']);
});

test('on 310P the NPU id is not the logic id', () => {
  const plan = planDockerRun({ descriptor: coder((d) => { d.runtime.npus = [32896]; d.target.chip = '310P3'; d.runtime.env = {}; d.serve['tensor-parallel-size'] = 1; }), mapping: parseNpuSmiMapping(npuFixture('310p3-info-m-25.5.2.txt')), paths: HOST });
  assert.ok(plan.argv.includes('/dev/davinci0'));
  assert.ok(!plan.argv.some((a) => a.includes('davinci32896')));
  // docs/ascend-facts.md §1: max_split_size_mb:256 on 310P when the descriptor sets no allocator config.
  assert.ok(plan.argv.includes('PYTORCH_NPU_ALLOC_CONF=max_split_size_mb:256'));
});

test('ASCEND_RT_VISIBLE_DEVICES, when set, becomes 0…n-1 inside the container', () => {
  const plan = planDockerRun({
    descriptor: coder((d) => { d.runtime.npus = [5, 6, 7]; d.runtime.env = { ASCEND_RT_VISIBLE_DEVICES: '5,6,7' }; }),
    mapping: map910b4, paths: HOST,
  });
  assert.ok(plan.argv.includes('ASCEND_RT_VISIBLE_DEVICES=0,1,2'));
  assert.ok(!plan.argv.includes('ASCEND_RT_VISIBLE_DEVICES=5,6,7'));
  assert.equal(plan.notes.length, 1);
  const unset = planDockerRun({ descriptor: coder(), mapping: map910b4, paths: HOST });
  assert.ok(!unset.argv.some((a) => a.startsWith('ASCEND_RT_VISIBLE_DEVICES=')));
});

const NUMA = parseNumactlHardware(Array.from({ length: 8 }, (_, n) => `node ${n} cpus: ${Array.from({ length: 24 }, (_, i) => n * 24 + i).join(' ')}\nnode ${n} size: 96000 MB`).join('\n'));

test('cpuset only for targets older than v0.18: the union of the NPUs NUMA nodes', () => {
  const npuNode = new Map([['2:0', 4], ['3:0', 5]]);
  const old = planDockerRun({ descriptor: coder((d) => { d.target.vllmAscend = 'v0.13.0'; }), mapping: map910b4, paths: HOST, numa: { nodes: NUMA, npuNode } });
  const i = old.argv.indexOf('--cpuset-cpus');
  assert.deepEqual(old.argv.slice(i, i + 4), ['--cpuset-cpus', '96-143', '--cpuset-mems', '4-5']);
  assert.ok(i < old.argv.indexOf('ascend-llm/coder:v0.23.0'));
  for (const v of ['v0.18.0rc1', 'v0.18.0', 'v0.23.0']) {
    const current = planDockerRun({ descriptor: coder((d) => { d.target.vllmAscend = v; }), mapping: map910b4, paths: HOST, numa: { nodes: NUMA, npuNode } });
    assert.ok(!current.argv.includes('--cpuset-cpus'), v);
  }
});

test('an old target with unknown NUMA affinity gets no cpuset and a note', () => {
  const plan = planDockerRun({ descriptor: coder((d) => { d.target.vllmAscend = 'v0.11.0'; }), mapping: map910b4, paths: HOST });
  assert.ok(!plan.argv.includes('--cpuset-cpus'));
  assert.match(plan.notes.join('\n'), /NUMA/);
});

test('quantized output is served read-only with --quantization ascend', () => {
  const plan = planDockerRun({
    descriptor: coder((d) => { d.quantization = { scheme: 'w8a8', outputPath: '/data/models/coder-w8a8' }; }),
    mapping: map910b4, paths: HOST,
  });
  assert.ok(plan.argv.includes('/data/models/coder-w8a8:/models/coder-w8a8:ro'));
  assert.deepEqual(plan.argv.slice(-2), ['--quantization', 'ascend']);
});

test('host facts move the device and driver paths; the container paths stay', () => {
  const plan = planDockerRun({
    descriptor: coder(), mapping: map910b4,
    paths: { ascendPrefix: '/home/u/Ascend/', devPrefix: '/sim/dev', etcPrefix: '/sim/etc', usrLocalPrefix: '/sim/usr/local' },
  });
  assert.ok(plan.argv.includes('/sim/dev/davinci2'));
  assert.ok(plan.argv.includes('/home/u/Ascend/driver/lib64/:/usr/local/Ascend/driver/lib64/:ro'));
  assert.ok(plan.argv.includes('/sim/etc/ascend_install.info:/etc/ascend_install.info:ro'));
  assert.ok(plan.argv.includes('/sim/usr/local/bin/npu-smi:/usr/local/bin/npu-smi:ro'));
});

test('serve keys follow the config-file rules: true → flag, false → nothing, list and mapping', () => {
  const plan = planDockerRun({
    descriptor: coder((d) => {
      d.serve = { served_model_name: ['a', 'b'], 'enforce-eager': true, 'enable-prefix-caching': false, 'additional-config': { enable_cpu_binding: true }, host: '10.0.0.1', port: 9000 };
      d.runtime.publish = { port: 18000 };
    }),
    mapping: map910b4, paths: HOST,
  });
  const serve = plan.argv.slice(plan.argv.indexOf('vllm'));
  assert.deepEqual(serve, ['vllm', 'serve', '/models/deepseek-coder-6.7b-base', '--host', '0.0.0.0', '--port', '9000',
    '--served-model-name', 'a', 'b', '--enforce-eager', '--additional-config', '{"enable_cpu_binding":true}']);
  assert.ok(plan.argv.includes('127.0.0.1:18000:9000'));
  assert.equal(plan.servedModelName, 'a');
});

test('unknown NPUs, missing paths and hostile values are refused before any argv exists', () => {
  assert.throws(() => planDockerRun({ descriptor: coder((d) => { d.runtime.npus = [9]; }), mapping: map910b4, paths: HOST }),
    (e: unknown) => e instanceof PlanError && e.code === 'unknown-npu' && /NPU 9/.test(e.message));
  assert.throws(() => planDockerRun({ descriptor: coder((d) => { d.model.hostPath = undefined; }), mapping: map910b4, paths: HOST }),
    (e: unknown) => e instanceof PlanError && e.code === 'missing-model-path');
  for (const hostile of [`x'; touch /tmp/pwned; '`, '$(id)', '`id`', 'a\nb', '--privileged']) {
    assert.throws(() => planDockerRun({ descriptor: coder((d) => { d.image.tag = hostile; }), mapping: map910b4, paths: HOST }), InputRefusedError);
    if (!hostile.startsWith('--')) {
      assert.throws(() => planDockerRun({ descriptor: coder((d) => { d.model.hostPath = `/data/${hostile}`; }), mapping: map910b4, paths: HOST }), InputRefusedError);
    }
  }
  assert.throws(() => planDockerRun({ descriptor: coder((d) => { d.serve = { 'x; rm -rf /': 1 }; }), mapping: map910b4, paths: HOST }), PlanError);
  assert.throws(() => planDockerRun({ descriptor: coder((d) => { d.runtime.publish = { address: 'localhost; id' }; }), mapping: map910b4, paths: HOST }), PlanError);
});

test('a server needing more devices than runtime.npus gives is refused', () => {
  assert.throws(() => planDockerRun({ descriptor: coder((d) => { d.serve['tensor-parallel-size'] = 4; }), mapping: map910b4, paths: HOST }),
    (e: unknown) => e instanceof PlanError && /need 4 NPU devices, but runtime.npus gives the container 2/.test(e.message));
  const a3 = planDockerRun({ descriptor: coder((d) => { d.runtime.npus = [1]; }), mapping: parseNpuSmiMapping(A3_MAP), paths: HOST });
  assert.equal(a3.devices.length, 2);
});

test('every driver mount is read-only, so an image cannot replace the host npu-smi or driver libraries', () => {
  const plan = planDockerRun({ descriptor: coder(), mapping: map910b4, paths: HOST });
  const volumes = plan.argv.filter((_, i) => plan.argv[i - 1] === '-v');
  assert.equal(volumes.length, 6);
  for (const v of volumes) assert.match(v, /:ro$/, v);
  assert.ok(plan.mounts.every((m) => m.readOnly));
});
