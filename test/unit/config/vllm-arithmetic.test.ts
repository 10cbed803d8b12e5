// vLLM's own arithmetic (docs/vllm-arithmetic.md): derived max-model-len, the memory budget, KV bytes per token
// (MLA included), KV-head divisibility, and serve.config merged into the descriptor's view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedMaxModelLen } from '../../../src/core/config/max-model-len';
import { validateConfigFile } from '../../../src/core/config/index';
import { byCode, fixture, one, validateFixture, validateText, workspace } from './fixtures';

const coder67 = JSON.parse(fixture('models/deepseek-coder-6.7b-base/config.json')) as Record<string, unknown>;

test('derived length: DeepSeek-Coder-6.7B is 16384 positions × linear RoPE factor 4 = 65536', () => {
  const d = derivedMaxModelLen(coder67);
  assert.equal(d.limit, 65536);
  assert.equal(d.byDefault, 65536);
  assert.equal(d.key, 'max_position_embeddings');
  assert.deepEqual(d.rope, { type: 'linear', factor: 4 });
});

test('derived length: rope types as vLLM treats them', () => {
  // YaRN starts from original_max_position_embeddings (DeepSeek-V3 / R1 config.json).
  assert.equal(derivedMaxModelLen({ max_position_embeddings: 163840, rope_scaling: { type: 'yarn', factor: 40, original_max_position_embeddings: 4096 } }).limit, 163840);
  // llama3 and longrope are not multiplied; longrope defaults to original_max_position_embeddings.
  assert.equal(derivedMaxModelLen({ max_position_embeddings: 131072, rope_scaling: { rope_type: 'llama3', factor: 8 } }).limit, 131072);
  const lr = derivedMaxModelLen({ max_position_embeddings: 131072, original_max_position_embeddings: 4096, rope_scaling: { type: 'su', long_factor: [1] } });
  assert.deepEqual([lr.limit, lr.byDefault], [131072, 4096]);
  // dynamic counts; a null factor falls back to 1; Gemma 3 is already scaled.
  assert.equal(derivedMaxModelLen({ max_position_embeddings: 4096, rope_scaling: { type: 'dynamic', factor: 2 } }).limit, 8192);
  assert.equal(derivedMaxModelLen({ max_position_embeddings: 4096, rope_scaling: { type: 'linear', factor: null } }).limit, 4096);
  assert.equal(derivedMaxModelLen({ model_type: 'gemma3_text', max_position_embeddings: 131072, rope_scaling: { rope_type: 'linear', factor: 8 } }).limit, 131072);
  // The smallest key wins, model_max_length overrides, no key at all is 2048.
  assert.equal(derivedMaxModelLen({ max_position_embeddings: 8192, seq_length: 4096 }).key, 'seq_length');
  assert.equal(derivedMaxModelLen({ max_position_embeddings: 8192, model_max_length: 16384 }).limit, 16384);
  assert.equal(derivedMaxModelLen({}).limit, 2048);
});

test('max-model-len 32768 for deepseek-coder-6.7b-base is accepted; beyond 65536 is an error that says why', () => {
  const ok = validateText('serve.vllm.yaml', 'model: models/deepseek-coder-6.7b-base\nmax-model-len: 32768\n');
  assert.deepEqual(byCode(ok, 'ASC133'), []);
  const e = one(validateText('serve.vllm.yaml', 'model: models/deepseek-coder-6.7b-base\nmax-model-len: 100000\n'), 'ASC133');
  assert.match(e.message, /65536 positions.*max_position_embeddings × linear RoPE scaling factor 4/);
  assert.equal(e.fixes?.[0].edits[0].newText, '65536');
});

test('table source: deepseek-coder-1.3b-base derives 65536 too (its published config.json has linear ×4)', () => {
  assert.deepEqual(byCode(validateFixture('mistakes.vllm.yaml'), 'ASC133'), []);
  const e = one(validateText('x.vllm.yaml', 'model: deepseek-ai/deepseek-coder-1.3b-base\nmax-model-len: 131072\n'), 'ASC133');
  assert.match(e.message, /65536/);
});

