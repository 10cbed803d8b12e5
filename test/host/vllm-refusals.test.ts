// The simulated vLLM refuses at startup what vLLM v0.23.0 / vllm-ascend refuse, with their messages
// (docs/vllm-startup-refusals.md). Each case starts the server standalone and checks exit code and text.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeControl } from './control.js';
import { freePort } from '../support/ports';

const SERVER = join(__dirname, 'vllm-sim', 'server.mjs');
// deepseek-coder-6.7b's published shape (test/host/shims/lib/model-configs.mjs): 16K positions × linear RoPE factor 4.
const CODER = { architectures: ['LlamaForCausalLM'], hidden_size: 4096, intermediate_size: 11008, max_position_embeddings: 16384,
  model_type: 'llama', num_attention_heads: 32, num_hidden_layers: 32, num_key_value_heads: 32, rope_scaling: { factor: 4.0, type: 'linear' },
  rope_theta: 100000, torch_dtype: 'bfloat16', vocab_size: 32256 };
// DeepSeek-R1's: yarn with factor 40 over 4096 original positions, MLA, 256 routed experts.
const R1 = { architectures: ['DeepseekV3ForCausalLM'], hidden_size: 7168, intermediate_size: 18432, moe_intermediate_size: 2048,
  max_position_embeddings: 163840, model_type: 'deepseek_v3', num_attention_heads: 128, num_hidden_layers: 61, num_key_value_heads: 128,
  n_routed_experts: 256, n_shared_experts: 1, first_k_dense_replace: 3, kv_lora_rank: 512, q_lora_rank: 1536, qk_nope_head_dim: 128,
  qk_rope_head_dim: 64, v_head_dim: 128, rope_scaling: { type: 'yarn', factor: 40, original_max_position_embeddings: 4096 },
  rope_theta: 10000, torch_dtype: 'bfloat16', vocab_size: 129280 };

interface Run { code: number; out: string }

