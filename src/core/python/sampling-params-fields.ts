/**
 * Keyword arguments SamplingParams(...) accepts: the fields of the msgspec Struct `SamplingParams` in vLLM's
 * `vllm/sampling_params.py`. Source read: vllm-project/vllm, vllm/sampling_params.py at commit
 * 00388f6573ccfcffad607b8c9ecdf341a4669ceb (main, the stored copy nearest to v0.23.0; the v0.23.0 tag itself was
 * not available to read, see vllm-args-NOTES.md). A msgspec Struct's constructor accepts every field, including
 * the ones vLLM fills in itself, so all fields are listed.
 */
export const SAMPLING_PARAMS_FIELDS: readonly string[] = [
  'n', 'presence_penalty', 'frequency_penalty', 'repetition_penalty', 'temperature', 'top_p', 'top_k', 'min_p',
  'seed', 'stop', 'stop_token_ids', 'ignore_eos', 'max_tokens', 'min_tokens', 'logprobs', 'prompt_logprobs',
  'prompt_logprob_token_ids', 'prompt_logprob_start', 'logprob_token_ids', 'flat_logprobs', 'detokenize',
  'skip_special_tokens', 'spaces_between_special_tokens', 'include_stop_str_in_output', 'output_kind',
  'stream_interval', 'skip_clone', 'output_text_buffer_length', '_eos_token_id', '_all_stop_token_ids',
  'structured_outputs', 'logit_bias', 'allowed_token_ids', 'extra_args', 'bad_words', '_bad_words_token_ids',
  'skip_reading_prefix_cache', 'thinking_token_budget', 'repetition_detection', 'routed_experts_prompt_start',
  'trace_decode_token_ids',
];

/**
 * Fields of older SamplingParams (seen at vllm-project/vllm db573835d3ef, a v0.6-era copy) that the newer file no
 * longer has. Whether each still existed at v0.23.0 exactly is not known here, so these get a warning, not an error.
 */
export const OLDER_SAMPLING_PARAMS_FIELDS: readonly string[] = [
  'best_of', 'logits_processors', 'truncate_prompt_tokens', 'guided_decoding', 'use_beam_search', 'length_penalty',
  'early_stopping',
];