const deploy = (chip: string, model: string, serve: string[], extra: string[] = []): string => [
  'version: 1', 'name: m', 'target:', '  host: h', `  chip: ${chip}`, '  vllmAscend: v0.23.0', 'model:', `  id: ${model}`,
  '  hostPath: /data/m', ...extra, 'image:', '  tag: t', 'runtime:', '  npus: [0, 1, 2, 3, 4, 5, 6, 7]', 'serve:', ...serve.map((l) => `  ${l}`), '',
].join('\n');

test('memory: with max-model-len unset the KV cache is sized for the derived 65536 tokens, not 16384', () => {
  // 2 × 32 layers × 32 KV heads × 128 × 2 bytes = 512 KiB per token → 32 GiB for 65536 tokens; weights 12.5 GiB.
  const serve = ['model: models/deepseek-coder-6.7b-base', 'gpu-memory-utilization: 0.7'];
  const e = one(validateText('ascend-deploy.yaml', deploy('910B1', 'deepseek-ai/deepseek-coder-6.7b-base', serve)), 'ASC180');
  assert.equal(e.severity, 'error');
  assert.match(e.message, /One 65536-token sequence needs 32\.0 GiB/);
  const fits = validateText('ascend-deploy.yaml', deploy('910B1', 'deepseek-ai/deepseek-coder-6.7b-base', ['model: models/deepseek-coder-6.7b-base']));
  assert.match(one(fits, 'ASC181').message, /^About 1 full-length \(65536-token\)/);
});

test('memory budget: torch total (61 GiB on a 64 GB 910B) × gpu-memory-utilization; 0.92 from v0.20.2rc1, 0.9 before', () => {
  const big = (v: string): string => deploy('910B1', 'deepseek-ai/deepseek-coder-33b-base', ['tensor-parallel-size: 1']).replace('v0.23.0', v);
  assert.match(one(validateText('ascend-deploy.yaml', big('v0.23.0')), 'ASC180').message, /\(61\.0 GiB × 0\.92\)/);
  assert.match(one(validateText('ascend-deploy.yaml', big('v0.20.2rc1')), 'ASC180').message, /× 0\.92\)/);
  assert.match(one(validateText('ascend-deploy.yaml', big('v0.19.1rc1')), 'ASC180').message, /\(61\.0 GiB × 0\.9\)/);
  assert.match(one(validateText('ascend-deploy.yaml', big('v0.13.0')), 'ASC180').message, /× 0\.9\)/);
});

