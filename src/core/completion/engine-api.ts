/** The engine's public types: what the VS Code provider, the status bar and the benchmark use. */
import type { CancellationLike, Disposable } from './cancellation';
import type { CompletionMode } from './completion-mode';
import type { WindowOptions } from './document-window';
import type { EngineCounters } from './engine-counters';
import type { EngineState } from './engine-state';
import type { RecentEditsSource } from './extra-context';

export interface CompletionRequest {
  documentText: string;
  /** Cursor offset in documentText (UTF-16 code units, like VS Code's offsetAt). */
  offset: number;
  languageId: string;
  /** Path used in file-path comments; workspace-relative is best. */
  fileName: string;
  recentEdits?: RecentEditsSource;
  token: CancellationLike;
}

export type ResultSource = 'cache' | 'stream' | 'request';

export type AbortReason = 'superseded' | 'edit' | 'cancelled';

export interface CompletionResult {
  /** Text to insert; it replaces [replaceStart, replaceEnd) (offsets in documentText). */
  text: string;
  replaceStart: number;
  replaceEnd: number;
  /** True when no new request was sent for it (cache or a stream already in flight). */
  fromCache: boolean;
  source: ResultSource;
  mode: CompletionMode;
  /** From complete() being called to the result. */
  latencyMs: number;
  /**
   * False when the stream was still adding to what is shown (the first piece of a line, or of a multi-line block):
   * `whenComplete` then resolves true once all of it is there and a new call would return it at once (from the
   * cache or the stream), false when it never will be (aborted, disagrees, failed).
   */
  complete: boolean;
  whenComplete?: Promise<boolean>;
}

export interface CompletionEngineOptions {
  /** Base URL of the vLLM server, e.g. http://127.0.0.1:8000 (a trailing /v1 is fine). */
  endpoint: string;
  apiKey?: string;
  /** Served model name; when absent, the first id of /v1/models. */
  model?: string;
  /** Template id ('deepseek' | 'qwen' | 'starcoder2' | 'codellama') or 'auto'/undefined to pick by model name. */
  template?: string;
  maxTokensSingle?: number;
  maxTokensMulti?: number;
  temperature?: number;
  /** Upper bound of the adaptive debounce; 0 disables it. Default 75. */
  debounceMaxMs?: number;
  cacheSize?: number;
  firstByteTimeoutMs?: number;
  /** Wall-clock caps per stream from sending. */
  maxStreamMsSingle?: number;
  maxStreamMsMulti?: number;
  /** How long a cancelled call's stream is kept for the next keystroke to join. 0 aborts at once. Default 120. */
  reuseGraceMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Miss p50 above this makes the state 'slow'. Default 1000. */
  slowThresholdMs?: number;
  window?: Partial<WindowOptions>;
  extraContextDeadlineMs?: number;
  extraContextMaxChars?: number;
  /** Request the continuation after a suggestion on screen before it is accepted (speculation.ts). Default true. */
  speculative?: boolean;
  /** The engine's clock (ms; default performance.now()): call and edit stamps, latencies, the retry backoff. */
  now?: () => number;
  /** Per-request timestamps (performance.now()) for benchmarks and an output-channel trace. */
  onTiming?: (timing: RequestTiming) => void;
  /** Let the debounce wait out typing bursts (from the edits given to noteEdit). Default true. */
  burstDebounce?: boolean;
  /** At the end of a line, read on past the line break: next-line suggestions, line-chain cache pre-fill. Default true. */
  nextLine?: boolean;
  /**
   * Each abort of a request in flight, with `since` = when what made it useless happened: the newer call
   * ('superseded'), the edit that disagrees with it ('edit', see noteEdit), or the caller's cancellation when the
   * reuse grace ran out ('cancelled').
   */
  onAbort?: (e: { reason: AbortReason; since: number; destroyed: number; speculative: boolean }) => void;
}

/**
 * Stamps of one call that sent a request. Overhead = (sent − entered − debounce) + (returned − streamEnded), where
 * `streamEnded` is when the stream had what the call returns (its first piece, or all of it).
 */
export interface RequestTiming {
  entered: number;
  debounceMs: number;
  sent: number;
  firstByte?: number;
  streamEnded: number;
  returned: number;
  mode: CompletionMode;
  finishReason: string;
  returnedText: boolean;
  /** False for a first piece returned while the rest of its line was still arriving. */
  complete: boolean;
}

export interface EngineStats {
  counters: EngineCounters;
  missP50?: number;
  missP95?: number;
  missSamples: number;
  /** Edit → fresh suggestion handed to the editor (the edit as the engine heard of it through noteEdit). */
  shownP50?: number;
  shownP95?: number;
  shownSamples: number;
}

export interface CompletionEngine {
  complete(request: CompletionRequest): Promise<CompletionResult | null>;
  /**
   * Call on every edit of the document being completed (cursor after the edit). A request in flight that the
   * edit makes useless (the text typed since it was sent disagrees with its answer) is aborted at once, instead
   * of after the reuse grace.
   */
  noteEdit(documentText: string | (() => string), offset: number): void;
  /** Call from the inline item's `command` when a suggestion is accepted. */
  recordAccepted(): void;
  readonly state: EngineState;
  onStateChange(listener: (state: EngineState) => void): Disposable;
  stats(): EngineStats;
  dispose(): void;
}
