// Rules that need the deploy descriptor: chip, NPUs, image, runtime, quantization, memory fit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, at, byCode, fixture, one, validateFixture, validateText } from './fixtures';

test('a correct descriptor has no errors or warnings', () => {
  const f = validateFixture('deploy-910b/ascend-deploy.yaml');
  assert.deepEqual(f.filter((x) => x.severity !== 'info').map((x) => [x.code, x.message]), []);
});

test('310P target: dtype, max-model-len, support warning, enforce-eager for v0.13', () => {
  const f = validateFixture('deploy-310p/ascend-deploy.yaml');
  const dtype = one(f, 'ASC140');
  assert.deepEqual(at(dtype), [19, 9, 19, 13]);
  assert.equal(dtype.fixes?.[0].edits[0].newText, 'float16');
  const len = one(f, 'ASC141');
  const added = applyEdits(fixture('deploy-310p/ascend-deploy.yaml'), len.fixes?.[0].edits ?? []);
  assert.match(added, /\n {2}dtype: auto\n {2}max-model-len: 4096\n$/);
  assert.match(one(f, 'ASC142').message, /DeepSeek is not among/);
  assert.deepEqual(at(one(f, 'ASC142')), [4, 8, 4, 13]);
  assert.equal(one(f, 'ASC143').severity, 'error');
  const newer = validateText('ascend-deploy.yaml', fixture('deploy-310p/ascend-deploy.yaml').replace('v0.13.0', 'v0.18.0'));
  assert.deepEqual(byCode(newer, 'ASC143'), []);
});

test('W4A16 for a dense model: error, fixes to W8A8 / W8A16', () => {
  const e = one(validateFixture('deploy-310p/ascend-deploy.yaml'), 'ASC151');
  assert.deepEqual(at(e), [9, 10, 9, 15]);
  assert.deepEqual(e.fixes?.map((x) => x.edits[0].newText), ['w8a8', 'w8a16']);
});

test('a base image outside quay.io/ascend is not a vllm-ascend image; the fix names the right one', () => {
  const w = one(validateFixture('deploy-310p/ascend-deploy.yaml'), 'ASC161');
  assert.equal(w.fixes?.[0].edits[0].newText, 'quay.io/ascend/vllm-ascend:v0.13.0-310p');
});

test('image tag suffix must match the chip', () => {
  const e = one(validateFixture('deploy-ref/ascend-deploy.yaml'), 'ASC160');
  assert.equal(e.fixes?.[0].edits[0].newText, 'quay.io/ascend/vllm-ascend:v0.23.0');
  const ok = validateText('ascend-deploy.yaml', fixture('deploy-ref/ascend-deploy.yaml').replace('v0.23.0-a3', 'v0.23.0-openeuler'));
  assert.deepEqual(byCode(ok, 'ASC160'), []);
});

test('ASCEND_RT_VISIBLE_DEVICES must be container ids 0..n-1', () => {
  const e = one(validateFixture('deploy-310p/ascend-deploy.yaml'), 'ASC170');
  assert.equal(e.fixes?.[0].edits[0].newText, '"0,1"');
});

test('serve host 127.0.0.1 in a bridged container is an error', () => {
  const e = one(validateFixture('deploy-310p/ascend-deploy.yaml'), 'ASC171');
  assert.deepEqual(at(e), [18, 8, 18, 17]);
  assert.equal(e.fixes?.[0].edits[0].newText, '0.0.0.0');
});

test('a serve file named by the descriptor gets its chip, NPUs and model config.json', () => {
  const f = validateFixture('deploy-ref/serve.yaml');
  const npus = one(f, 'ASC131');
  assert.match(npus.message, /lists 2/);
  assert.deepEqual(at(npus), [1, 22, 1, 23]);
  assert.match(one(f, 'ASC133').message, /32768/);
  assert.deepEqual(byCode(f, 'ASC130'), []); // 32 heads divide by 4
  const info = byCode(f, 'ASC181');
  assert.equal(info.length, 1);
  assert.match(info[0].message, /^About \d+ full-length \(65536-token\)/);
});

const gqaDeploy = (serve: string): string => [
  'version: 1', 'name: gqa', 'target:', '  host: h', '  chip: 910B4', 'model:', '  id: fixture/gqa-8b',
  '  hostPath: /data/models/fixture-gqa-8b', 'image:', '  tag: t', 'runtime:', '  npus: [0]', 'serve:', serve, '',
].join('\n');

test('memory fit: weights over the budget is an error with the numbers', () => {
  const f = validateText('ascend-deploy.yaml', gqaDeploy('  gpu-memory-utilization: 0.3'));
  const e = one(f, 'ASC180');
  assert.equal(e.severity, 'error');
  assert.match(e.message, /14\.9 GiB per NPU/);
  // torch's total on a 910B4 (npu-smi 32768 MB, 30.5 GiB as torch sees it) × 0.3.
  assert.match(e.message, /9\.1 GiB/);
});

test('memory fit: one max-model-len sequence must fit after the weights', () => {
  // 32 layers × 8 KV heads × 128 × 2 (K and V) × 2 bytes = 128 KiB per token; 32768 tokens = 4 GiB.
  const f = validateText('ascend-deploy.yaml', gqaDeploy('  gpu-memory-utilization: 0.55\n  max-model-len: 32768'));
  const e = one(f, 'ASC180');
  assert.equal(e.severity, 'error');
  assert.match(e.message, /needs 4\.0 GiB of KV cache/);
  const ok = validateText('ascend-deploy.yaml', gqaDeploy('  max-model-len: 32768'));
  assert.deepEqual(byCode(ok, 'ASC180'), []);
  assert.match(one(ok, 'ASC181').message, /^About 3 full-length/);
});

test('memory fit: a small margin is a warning', () => {
  const f = validateText('ascend-deploy.yaml', gqaDeploy('  gpu-memory-utilization: 0.64\n  max-model-len: 32768'));
  assert.equal(one(f, 'ASC180').severity, 'warning');
});

test('serve.config naming a missing file is a warning', () => {
  const text = fixture('deploy-ref/ascend-deploy.yaml').replace('./serve.yaml', './nope.yaml');
  const w = one(validateText('deploy-ref/ascend-deploy.yaml', text), 'ASC104');
  assert.equal(w.severity, 'warning');
  assert.deepEqual(byCode(validateFixture('deploy-ref/ascend-deploy.yaml'), 'ASC104'), []);
});
