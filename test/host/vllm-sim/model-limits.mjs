// What vLLM refuses about a model at startup, from its config.json (docs/vllm-startup-refusals.md):
// max_model_len over the derived limit, TP not dividing the attention heads, a KV cache too small for one sequence.
// The messages are vLLM's; the memory figures come from an estimate of ours (weights and KV bytes from config.json).
import { readdirSync } from 'node:fs';

/** Python's float repr for the integral floats vLLM prints (163840.0), else the number. */
const pyNum = (v, isFloat) => (isFloat && Number.isInteger(v) ? v.toFixed(1) : String(v));

/** vllm/transformers_utils/model_arch_config_convertor.py derive_max_model_len_and_key + the RoPE scaling of
 * vllm/config/model.py _get_and_verify_max_len. @returns {{ value: number, key: string|null, isFloat: boolean }} */
export function derivedMaxLen(config) {
  const keys = ['max_position_embeddings', 'n_positions', 'max_seq_len', 'seq_length', 'model_max_length',
    'max_target_positions', 'max_sequence_length', 'max_seq_length', 'seq_len'];
  let value = Infinity;
  let key = null;
  for (const k of keys) {
    const v = config[k];
    if (typeof v === 'number') { if (v < value) key = k; value = Math.min(value, v); }
  }
  if (typeof config.model_max_length === 'number') { key = 'model_max_length'; value = config.model_max_length; }
  if (value === Infinity) value = 2048; // vLLM assumes 2048 and warns
  // Transformers v5 (and vLLM's patch for v4) give every config with rope_scaling or rope_theta rope parameters;
  // then the limit is multiplied by the factor (1.0 when none), which makes it a float.
  const rope = config.rope_parameters ?? config.rope_scaling ?? (config.rope_theta !== undefined ? { rope_type: 'default' } : null);
  let isFloat = false;
  if (rope && !String(config.model_type ?? '').includes('gemma3')) {
    const type = rope.rope_type ?? rope.type ?? 'default';
    let factor = 1.0;
    if (!['su', 'longrope', 'llama3'].includes(type)) {
      factor = rope.factor ?? factor;
      if (type === 'yarn') value = rope.original_max_position_embeddings ?? config.original_max_position_embeddings ?? value;
    }
    value *= factor ?? 1.0;
    isFloat = true;
  }
  return { value, key, isFloat };
}

const LONG_WARNING = 'VLLM_ALLOW_LONG_MAX_MODEL_LEN must be used with extreme caution. If the model uses relative position encoding (RoPE), positions exceeding derived_max_model_len lead to nan. If the model uses absolute position encoding, positions exceeding derived_max_model_len will cause a CUDA array out-of-bounds error.';

/** pydantic's wrapping of a ValueError raised in a vLLM config dataclass's __post_init__ (the input_value repr is ours). */
export function validationError(cls, msg, model) {
  return [
    `pydantic_core._pydantic_core.ValidationError: 1 validation error for ${cls}`,
    `  Value error, ${msg} [type=value_error, input_value=ArgsKwargs((), {'model': '${model}', ...}), input_type=ArgsKwargs]`,
  ];
}

/**
 * The max_model_len vLLM would use, or its refusal. `allowLong`: VLLM_ALLOW_LONG_MAX_MODEL_LEN is 1/true.
 * @returns {{ maxModelLen: number, error?: string[], warning?: string }}
 */
export function checkMaxLen(config, userLen, allowLong, model) {
  const d = derivedMaxLen(config);
  if (userLen === undefined || userLen === -1) return { maxModelLen: Math.trunc(d.value) };
  if (userLen <= d.value) return { maxModelLen: userLen };
  const mml = typeof config.model_max_length === 'number' ? config.model_max_length : null;
  if (mml !== null && userLen <= mml) return { maxModelLen: userLen };
  const msg = `User-specified max_model_len (${userLen}) is greater than the derived max_model_len (${d.key}=${pyNum(d.value, d.isFloat)} or model_max_length=${mml ?? 'None'} in model's config.json).`;
  if (allowLong) return { maxModelLen: userLen, warning: `${msg} ${LONG_WARNING}` };
  return {
    maxModelLen: userLen,
    error: validationError('ModelConfig', `${msg} To allow overriding this maximum, set the env var VLLM_ALLOW_LONG_MAX_MODEL_LEN=1. ${LONG_WARNING}`, model),
  };
}

/** vllm/config/model.py verify_with_parallel_config, raised from VllmConfig.__post_init__. */
export function checkHeads(config, tp, model) {
  const heads = config.num_attention_heads;
  if (typeof heads !== 'number' || heads % tp === 0) return null;
  return validationError('VllmConfig', `Total number of attention heads (${heads}) must be divisible by tensor parallel size (${tp}).`, model);
}

