// ASC200-ASC205: the multi-node descriptor's arithmetic against vLLM's data-parallel launch and the model's facts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byCode, one, validateText } from './fixtures';

// The tutorial's layout (vllm-ascend DeepSeek-R1.md §5.2, test/fixtures/upstream/multi-node/deepseek-r1.a2-node0.sh):
// 2 × Atlas 800 A2 (910B3, 64 GB), DP 4 (2 per node) × TP 4, expert parallel, W8A8.
const R1 = (parallel: string, extra = ''): string => `version: 1
name: r1
target: { hosts: [kunpeng-01, kunpeng-02], chip: 910B3, vllmAscend: v0.23.0 }
model: { id: deepseek-ai/DeepSeek-R1, source: host, hostPath: /data/DeepSeek-R1-W8A8 }
quantization: { scheme: w8a8 }
image: { tag: quay.io/ascend/vllm-ascend:v0.23.0 }
runtime:
  parallel: ${parallel}
serve:
  max-model-len: 32768
${extra}`;

const TUTORIAL = '{ dp: 4, dpLocal: 2, tp: 4, ep: true }';
const codes = (text: string): string[] => validateText('ascend-deploy.yaml', text).filter((f) => /^ASC20/.test(f.code)).map((f) => f.code);

test('the tutorial layout passes every multi-node rule, and the single-node memory rule stays out of it', () => {
  const f = validateText('ascend-deploy.yaml', R1(TUTORIAL));
  assert.deepEqual(f.filter((x) => /^ASC20|ASC18/.test(x.code)).map((x) => [x.code, x.message]), []);
});

test('ASC200: dpLocal × nodes must be dp, with a fix', () => {
  const e = one(validateText('ascend-deploy.yaml', R1('{ dp: 6, dpLocal: 2, tp: 4, ep: true }')), 'ASC200');
  assert.match(e.message, /dp is 6, but the 2 nodes run 4 data-parallel ranks/);
  assert.equal(e.fixes?.[0].edits[0].newText, '4');
  assert.match(one(validateText('ascend-deploy.yaml', R1('{ dp: 3, tp: 4, ep: true }')), 'ASC200').message, /does not divide evenly over 2 nodes/);
  assert.match(one(validateText('ascend-deploy.yaml', R1('{ dp: 4, dpLocal: [1, 2, 1], tp: 4, ep: true }')), 'ASC200').message, /lists 3 nodes/);
  assert.deepEqual(codes(R1('{ dp: 3, dpLocal: [2, 1], tp: 4, ep: true }')).filter((c) => c === 'ASC200'), []);
});

test('ASC201: dpLocal × tp must fit a node, and idle NPUs are a warning', () => {
  const e = one(validateText('ascend-deploy.yaml', R1('{ dp: 4, dpLocal: 2, tp: 8, ep: true }')), 'ASC201');
  assert.equal(e.severity, 'error');
  assert.match(e.message, /dpLocal 2 × tp 8 = 16 NPUs, but has 8/);
  const w = one(validateText('ascend-deploy.yaml', R1('{ dp: 2, dpLocal: 1, tp: 4, ep: true }')), 'ASC201');
  assert.equal(w.severity, 'warning');
  assert.match(w.message, /uses 8 of the 16 NPUs/);
});

test('ASC202: tp must divide the 128 heads of DeepSeek-R1', () => {
  assert.match(one(validateText('ascend-deploy.yaml', R1('{ dp: 2, dpLocal: 1, tp: 6, ep: true }')), 'ASC202').message, /heads \(128\) must be divisible by tensor parallel size \(6\)/);
});

test('ASC203: without expert parallel DP 2 × TP 8 of R1-W8A8 does not fit 64 GB NPUs; with it, it does', () => {
  const e = one(validateText('ascend-deploy.yaml', R1('{ dp: 2, dpLocal: 1, tp: 8 }')), 'ASC203');
  assert.match(e.message, /more than the 58\.9 GiB vLLM may use: set ep: true/);
  assert.deepEqual(codes(R1('{ dp: 2, dpLocal: 1, tp: 8, ep: true }')), []);
  // One full 163840-token sequence of MLA cache (61 layers × 576 × 2 bytes) on top of 39 GiB of weights still fits;
  // on 32 GB 910B4 NPUs the weights alone do not.
  const small = validateText('ascend-deploy.yaml', R1(TUTORIAL).replace('910B3', '910B4'));
  assert.match(one(small, 'ASC203').message, /more than the 29\.4 GiB vLLM may use: add nodes or quantize/);
});

test('ASC204: serve must not set what the plan derives from runtime.parallel', () => {
  const e = one(validateText('ascend-deploy.yaml', R1(TUTORIAL, '  tensor-parallel-size: 4\n')), 'ASC204');
  assert.match(e.message, /serve.tensor-parallel-size is set from runtime.parallel/);
});

test('ASC205: hosts need parallel and parallel needs hosts', () => {
  const noPar = R1(TUTORIAL).replace('runtime:\n  parallel: { dp: 4, dpLocal: 2, tp: 4, ep: true }\n', '');
  assert.match(one(validateText('ascend-deploy.yaml', noPar), 'ASC205').message, /runtime.parallel is missing/);
  const noHosts = R1(TUTORIAL).replace('hosts: [kunpeng-01, kunpeng-02]', 'host: kunpeng-01');
  assert.match(one(validateText('ascend-deploy.yaml', noHosts), 'ASC205').message, /needs target.hosts/);
  assert.deepEqual(byCode(validateText('ascend-deploy.yaml', noHosts), 'ASC200'), []);
});

test('the schema accepts hosts without host, and still requires one of them', () => {
  const f = validateText('ascend-deploy.yaml', R1(TUTORIAL));
  assert.deepEqual(f.filter((x) => x.code === 'ASC111' || x.code === 'ASC110' || x.code === 'ASC112').map((x) => x.message), []);
  const neither = validateText('ascend-deploy.yaml', R1(TUTORIAL).replace('hosts: [kunpeng-01, kunpeng-02], ', ''));
  assert.ok(neither.some((x) => x.severity === 'error' && /host/.test(x.message)), JSON.stringify(neither.map((x) => x.message)));
});
