/**
 * Opt-in timing trace of the inline completion provider, for benchmark B (test/bench/completion/vscode-b.bench.ts):
 * with `ASCEND_LLM_COMPLETION_TRACE=<file>` in the extension host's environment, one JSON line per
 * provideInlineCompletionItems call is appended to that file. Times are wall-clock ms
 * (performance.timeOrigin + performance.now()), comparable with a browser page's and other processes' stamps.
 * Off (undefined) when the variable is unset; writing is batched and asynchronous, and never throws.
 */
import { appendFile } from 'node:fs';
import type { RequestTiming } from '../../core/completion/engine-api';

export interface ProviderTraceLine {
  /** provideInlineCompletionItems entered. */
  entry: number;
  /** engine.complete() called (absent when the engine was not called: no engine, or the language is off). */
  engineCalled?: number;
  /** The provider returned. */
  returned: number;
  version: number;
  offset: number;
  items: boolean;
  cancelled: boolean;
  source?: string;
  mode?: string;
  /** False for a first piece returned while the rest of its line was still arriving (the provider asks again). */
  complete?: boolean;
  /** The engine's stamps for this call, when it sent a request (RequestTiming, times made wall-clock). */
  engine?: Omit<RequestTiming, 'mode' | 'returnedText'>;
}

export interface CompletionTrace {
  /** Wall-clock ms now. */
  now(): number;
  /** For the engine's `onTiming` option. */
  onTiming(timing: RequestTiming): void;
  /** Appends one call's line; `engineCalledPerf` (performance.now() when the engine was called) finds its timing. */
  record(line: ProviderTraceLine, engineCalledPerf?: number): void;
}

const FLUSH_MS = 100;

export function completionTraceFromEnv(env: NodeJS.ProcessEnv = process.env): CompletionTrace | undefined {
  const file = env.ASCEND_LLM_COMPLETION_TRACE;
  if (!file) return undefined;
  const origin = performance.timeOrigin;
  const timings: RequestTiming[] = [];
  let buffer: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const text = buffer.join('');
    buffer = [];
    appendFile(file, text, () => undefined);
  };
  const wall = (t: number | undefined) => (t === undefined ? undefined : origin + t);
  return {
    now: () => origin + performance.now(),
    onTiming: (timing) => {
      timings.push(timing);
      if (timings.length > 32) timings.shift();
    },
    record: (line, engineCalledPerf) => {
      try {
        if (engineCalledPerf !== undefined) {
          // The engine stamps `entered` first thing in complete(), right after the provider's stamp.
          const i = timings.findIndex((t) => t.entered >= engineCalledPerf && t.entered - engineCalledPerf < 5);
          if (i >= 0) {
            const [t] = timings.splice(i, 1);
            line.engine = {
              entered: origin + t.entered, debounceMs: t.debounceMs, sent: origin + t.sent, firstByte: wall(t.firstByte),
              streamEnded: origin + t.streamEnded, returned: origin + t.returned, finishReason: t.finishReason, complete: t.complete,
            };
          }
        }
        buffer.push(JSON.stringify(line) + '\n');
        if (!timer) {
          timer = setTimeout(flush, FLUSH_MS);
          timer.unref?.();
        }
      } catch {
        // A trace never breaks completion.
      }
    },
  };
}
