/**
 * What one request asks for: the FIM prompt, the body and how to read the stream. At the end of a line,
 * single-line mode reads on past the line break (a line chain): the first line with text is shown (a next-line
 * suggestion when the cursor line is complete), and every line read pre-fills the cache for the states the user
 * reaches by accepting or typing the lines before it (next-line.ts). Blank lines and top-level keywords do not end
 * this read (only what is shown is cut, by post-processing).
 */
import type { ModeDecision } from './completion-mode';
import type { DocumentWindow } from './document-window';
import type { CompletionEngineOptions } from './engine-api';
import { chooseTemplate } from './fim-templates';
import { buildPrompt } from './prompt-builder';
import { DEFAULT_TUNING, buildRequestBody } from './request-body';
import type { CompletionRequestBody } from './request-body';
import type { StreamOptions } from './vllm-client';

/** Lines an end-of-line read goes for (with max_tokens = the multi-line budget). */
export const CHAIN_LINES = 8;

export interface RequestPlan {
  body: CompletionRequestBody;
  read: StreamOptions;
  /** An end-of-line read of several lines. */
  chain: boolean;
}

export function planRequest(w: DocumentWindow, decision: ModeDecision, model: string, extraText: string,
  doc: { fileName: string; languageId: string }, opts: CompletionEngineOptions): RequestPlan {
  const template = chooseTemplate(model, opts.template);
  const chain = decision.mode === 'single' && w.lineSuffix === '' && (opts.nextLine ?? true);
  const built = buildPrompt(w, template, extraText, doc.fileName, doc.languageId, decision.mode);
  const multi = opts.maxTokensMulti ?? DEFAULT_TUNING.maxTokensMulti;
  const body = buildRequestBody(model, built.prompt, chain ? [...template.stopTokens] : built.stops, decision.mode, {
    maxTokensSingle: chain ? multi : opts.maxTokensSingle ?? DEFAULT_TUNING.maxTokensSingle,
    maxTokensMulti: multi,
    temperature: opts.temperature ?? DEFAULT_TUNING.temperature,
  });
  const read: StreamOptions = {
    stopAtNewline: decision.mode === 'single',
    lines: chain ? CHAIN_LINES : 1,
    maxStreamMs: decision.mode === 'single' ? opts.maxStreamMsSingle ?? 1500 : opts.maxStreamMsMulti ?? 3000,
  };
  return { body, read, chain };
}
