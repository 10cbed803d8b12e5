import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlanError } from '../../../../src/core/host-command/plan-error';
import { descriptionFileIn, planQuantize, verifyQuantOutput } from '../../../../src/core/remote/quantize/quantize-plan';
import { coder } from '../inputs';

const w8a8 = coder((d) => { d.quantization = { scheme: 'w8a8', outputPath: '/data/models/coder-w8a8' }; });
/** config.json keys of a dense Llama-style model (DeepSeek-Coder is Llama-architecture, docs/ascend-facts.md §1). */
const DENSE_CONFIG = JSON.stringify({ architectures: ['LlamaForCausalLM'], model_type: 'llama', num_attention_heads: 32 });
/** DeepSeek-V2-Lite-style MoE config (n_routed_experts, as vLLM's DeepSeek-V2 model reads it). */
const MOE_CONFIG = JSON.stringify({ architectures: ['DeepseekV2ForCausalLM'], model_type: 'deepseek_v2', n_routed_experts: 64 });

test('the msModelSlim V1 command with the documented flags, on one NPU', () => {
  const plan = planQuantize({ descriptor: w8a8, logicIds: [2] });
  assert.deepEqual(plan.argv, ['env', 'ASCEND_RT_VISIBLE_DEVICES=2', 'msmodelslim', 'quant',
    '--model_path', '/data/models/deepseek-coder-6.7b-base', '--save_path', '/data/models/coder-w8a8', '--device', 'npu',
    '--model_type', 'deepseek-coder-6.7b-base', '--quant_type', 'w8a8']);
  assert.equal(plan.modelTypeKnown, false);
  assert.equal(plan.notes.length, 1);
  assert.deepEqual(plan.expectedQuantTypes, ['W8A8', 'W8A8_DYNAMIC', 'W8A8_MIX']);
});

test('several NPUs: visible devices, npu:0,1 and expandable_segments:False (docs/ascend-facts.md §3)', () => {
  const plan = planQuantize({ descriptor: coder((d) => { d.model.id = 'deepseek-ai/deepseek-coder-33b-base'; d.quantization = { scheme: 'w8a16', outputPath: '/data/q' }; }), logicIds: [4, 5] });
  assert.deepEqual(plan.argv.slice(0, 3), ['env', 'ASCEND_RT_VISIBLE_DEVICES=4,5', 'PYTORCH_NPU_ALLOC_CONF=expandable_segments:False']);
  assert.equal(plan.argv[plan.argv.indexOf('--device') + 1], 'npu:0,1');
  // DeepSeek-Coder has no msModelSlim model adapter: the plan says so and names the documented recipe.
  assert.equal(plan.argv[plan.argv.indexOf('--model_type') + 1], 'deepseek-coder-33b-base');
  assert.equal(plan.modelTypeKnown, false);
  assert.match(plan.notes[0], /example\/DeepSeek\/quant_deepseek\.py .*--anti_method m3 --w_bit 8 --a_bit 16 --model_name deepseek_coder/);
});

