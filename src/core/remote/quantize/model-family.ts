/**
 * What quantization needs to know about a model: dense or MoE, the msModelSlim `--model_type` name of its quick
 * (one-command) quantization when msModelSlim has one, the `--quant_type` values each msModelSlim release takes,
 * and the example recipe for models without a quick path (DeepSeek-Coder). From the model's config.json when we
 * have it (MoE keys, as vLLM reads them), else from the DeepSeek ids in docs/ascend-facts.md §5. msModelSlim facts:
 * docs/vllm-arithmetic.md, "msModelSlim".
 */
import { t } from '../../l10n/index';

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

/** docs/ascend-facts.md §5: which DeepSeek ids are MoE and which dense. */
export function archFromId(modelId: string): ModelArch {
  const name = (modelId.split('/').pop() ?? '').toLowerCase();
  if (/^deepseek-coder-v2|^deepseek-v2|^deepseek-v3|^deepseek-r1(-0528)?$|^deepseek-r1-w8a8/.test(name)) return 'moe';
  if (/^deepseek-coder-\d|^deepseek-r1-distill-/.test(name)) return 'dense';
  return 'unknown';
}

/** `--quant_type` choices (the QuantType enum of msmodelslim/core/const.py) per msModelSlim release. */
export const QUANT_TYPES = {
  '26.0.0': ['w4a4', 'w4a8', 'w4a8c8', 'w8a16', 'w8a8', 'w8a8s', 'w8a8c8', 'w16a16s'],
  '26.1.0': ['w4a4', 'w4a8', 'w4a4c8', 'w4a4f8', 'w4a8c8', 'w8a16', 'w8a8', 'w8a8s', 'w8a8c8', 'w8a8f8', 'w4a4f4', 'w16a16s'],
} as const;

/** The newest release read; what `msmodelslim quant --quant_type` is checked against by default. */
export const QUICK_QUANT_TYPES: readonly string[] = QUANT_TYPES['26.1.0'];

/** The first msModelSlim release that takes a quant type, or undefined when none read does. */
export function quantTypeSince(type: string): string | undefined {
  return (Object.keys(QUANT_TYPES) as Array<keyof typeof QUANT_TYPES>).find((v) => (QUANT_TYPES[v] as readonly string[]).includes(type));
}

/**
 * DeepSeek `--model_type` names msModelSlim maps to a model adapter (its config/config.ini, [ModelAdapter];
 * V4 from 26.1.0). Other ids, DeepSeek-Coder among them, get the default adapter and no verified practice.
 */
const MODEL_TYPES: Array<[RegExp, string]> = [
  [/^deepseek-r1-distill-qwen-1\.5b$/, 'DeepSeek-R1-Distill-Qwen-1.5B'],
  [/^deepseek-r1-distill-qwen-7b$/, 'DeepSeek-R1-Distill-Qwen-7B'],
  [/^deepseek-v3$/, 'DeepSeek-V3'],
  [/^deepseek-v3-0324$/, 'DeepSeek-V3-0324'],
  [/^deepseek-r1$/, 'DeepSeek-R1'],
  [/^deepseek-r1-0528$/, 'DeepSeek-R1-0528'],
  [/^deepseek-v3\.1$/, 'DeepSeek-V3.1'],
  [/^deepseek-v3\.1-terminus$/, 'DeepSeek-V3.1-Terminus'],
  [/^deepseek-v3\.2$/, 'DeepSeek-V3.2'],
  [/^deepseek-v3\.2-exp$/, 'DeepSeek-V3.2-Exp'],
  [/^deepseek-v4-flash$/, 'DeepSeek-V4-Flash'],
  [/^deepseek-v4-pro$/, 'DeepSeek-V4-Pro'],
];

export interface ExampleRecipe {
  /** The script in msModelSlim's repository. */
  script: string;
  /** Its arguments for the scheme (model and save paths left to the user). */
  args: string[];
}

/** `--w_bit/--a_bit` and method flags of example/DeepSeek/quant_deepseek.py for DeepSeek-Coder, per scheme (example/DeepSeek/README.md). */
const CODER_RECIPES: Record<string, string[]> = {
  w8a8: ['--device_type', 'npu', '--act_method', '3', '--anti_method', 'm2', '--w_bit', '8', '--a_bit', '8', '--model_name', 'deepseek_coder'],
  w8a16: ['--device_type', 'npu', '--anti_method', 'm3', '--w_bit', '8', '--a_bit', '16', '--model_name', 'deepseek_coder'],
  w8a8c8: ['--device_type', 'npu', '--act_method', '2', '--anti_method', 'm2', '--w_bit', '8', '--a_bit', '8', '--use_kvcache_quant', 'True', '--model_name', 'deepseek_coder'],
};

/** The example recipe msModelSlim documents for a model without a quick path, when there is one. */
export function exampleRecipeFor(modelId: string, scheme: string): ExampleRecipe | undefined {
  const name = (modelId.split('/').pop() ?? '').toLowerCase();
  if (!/^deepseek-coder-\d/.test(name)) return undefined;
  const args = CODER_RECIPES[scheme.toLowerCase()];
  return args ? { script: 'example/DeepSeek/quant_deepseek.py', args } : undefined;
}

/** A note for the plan when the model has no quick path: what msModelSlim documents instead. */
export function noQuickPathNote(modelId: string, scheme: string): string {
  const recipe = exampleRecipeFor(modelId, scheme);
  if (recipe) {
    return t('{0} has no msModelSlim one-command practice (it would use the default adapter); msModelSlim documents {1} for it: python3 {1} --model_path <weights> --save_directory <output> {2}.', modelId, recipe.script, recipe.args.join(' '));
  }
  return t('{0} is not in the msModelSlim model matrix known to this extension; msmodelslim falls back to a default practice whose accuracy it does not guarantee.', modelId);
}

export function modelTypeFor(modelId: string): { modelType: string; known: boolean } {
  const last = modelId.split('/').pop() ?? modelId;
  const hit = MODEL_TYPES.find(([re]) => re.test(last.toLowerCase()));
  return hit ? { modelType: hit[1], known: true } : { modelType: last, known: false };
}
