/**
 * What quantization needs to know about a model: dense or MoE, and the msModelSlim `--model_type` name
 * (case-sensitive, as in msModelSlim's model support matrix). From the model's config.json when we have it
 * (MoE keys, as vLLM reads them), else from the DeepSeek ids in ascend-facts §5.
 */

export type ModelArch = 'dense' | 'moe' | 'unknown';

/** config.json keys that only MoE models carry. */
const MOE_KEYS = ['n_routed_experts', 'num_experts', 'num_local_experts'];

export function archFromConfig(configJson: string | undefined): ModelArch {
  if (!configJson) return 'unknown';
  try {
    const c = JSON.parse(configJson) as Record<string, unknown>;
    if (typeof c !== 'object' || c === null) return 'unknown';
    return MOE_KEYS.some((k) => typeof c[k] === 'number' && (c[k] as number) > 0) ? 'moe' : 'dense';
  } catch {
    return 'unknown';
  }
}

/** ascend-facts §5: which DeepSeek ids are MoE and which dense. */
export function archFromId(modelId: string): ModelArch {
  const name = (modelId.split('/').pop() ?? '').toLowerCase();
  if (/^deepseek-coder-v2|^deepseek-v2|^deepseek-v3|^deepseek-r1(-0528)?$|^deepseek-r1-w8a8/.test(name)) return 'moe';
  if (/^deepseek-coder-\d|^deepseek-r1-distill-/.test(name)) return 'dense';
  return 'unknown';
}

/**
 * msModelSlim model names from its support matrix, for the ids of ascend-facts §5. Other ids get the last
 * part of the id, which msModelSlim may not know (it then falls back to a default practice).
 */
const MODEL_TYPES: Array<[RegExp, string]> = [
  [/^deepseek-coder-33b-/, 'DeepSeek-Coder-33B'],
  [/^deepseek-r1-distill-qwen-1\.5b$/, 'DeepSeek-R1-Distill-Qwen-1.5B'],
  [/^deepseek-r1-distill-qwen-7b$/, 'DeepSeek-R1-Distill-Qwen-7B'],
  [/^deepseek-r1-distill-qwen-14b$/, 'DeepSeek-R1-Distill-Qwen-14B'],
  [/^deepseek-r1-distill-qwen-32b$/, 'DeepSeek-R1-Distill-Qwen-32B'],
  [/^deepseek-r1-distill-llama-8b$/, 'DeepSeek-R1-Distill-Llama-8B'],
  [/^deepseek-r1-distill-llama-70b$/, 'DeepSeek-R1-Distill-Llama-70B'],
  [/^deepseek-v2-lite/, 'DeepSeek-V2-16B'],
  [/^deepseek-v3$/, 'DeepSeek-V3'],
  [/^deepseek-r1$/, 'DeepSeek-R1'],
];

export function modelTypeFor(modelId: string): { modelType: string; known: boolean } {
  const last = modelId.split('/').pop() ?? modelId;
  const hit = MODEL_TYPES.find(([re]) => re.test(last.toLowerCase()));
  return hit ? { modelType: hit[1], known: true } : { modelType: last, known: false };
}
