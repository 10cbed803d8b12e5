/**
 * The JSON body of `POST /v1/completions`. `max_tokens` is always sent (vLLM's default is 16). There is no
 * `suffix` field, ever: vLLM answers 400 "suffix is not currently supported" (docs/ascend-facts.md §5).
 */
import type { CompletionMode } from './completion-mode';

export interface CompletionRequestBody {
  model: string;
  prompt: string;
  max_tokens: number;
  temperature: number;
  top_p: number;
  stream: true;
  stop: string[];
}

export interface RequestTuning {
  maxTokensSingle: number;
  maxTokensMulti: number;
  temperature: number;
}

export const DEFAULT_TUNING: RequestTuning = { maxTokensSingle: 24, maxTokensMulti: 64, temperature: 0.1 };

export function buildRequestBody(
  model: string,
  prompt: string,
  stops: string[],
  mode: CompletionMode,
  tuning: RequestTuning = DEFAULT_TUNING,
): CompletionRequestBody {
  return {
    model,
    prompt,
    max_tokens: mode === 'single' ? tuning.maxTokensSingle : tuning.maxTokensMulti,
    temperature: tuning.temperature,
    top_p: 0.95,
    stream: true,
    stop: stops,
  };
}