test('memory: MLA models cache kv_lora_rank + qk_rope_head_dim per layer, the same on every rank', () => {
  // DeepSeek-R1 W8A8 on 16 A3 dies: 39.1 GiB weights per die; 61 × 576 × 2 bytes = 68.6 KiB per token → 2.1 GiB per 32768 tokens.
  const text = deploy('A3', 'deepseek-ai/DeepSeek-R1', ['tensor-parallel-size: 16', 'max-model-len: 32768'], ['quantization:', '  scheme: w8a8'])
    .replace('npus: [0, 1, 2, 3, 4, 5, 6, 7]', 'npus: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]');
  const info = one(validateText('ascend-deploy.yaml', text), 'ASC181');
  assert.match(info.message, /^About 7 full-length \(32768-token\) sequences fit in the KV cache \(17\.0 GiB per NPU after 39\.1 GiB/);
  // The derived length of R1 is 163840 (YaRN × 40 from 4096).
  const unset = validateText('ascend-deploy.yaml', text.replace('  max-model-len: 32768\n', ''));
  assert.match(one(unset, 'ASC181').message, /^About 1 full-length \(163840-token\)/);
});

test('KV heads and tensor-parallel-size must divide one another (28 heads, 4 KV heads: TP 7 fails, TP 2 and 4 pass)', () => {
  const f = validateText('serve.vllm.yaml', 'model: models/fixture-gqa-28x4\ntensor-parallel-size: 7\n');
  assert.deepEqual(byCode(f, 'ASC130'), []); // 28 heads divide by 7
  const e = one(f, 'ASC135');
  assert.match(e.message, /tensor-parallel-size 7 and the 4 KV heads/);
  assert.deepEqual(e.fixes?.map((x) => x.edits[0].newText), ['4', '2', '1']);
  for (const ok of ['2', '4']) assert.deepEqual(byCode(validateText('s.vllm.yaml', `model: models/fixture-gqa-28x4\ntensor-parallel-size: ${ok}\n`), 'ASC135'), []);
  // More ranks than KV heads: vLLM copies them, so 8 KV heads with TP 16 is fine.
  assert.deepEqual(byCode(validateText('s.vllm.yaml', 'model: models/fixture-gqa-8b\ntensor-parallel-size: 16\n'), 'ASC135'), []);
});

test('serve.config: the descriptor computes with the file merged under its inline keys, as vllm serve --config does', () => {
  const f = validateFixture('deploy-file/ascend-deploy.yaml');
  // The file sets TP 2, max-model-len 32768 and gpu-memory-utilization 0.5: the same numbers as in serve.yaml itself.
  const info = one(f, 'ASC181');
  assert.match(info.message, /^About 3 full-length \(32768-token\) sequences fit in the KV cache \(24\.2 GiB per NPU after 6\.2 GiB/);
  const own = one(validateFixture('deploy-file/serve.yaml'), 'ASC181');
  assert.equal(own.message, info.message);
  // An inline key wins over the file.
  const inline = fixture('deploy-file/ascend-deploy.yaml').replace('  config: ./serve.yaml', '  config: ./serve.yaml\n  tensor-parallel-size: 1');
  assert.match(one(validateText('deploy-file/ascend-deploy.yaml', inline), 'ASC181').message, /after 12\.5 GiB/);
  // TP from the file is checked against runtime.npus, at the serve.config line.
  const two = validateText('deploy-file/ascend-deploy.yaml', fixture('deploy-file/ascend-deploy.yaml').replace('npus: [0, 1]', 'npus: [0]'));
  const npus = one(two, 'ASC131');
  assert.deepEqual([npus.range.startLine, npus.fixes], [14, []]);
});

test('serve.config on 310P: dtype and max-model-len set in the file are not reported by the descriptor', () => {
  const d = fixture('deploy-file/ascend-deploy.yaml').replace('chip: 910B1', 'chip: 310P3');
  const files = (p: string): string | undefined => (p === 'deploy-file/serve.yaml' ? 'model: x\ndtype: float16\nmax-model-len: 4096\n' : undefined);
  const f = validateConfigFile({ fileName: 'deploy-file/ascend-deploy.yaml', text: d, workspaceFiles: files }) ?? [];
  assert.deepEqual([...byCode(f, 'ASC140'), ...byCode(f, 'ASC141')], []);
  const none = validateConfigFile({ fileName: 'deploy-file/ascend-deploy.yaml', text: d, workspaceFiles: (p) => (p === 'deploy-file/serve.yaml' ? 'model: x\n' : undefined) }) ?? [];
  assert.equal(byCode(none, 'ASC140').length, 1);
});

test('Atlas 950DT images: -a5 (what CI publishes) matches; -950dt and -a3 do not', () => {
  const d = (tag: string): string => ['version: 1', 'name: x', 'target:', '  host: h', '  chip: 950DT', 'model:', '  id: m', '  hostPath: /m',
    'image:', `  tag: quay.io/ascend/vllm-ascend:${tag}`, 'runtime:', '  npus: [0]', ''].join('\n');
  assert.deepEqual(byCode(validateText('ascend-deploy.yaml', d('v0.23.0-a5')), 'ASC160'), []);
  assert.equal(byCode(validateText('ascend-deploy.yaml', d('v0.23.0-950dt')), 'ASC160').length, 1);
  assert.equal(one(validateText('ascend-deploy.yaml', d('v0.23.0-a3')), 'ASC160').fixes?.[0].edits[0].newText, 'quay.io/ascend/vllm-ascend:v0.23.0-a5');
});

test('serve.config: the serve file, checked next to its descriptor, sees the descriptor\'s inline keys over its own', () => {
  const descriptor = fixture('deploy-file/ascend-deploy.yaml').replace('  config: ./serve.yaml', '  config: ./serve.yaml\n  tensor-parallel-size: 1');
  const read = (p: string): string | undefined => (p === 'deploy-file/ascend-deploy.yaml' ? descriptor : workspace(p));
  const f = validateConfigFile({ fileName: 'deploy-file/serve.yaml', text: fixture('deploy-file/serve.yaml'), workspaceFiles: read }) ?? [];
  assert.match(one(f, 'ASC181').message, /after 12\.5 GiB/);
});