test('quick-quant model types are the ones msModelSlim maps to an adapter (config.ini at 26.1.0)', () => {
  const r1 = planQuantize({ descriptor: coder((d) => { d.model.id = 'deepseek-ai/DeepSeek-R1'; d.quantization = { scheme: 'w8a8', outputPath: '/data/q' }; }) });
  assert.deepEqual([r1.argv[r1.argv.indexOf('--model_type') + 1], r1.modelTypeKnown], ['DeepSeek-R1', true]);
  const distill14 = planQuantize({ descriptor: coder((d) => { d.model.id = 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B'; d.quantization = { scheme: 'w8a8', outputPath: '/data/q' }; }) });
  assert.equal(distill14.modelTypeKnown, false);
});

test('msModelSlim 26.1.0 quant types (w4a4, w4a4c8, w4a4f8, w8a8f8, w4a4f4) are accepted', () => {
  for (const scheme of ['w4a4', 'w4a4c8', 'w4a4f8', 'w8a8f8', 'w4a4f4']) {
    const plan = planQuantize({ descriptor: coder((d) => { d.model.id = 'deepseek-ai/DeepSeek-V3.2'; d.quantization = { scheme, outputPath: '/data/q' }; }) });
    assert.equal(plan.argv[plan.argv.indexOf('--quant_type') + 1], scheme);
    assert.ok(plan.expectedQuantTypes.length > 0);
  }
});

test('W4A16 for a dense model is refused before anything runs', () => {
  const d = coder((x) => { x.quantization = { scheme: 'w4a16', outputPath: '/data/q' }; });
  for (const configJson of [DENSE_CONFIG, undefined]) {
    assert.throws(() => planQuantize({ descriptor: d, configJson }), (e: unknown) => e instanceof PlanError && e.code === 'w4a16-dense' && /MoE/.test(e.message));
  }
  // A MoE model passes the dense check but the V1 CLI has no w4a16 quant_type.
  const moe = coder((x) => { x.model.id = 'deepseek-ai/DeepSeek-V2-Lite'; x.quantization = { scheme: 'w4a16', outputPath: '/data/q' }; });
  assert.throws(() => planQuantize({ descriptor: moe, configJson: MOE_CONFIG }), (e: unknown) => e instanceof PlanError && e.code === 'unsupported-scheme');
});

test('config.json decides dense vs MoE over the id', () => {
  const d = coder((x) => { x.model.id = 'someone/unknown-model'; x.quantization = { scheme: 'w8a8', outputPath: '/data/q' }; });
  assert.equal(planQuantize({ descriptor: d, configJson: MOE_CONFIG }).arch, 'moe');
  assert.equal(planQuantize({ descriptor: d, configJson: DENSE_CONFIG }).arch, 'dense');
  assert.equal(planQuantize({ descriptor: d }).arch, 'unknown');
});

test('output verification reads model_quant_type', () => {
  const listing = ['config.json', 'quant_model_description.json', 'quant_model_weight_w8a8.safetensors', 'tokenizer.json'];
  assert.equal(descriptionFileIn(listing), 'quant_model_description.json');
  assert.equal(descriptionFileIn(['quant_model_description_w8a8.json']), 'quant_model_description_w8a8.json');
  const good = verifyQuantOutput(JSON.stringify({ model_quant_type: 'W8A8', 'model.layers.0.mlp.down_proj.weight': 'W8A8' }), listing, ['W8A8']);
  assert.deepEqual(good, { ok: true, found: 'W8A8', problems: [] });
  const wrong = verifyQuantOutput(JSON.stringify({ model_quant_type: 'W8A16' }), listing, ['W8A8']);
  assert.equal(wrong.ok, false);
  assert.match(wrong.problems[0], /W8A16, but W8A8 was expected/);
  const missing = verifyQuantOutput(undefined, ['config.json'], ['W8A8']);
  assert.equal(missing.problems.length, 2);
});

test('--trust_remote_code True only when the descriptor asks, and then with a warning', () => {
  assert.equal(planQuantize({ descriptor: w8a8 }).argv.includes('--trust_remote_code'), false);
  const off = coder((d) => { d.quantization = { scheme: 'w8a8', outputPath: '/data/q', trustRemoteCode: false }; });
  assert.equal(planQuantize({ descriptor: off }).argv.includes('--trust_remote_code'), false);
  const on = coder((d) => { d.quantization = { scheme: 'w8a8', outputPath: '/data/q', trustRemoteCode: true }; });
  const plan = planQuantize({ descriptor: on });
  assert.deepEqual(plan.argv.slice(-2), ['--trust_remote_code', 'True']);
  assert.ok(plan.notes.some((n) => /trustRemoteCode is true: msModelSlim runs the Python code/.test(n)), plan.notes.join('\n'));
});
