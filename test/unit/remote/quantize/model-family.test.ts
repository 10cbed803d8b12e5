// msModelSlim facts (docs/vllm-arithmetic.md, "msModelSlim"): quant types per release, the example recipe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exampleRecipeFor, quantTypeSince, QUANT_TYPES } from '../../../../src/core/remote/quantize/model-family';

test('quant types: w4a4 from 26.0.0; w4a4c8, w4a4f8, w8a8f8, w4a4f4 from 26.1.0; w4a16 is no --quant_type', () => {
  assert.equal(quantTypeSince('w4a4'), '26.0.0');
  for (const q of ['w4a4c8', 'w4a4f8', 'w8a8f8', 'w4a4f4']) assert.equal(quantTypeSince(q), '26.1.0', q);
  assert.equal(quantTypeSince('w4a16'), undefined);
  assert.ok((QUANT_TYPES['26.0.0'] as readonly string[]).every((q) => (QUANT_TYPES['26.1.0'] as readonly string[]).includes(q)));
});

test('DeepSeek-Coder: the documented recipe is example/DeepSeek/quant_deepseek.py --model_name deepseek_coder', () => {
  const r = exampleRecipeFor('deepseek-ai/deepseek-coder-6.7b-base', 'W8A8');
  assert.equal(r?.script, 'example/DeepSeek/quant_deepseek.py');
  assert.deepEqual(r?.args.slice(-2), ['--model_name', 'deepseek_coder']);
  assert.equal(exampleRecipeFor('deepseek-ai/deepseek-coder-6.7b-base', 'w4a8'), undefined);
  assert.equal(exampleRecipeFor('deepseek-ai/DeepSeek-R1', 'w8a8'), undefined);
});
