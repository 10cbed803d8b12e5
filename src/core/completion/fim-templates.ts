/**
 * Fill-in-the-middle prompt templates. vLLM rejects a non-null `suffix` (docs/ascend-facts.md §5), so the whole FIM
 * prompt is rendered here and sent as `prompt`.
 *
 * Sources:
 * - DeepSeek-Coder v1/V2: docs/ascend-facts.md §5 (both READMEs): `<｜fim▁begin｜>`, `<｜fim▁hole｜>`, `<｜fim▁end｜>`,
 *   where `｜` is U+FF5C and `▁` is U+2581; EOS `<｜end▁of▁sentence｜>`, instruct `<|EOT|>`. Repo-level context is
 *   a file-path comment before each file. BOS is added by vLLM (add_special_tokens defaults to true), so we never
 *   prepend it.
 * - Qwen2.5-Coder (QwenLM/Qwen2.5-Coder README, "file-level code completion"): `<|fim_prefix|>…<|fim_suffix|>…
 *   <|fim_middle|>`; specials `<|endoftext|>`, `<|fim_pad|>`, `<|repo_name|>`, `<|file_sep|>`, `<|im_start|>`,
 *   `<|im_end|>`. The reference docs of this project are silent on Qwen; these come from the model's README.
 * - StarCoder2 (paper arXiv 2402.19173 §5): `<fim_prefix>…<fim_suffix>…<fim_middle>`, `<file_sep>`,
 *   `<|endoftext|>`. Not covered by the project reference.
 * - CodeLlama (transformers docs / Meta's paper): `<PRE> {prefix} <SUF>{suffix} <MID>`, end of infill `<EOT>`,
 *   EOS `</s>`. Not covered by the project reference.
 */

export type TemplateId = 'deepseek' | 'qwen' | 'starcoder2' | 'codellama';

export interface FimTemplate {
  readonly id: TemplateId;
  /** Renders the prompt; `context` is extra context (already formatted) placed before the prefix. */
  render(context: string, prefix: string, suffix: string): string;
  /** FIM markers and end-of-sequence strings, always sent as stops. */
  readonly stopTokens: readonly string[];
}

/** U+FF5C FULLWIDTH VERTICAL LINE and U+2581 LOWER ONE EIGHTH BLOCK, spelled by code point on purpose. */
const BAR = '\uFF5C';
const LOW = '\u2581';

export const DEEPSEEK_TOKENS = {
  begin: `<${BAR}fim${LOW}begin${BAR}>`,
  hole: `<${BAR}fim${LOW}hole${BAR}>`,
  end: `<${BAR}fim${LOW}end${BAR}>`,
  eos: `<${BAR}end${LOW}of${LOW}sentence${BAR}>`,
  eot: '<|EOT|>',
} as const;

const deepseek: FimTemplate = {
  id: 'deepseek',
  render: (context, prefix, suffix) =>
    `${DEEPSEEK_TOKENS.begin}${context}${prefix}${DEEPSEEK_TOKENS.hole}${suffix}${DEEPSEEK_TOKENS.end}`,
  stopTokens: [DEEPSEEK_TOKENS.begin, DEEPSEEK_TOKENS.hole, DEEPSEEK_TOKENS.end, DEEPSEEK_TOKENS.eos, DEEPSEEK_TOKENS.eot],
};

const qwen: FimTemplate = {
  id: 'qwen',
  render: (context, prefix, suffix) => `<|fim_prefix|>${context}${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
  stopTokens: ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>', '<|repo_name|>',
    '<|file_sep|>', '<|im_start|>', '<|im_end|>'],
};

const starcoder2: FimTemplate = {
  id: 'starcoder2',
  render: (context, prefix, suffix) => `<fim_prefix>${context}${prefix}<fim_suffix>${suffix}<fim_middle>`,
  stopTokens: ['<|endoftext|>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<file_sep>', '<repo_name>'],
};

const codellama: FimTemplate = {
  id: 'codellama',
  render: (context, prefix, suffix) => `<PRE> ${context}${prefix} <SUF>${suffix} <MID>`,
  stopTokens: ['<EOT>', '</s>', '<PRE>', '<SUF>', '<MID>'],
};

export const TEMPLATES: Readonly<Record<TemplateId, FimTemplate>> = { deepseek, qwen, starcoder2, codellama };

export function isTemplateId(value: string): value is TemplateId {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, value);
}

/**
 * Picks the template for a served model name (e.g. `deepseek-coder`, `Qwen/Qwen2.5-Coder-7B`).
 * An override (the `ascend.completion.template` setting) wins when it names a known template; `auto`, empty or
 * unknown values fall back to detection. Unknown models get DeepSeek, the project's target model.
 */
export function chooseTemplate(modelName: string, override?: string): FimTemplate {
  const o = (override ?? '').trim().toLowerCase();
  if (o && isTemplateId(o)) return TEMPLATES[o];
  const m = modelName.toLowerCase();
  if (m.includes('qwen')) return qwen;
  if (m.includes('starcoder')) return starcoder2;
  if (m.includes('codellama') || m.includes('code-llama') || m.includes('code_llama')) return codellama;
  return deepseek;
}