const GiB = 1024 ** 3;
/** vllm/utils/mem_utils.py format_gib: str(round(b / GiB, 2)) */
export function formatGib(b) {
  const v = Math.round((b / GiB) * 100) / 100;
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** Parameter counts from config.json (our estimate): routed experts apart, since expert parallel splits them. */
function params(c) {
  const h = c.hidden_size;
  const L = c.num_hidden_layers;
  const heads = c.num_attention_heads;
  const kv = c.num_key_value_heads ?? heads;
  const hd = c.head_dim ?? h / heads;
  let attn;
  if (c.kv_lora_rank) {
    const qk = c.qk_nope_head_dim + c.qk_rope_head_dim;
    const q = c.q_lora_rank ? h * c.q_lora_rank + c.q_lora_rank * heads * qk : h * heads * qk;
    attn = q + h * (c.kv_lora_rank + c.qk_rope_head_dim) + c.kv_lora_rank * heads * (c.qk_nope_head_dim + c.v_head_dim) + heads * c.v_head_dim * h;
  } else attn = 2 * h * heads * hd + 2 * h * kv * hd;
  const moeLayers = c.n_routed_experts ? L - (c.first_k_dense_replace ?? 0) : 0;
  const expert = 3 * h * (c.moe_intermediate_size ?? 0);
  const routed = moeLayers * c.n_routed_experts * expert || 0;
  const shared = moeLayers * ((c.n_shared_experts ?? 0) * expert + h * (c.n_routed_experts ?? 0));
  const dense = (L - moeLayers) * 3 * h * c.intermediate_size;
  return { routed, other: L * attn + dense + shared + c.vocab_size * h * (c.tie_word_embeddings ? 1 : 2) };
}

function quantized(modelDir, config) {
  if (config.quantization_config) return true;
  try { return readdirSync(modelDir).some((f) => /^quant_model_description.*\.json$/.test(f)); } catch { return false; }
}

const BYTES = { bfloat16: 2, float16: 2, half: 2, float32: 4, float: 4 };

/**
 * Memory of one NPU for this engine, in bytes (estimate): weights, KV bytes per token, available KV memory.
 * @returns {null | { weights: number, kvPerToken: number, available: number }}
 */
export function memoryPlan({ config, modelDir, tp, dp, expertParallel, dtype, kvCacheDtype, capMiB, baseMiB, util }) {
  if (!config || !config.hidden_size || !config.num_hidden_layers || !config.vocab_size) return null;
  const p = params(config);
  const wBytes = quantized(modelDir, config) ? 1 : (BYTES[dtype] ?? BYTES[config.torch_dtype ?? config.dtype] ?? 2);
  const weights = ((expertParallel ? p.routed / (tp * dp) : p.routed / tp) + p.other / tp) * wBytes;
  const kvBytes = /int8|fp8/.test(String(kvCacheDtype ?? '')) ? 1 : 2;
  const heads = config.num_attention_heads;
  const kvHeads = config.num_key_value_heads ?? heads;
  const hd = config.head_dim ?? config.hidden_size / heads;
  // MLA keeps one latent (kv_lora_rank + rope dims) per token, replicated on every TP rank.
  const kvPerToken = config.kv_lora_rank
    ? (config.kv_lora_rank + config.qk_rope_head_dim) * config.num_hidden_layers * kvBytes
    : 2 * Math.max(1, Math.ceil(kvHeads / tp)) * hd * config.num_hidden_layers * kvBytes;
  const overhead = GiB; // activations and runtime buffers: ours
  const available = (capMiB - baseMiB) * 1024 * 1024 * util - weights - overhead;
  return { weights, kvPerToken, available };
}

/** vllm/v1/core/kv_cache_utils.py _check_enough_kv_cache_memory; null when one sequence fits. */
export function kvProblem(plan, maxModelLen) {
  if (plan.available <= 0) {
    return 'ValueError: No available memory for the cache blocks. Try increasing `gpu_memory_utilization` when initializing the engine (this flag also controls CPU memory reservation on the CPU backend, despite its name). See https://docs.vllm.ai/en/latest/configuration/conserving_memory/ for more details.';
  }
  const needed = plan.kvPerToken * maxModelLen;
  if (needed <= plan.available) return null;
  const est = Math.floor(plan.available / plan.kvPerToken);
  const estMsg = est > 0 ? `Based on the available memory, the estimated maximum model length is ${est}. ` : '';
  return `ValueError: To serve at least one request with the model's max seq len (${maxModelLen}), (${formatGib(needed)} GiB KV cache is needed, which is larger than the available KV cache memory (${formatGib(plan.available)} GiB). ${estMsg}Try increasing \`gpu_memory_utilization\` (which also controls CPU memory on the CPU backend) or decreasing \`max_model_len\` when initializing the engine. See https://docs.vllm.ai/en/latest/configuration/conserving_memory/ for more details.`;
}
