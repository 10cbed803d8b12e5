/**
 * Keyword arguments SamplingParams(...) accepts at the vLLM version the schemas describe: the fields of the
 * msgspec Struct `SamplingParams`, in declaration order.
 *
 * Source: vllm-project/vllm, `vllm/sampling_params.py` lines 198-352 at commit
 * eebce65756f0beb08547439728da98b5e1a7119c (the v0.23.0 branch-cut commit of scripts/gen-schemas.mjs, read from
 * the EmbeddedLLM/vllm fork, which holds the same upstream SHAs). The excerpt is kept in
 * test/unit/python/fixtures/vllm-sampling_params-eebce657.py, and a test checks this list against it.
 * A msgspec Struct's constructor accepts every field, including the ones vLLM fills in itself (`_eos_token_id`,
 * `output_text_buffer_length`, ...), so all fields are listed; completion and did-you-mean offer only the public ones.
 */
export const SAMPLING_PARAMS_VERSION = 'v0.23.0';
export const SAMPLING_PARAMS_COMMIT = 'eebce65756f0beb08547439728da98b5e1a7119c';

export const SAMPLING_PARAMS_FIELDS: readonly string[] = [
  'n', 'presence_penalty', 'frequency_penalty', 'repetition_penalty', 'temperature', 'top_p', 'top_k', 'min_p',
  'seed', 'stop', 'stop_token_ids', 'ignore_eos', 'max_tokens', 'min_tokens', 'logprobs', 'prompt_logprobs',
  'logprob_token_ids', 'flat_logprobs', 'detokenize', 'skip_special_tokens', 'spaces_between_special_tokens',
  'include_stop_str_in_output', 'output_kind', 'skip_clone', 'output_text_buffer_length', '_eos_token_id',
  '_all_stop_token_ids', 'structured_outputs', 'logit_bias', 'allowed_token_ids', 'extra_args',
  'routed_experts_prompt_start', 'bad_words', '_bad_words_token_ids', 'skip_reading_prefix_cache',
  'thinking_token_budget', 'repetition_detection',
];

/**
 * Fields of older SamplingParams (seen at vllm-project/vllm db573835d3ef, a v0.6-era copy) that the file at
 * v0.23.0 no longer has: passing one raises TypeError at v0.23.0, but code written for an older vLLM may mean it,
 * so these get a warning, not an error.
 */
export const OLDER_SAMPLING_PARAMS_FIELDS: readonly string[] = [
  'best_of', 'logits_processors', 'truncate_prompt_tokens', 'guided_decoding', 'use_beam_search', 'length_penalty',
  'early_stopping',
];

/**
 * Fields added on vLLM main after v0.23.0 (seen at vllm-project/vllm 00388f6573ccfcffad607b8c9ecdf341a4669ceb;
 * `stream_interval` also at EmbeddedLLM/vllm 5ac2684976ee22c04fe0d2f968c6cf6096b383f2). v0.23.0 raises TypeError
 * for them; code written for a newer vLLM may mean them, so these get a warning, not an error.
 */
export const NEWER_SAMPLING_PARAMS_FIELDS: readonly string[] = [
  'prompt_logprob_token_ids', 'prompt_logprob_start', 'stream_interval', 'trace_decode_token_ids',
];
