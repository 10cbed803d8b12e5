// config.json of the DeepSeek models the simulated hubs serve. Values are those of the published config.json
// files as we know them; docs/ascend-facts.md §5 verifies the 1.3B heads (16/16), the 16K window of the coder models,
// the 128K window and 16 heads of V2-Lite and the 28 heads of R1-Distill-Qwen-7B. The 6.7B/33B head counts are
// marked "not verified here" in the references.

const coder = (hidden, inter, heads, kv, layers, eos) => ({
  architectures: ['LlamaForCausalLM'], attention_bias: false, attention_dropout: 0.0, bos_token_id: 32013, eos_token_id: eos,
  hidden_act: 'silu', hidden_size: hidden, initializer_range: 0.02, intermediate_size: inter, max_position_embeddings: 16384,
  model_type: 'llama', num_attention_heads: heads, num_hidden_layers: layers, num_key_value_heads: kv, pretraining_tp: 1,
  rms_norm_eps: 1e-6, rope_scaling: { factor: 4.0, type: 'linear' }, rope_theta: 100000, tie_word_embeddings: false,
  torch_dtype: 'bfloat16', transformers_version: '4.33.1', use_cache: true, vocab_size: 32256,
});

const v2lite = {
  architectures: ['DeepseekV2ForCausalLM'], auto_map: { AutoConfig: 'configuration_deepseek.DeepseekV2Config', AutoModel: 'modeling_deepseek.DeepseekV2Model', AutoModelForCausalLM: 'modeling_deepseek.DeepseekV2ForCausalLM' },
  aux_loss_alpha: 0.001, bos_token_id: 100000, eos_token_id: 100001, first_k_dense_replace: 1, hidden_act: 'silu', hidden_size: 2048,
  intermediate_size: 10944, kv_lora_rank: 512, max_position_embeddings: 163840, model_type: 'deepseek_v2', moe_intermediate_size: 1408,
  moe_layer_freq: 1, n_group: 1, n_routed_experts: 64, n_shared_experts: 2, norm_topk_prob: false, num_attention_heads: 16,
  num_experts_per_tok: 6, num_hidden_layers: 27, num_key_value_heads: 16, q_lora_rank: null, qk_nope_head_dim: 128, qk_rope_head_dim: 64,
  rms_norm_eps: 1e-6, rope_scaling: { beta_fast: 32, beta_slow: 1, factor: 40, mscale: 0.707, mscale_all_dim: 0.707, original_max_position_embeddings: 4096, type: 'yarn' },
  rope_theta: 10000, routed_scaling_factor: 1.0, scoring_func: 'softmax', topk_group: 1, topk_method: 'greedy', torch_dtype: 'bfloat16',
  transformers_version: '4.39.3', use_cache: true, v_head_dim: 128, vocab_size: 102400,
};

const qwen = (hidden, inter, heads, kv, vocab) => ({
  architectures: ['Qwen2ForCausalLM'], attention_dropout: 0.0, bos_token_id: 151643, eos_token_id: 151643, hidden_act: 'silu',
  hidden_size: hidden, initializer_range: 0.02, intermediate_size: inter, max_position_embeddings: 131072, max_window_layers: 28,
  model_type: 'qwen2', num_attention_heads: heads, num_hidden_layers: 28, num_key_value_heads: kv, rms_norm_eps: 1e-6,
  rope_theta: 10000, sliding_window: 4096, tie_word_embeddings: false, torch_dtype: 'bfloat16', transformers_version: '4.44.0',
  use_cache: true, use_sliding_window: false, vocab_size: vocab,
});

export const MODEL_CONFIGS = {
  'deepseek-ai/deepseek-coder-1.3b-base': coder(2048, 5504, 16, 16, 24, 32014),
  'deepseek-ai/deepseek-coder-1.3b-instruct': coder(2048, 5504, 16, 16, 24, 32021),
  'deepseek-ai/deepseek-coder-6.7b-base': coder(4096, 11008, 32, 32, 32, 32014),
  'deepseek-ai/deepseek-coder-6.7b-instruct': coder(4096, 11008, 32, 32, 32, 32021),
  'deepseek-ai/deepseek-coder-33b-base': coder(7168, 19200, 56, 8, 62, 32014),
  'deepseek-ai/deepseek-coder-33b-instruct': coder(7168, 19200, 56, 8, 62, 32021),
  'deepseek-ai/DeepSeek-Coder-V2-Lite-Base': v2lite,
  'deepseek-ai/DeepSeek-Coder-V2-Lite-Instruct': v2lite,
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B': qwen(1536, 8960, 12, 2, 151936),
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B': qwen(3584, 18944, 28, 4, 152064),
};

/** Hub ids are case-insensitive in lookups. */
export function configFor(id) {
  const key = Object.keys(MODEL_CONFIGS).find((k) => k.toLowerCase() === id.toLowerCase());
  return key ? { id: key, config: MODEL_CONFIGS[key] } : null;
}

/** Tensor names of a model (what the safetensors index and quant descriptions list). */
export function tensorNames(config) {
  const names = ['model.embed_tokens.weight'];
  const moe = Boolean(config.n_routed_experts);
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const p = `model.layers.${i}`;
    names.push(`${p}.input_layernorm.weight`, `${p}.post_attention_layernorm.weight`);
    if (config.kv_lora_rank) names.push(`${p}.self_attn.q_proj.weight`, `${p}.self_attn.kv_a_proj_with_mqa.weight`, `${p}.self_attn.kv_b_proj.weight`, `${p}.self_attn.o_proj.weight`);
    else names.push(`${p}.self_attn.q_proj.weight`, `${p}.self_attn.k_proj.weight`, `${p}.self_attn.v_proj.weight`, `${p}.self_attn.o_proj.weight`);
    if (moe && i >= (config.first_k_dense_replace ?? 0)) {
      names.push(`${p}.mlp.gate.weight`);
      for (let e = 0; e < Math.min(config.n_routed_experts, 4); e++) names.push(`${p}.mlp.experts.${e}.gate_proj.weight`, `${p}.mlp.experts.${e}.up_proj.weight`, `${p}.mlp.experts.${e}.down_proj.weight`);
    } else {
      names.push(`${p}.mlp.gate_proj.weight`, `${p}.mlp.up_proj.weight`, `${p}.mlp.down_proj.weight`);
    }
  }
  names.push('model.norm.weight', 'lm_head.weight');
  return names;
}