describe('simulated vLLM startup refusals', () => {
  let dir: string;
  const states: Record<string, string> = {};
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'simhost-refusals-'));
    for (const [name, cfg] of [['coder', CODER], ['r1', R1]] as const) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'config.json'), JSON.stringify(cfg));
    }
    for (const profile of ['910b4', '310p3']) {
      const s = join(dir, `state-${profile}`);
      mkdirSync(s);
      writeFileSync(join(s, 'host.json'), JSON.stringify({ profile }));
      makeControl(s).setLatency({ startupMs: 200 });
      states[profile] = s;
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the server until it exits or says it is ready (then stops it: code -1). */
  async function run(args: string[], profile = '910b4', env: Record<string, string> = {}): Promise<Run> {
    const port = await freePort();
    const p = fork(SERVER, [...args, '--port', String(port)], { execArgv: [], env: { ...process.env, SIMHOST_STATE: states[profile], ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let out = '';
    p.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
    p.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
    return new Promise((res) => {
      p.on('message', () => { p.kill('SIGTERM'); res({ code: -1, out }); });
      p.on('exit', (c) => res({ code: c ?? -1, out }));
    });
  }

  test('max-model-len over max_position_embeddings × the linear RoPE factor is a ModelConfig validation error', async () => {
    const r = await run([join(dir, 'coder'), '--max-model-len', '999999']);
    assert.equal(r.code, 1);
    assert.match(r.out, /pydantic_core\._pydantic_core\.ValidationError: 1 validation error for ModelConfig\n {2}Value error, User-specified max_model_len \(999999\) is greater than the derived max_model_len \(max_position_embeddings=65536\.0 or model_max_length=None in model's config\.json\)\. To allow overriding this maximum, set the env var VLLM_ALLOW_LONG_MAX_MODEL_LEN=1\. VLLM_ALLOW_LONG_MAX_MODEL_LEN must be used with extreme caution\./);
    // 65536 itself is fine (4 × 16384), and is what vLLM picks when none is given.
    const ok = await run([join(dir, 'coder'), '--max-model-len', '65536', '--tensor-parallel-size', '2']);
    assert.equal(ok.code, -1, ok.out);
    assert.match(ok.out, /Using max model len 65536/);
  });

  test('yarn: the limit is original_max_position_embeddings × factor; VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 turns it into a warning', async () => {
    const r = await run([join(dir, 'r1'), '--max-model-len', '200000']);
    assert.equal(r.code, 1);
    assert.match(r.out, /derived max_model_len \(max_position_embeddings=163840\.0 or model_max_length=None/);
    const w = await run([join(dir, 'r1'), '--max-model-len', '200000'], '910b4', { VLLM_ALLOW_LONG_MAX_MODEL_LEN: '1' });
    assert.doesNotMatch(w.out, /ValidationError/);
    assert.match(w.out, /WARNING .*User-specified max_model_len \(200000\) is greater than the derived max_model_len.* VLLM_ALLOW_LONG_MAX_MODEL_LEN must be used with extreme caution/);
  });

  test('an unknown argument is argparse\'s exit-2 usage error from the top-level vllm parser', async () => {
    const r = await run([join(dir, 'coder'), '--max-model-len', '4096', '--device', 'npu', '--max_batch_size=256']);
    assert.equal(r.code, 2);
    assert.equal(r.out.split('\n').filter((l) => /usage:|error:/.test(l)).join('\n'),
      'usage: vllm [-h] [-v] {chat,complete,serve,launch,bench,collect-env,run-batch} ...\nvllm: error: unrecognized arguments: --device npu --max-batch-size=256');
    assert.doesNotMatch(r.out, /Starting to load model/);
  });

  test('TP not dividing the attention heads is a VllmConfig validation error', async () => {
    const r = await run([join(dir, 'coder'), '--max-model-len', '4096', '--tensor-parallel-size', '3']);
    assert.equal(r.code, 1);
    assert.match(r.out, /1 validation error for VllmConfig\n {2}Value error, Total number of attention heads \(32\) must be divisible by tensor parallel size \(3\)\./);
  });

  test('a KV cache too small for one sequence fails the engine with vLLM\'s message and an estimate', async () => {
    // 6.7B bf16 on one 32 GB 910B4: ~13 GB of weights leave ~15 GiB; 65536 tokens × 512 KiB need 32 GiB.
    const r = await run([join(dir, 'coder')]);
    assert.equal(r.code, 1);
    assert.match(r.out, /EngineCore failed to start\./);
    assert.match(r.out, /ValueError: To serve at least one request with the model's max seq len \(65536\), \(32\.0 GiB KV cache is needed, which is larger than the available KV cache memory \([\d.]+ GiB\)\. Based on the available memory, the estimated maximum model length is \d+\. Try increasing `gpu_memory_utilization`/);
    assert.match(r.out, /RuntimeError: Engine core initialization failed\. See root cause above\. Failed core proc\(s\): \{'EngineCore': 1\}\n$/);
    const est = Number(/estimated maximum model length is (\d+)/.exec(r.out)?.[1]);
    // The estimate it names starts: the KV lines then report that many tokens.
    const ok = await run([join(dir, 'coder'), '--max-model-len', String(est)]);
    assert.equal(ok.code, -1, ok.out);
    assert.match(ok.out, new RegExp(`GPU KV cache size: ${est.toLocaleString('en-US')} tokens`));
  });

  test('bf16 on 310P fails in CANN with the real EZ1001 text; --dtype float16 starts', async () => {
    const small = join(dir, 'coder-1.3b');
    mkdirSync(small, { recursive: true });
    writeFileSync(join(small, 'config.json'), JSON.stringify({ ...CODER, hidden_size: 2048, intermediate_size: 5504, num_attention_heads: 16, num_key_value_heads: 16, num_hidden_layers: 24 }));
    const r = await run([small, '--max-model-len', '4096'], '310p3');
    assert.equal(r.code, 1);
    assert.match(r.out, /RuntimeError: call aclnnCast failed, detail:EZ1001: \[PID: \d+\] [\d:.-]+ self not implemented for DT_BFLOAT16, should be in dtype support list \[DT_FLOAT16,DT_FLOAT,/);
    assert.match(r.out, /Failed core proc\(s\): \{'EngineCore': 1\}/);
    const ok = await run([small, '--max-model-len', '4096', '--dtype', 'float16'], '310p3');
    assert.equal(ok.code, -1, ok.out);
  });
});
