/**
 * The completion engine: document + cursor in, text to insert out. No 'vscode' here; the provider adapts VS Code's
 * document, position and cancellation token to `CompletionRequest`.
 *
 * Per call: cut windows → choose mode → cache (exact, typing-through, backspace) → join a stream still in flight
 * whose start matches what was typed → otherwise supersede whatever is in flight, debounce adaptively, gather
 * extra context (≤ 20 ms), stream from vLLM, post-process. A cancelled call returns null at once; its stream is
 * kept for `reuseGraceMs` in case the next keystroke can use it, then aborted.
 */
import type { Disposable } from './cancellation';
import { CompletionCache, DEFAULT_CACHE, contextHash } from './completion-cache';
import type { CachedCompletion } from './completion-cache';
import { CompletionError } from './completion-errors';
import { chooseMode } from './completion-mode';
import type { CompletionMode } from './completion-mode';
import { AdaptiveDebounce } from './adaptive-debounce';
import { DEFAULT_WINDOW, cutWindow } from './document-window';
import type { DocumentWindow, WindowOptions } from './document-window';
import { emptyCounters } from './engine-counters';
import { StateHolder } from './engine-state';
import type { EngineState } from './engine-state';
import { DEFAULT_EXTRA_CONTEXT, gatherExtraContext } from './extra-context';
import { chooseTemplate } from './fim-templates';
import { LatencyWindow } from './latency-window';
import { postProcess } from './postprocess/postprocess';
import { buildPrompt } from './prompt-builder';
import { DEFAULT_TUNING, buildRequestBody } from './request-body';
import { RetryBackoff } from './retry-backoff';
import { VllmClient } from './vllm-client';
import type { CompletionStream, StreamOutcome } from './vllm-client';
import { t } from '../l10n/index';
import type {
  CompletionEngine, CompletionEngineOptions, CompletionRequest, CompletionResult, EngineStats, ResultSource,
} from './engine-api';

export type {
  CompletionEngine, CompletionEngineOptions, CompletionRequest, CompletionResult, EngineStats, RequestTiming, ResultSource,
} from './engine-api';

class Call {
  settled = false;
  readonly promise: Promise<CompletionResult | null>;
  private resolveFn!: (r: CompletionResult | null) => void;
  private readonly onSettled: Array<() => void> = [];

  constructor(readonly startedAt: number) {
    this.promise = new Promise((resolve) => { this.resolveFn = resolve; });
  }

  settle(result: CompletionResult | null): void {
    if (this.settled) return;
    this.settled = true;
    this.resolveFn(result);
    for (const f of this.onSettled) f();
  }

  whenSettled(f: () => void): void {
    this.onSettled.push(f);
  }
}

interface LiveStream {
  stream: CompletionStream;
  hash: string;
  linePrefix: string;
  mode: CompletionMode;
  afterOpener: boolean;
  owner: Call | undefined;
  parkTimer?: ReturnType<typeof setTimeout>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class Engine implements CompletionEngine {
  private readonly client: VllmClient;
  private readonly cache: CompletionCache;
  private readonly debounce: AdaptiveDebounce;
  private readonly backoff: RetryBackoff;
  private readonly misses = new LatencyWindow(200);
  private readonly counters = emptyCounters();
  private readonly holder: StateHolder;
  private readonly windowOpts: WindowOptions;
  private enabled: boolean;
  private pending: Call | undefined;
  private live: LiveStream | undefined;
  private model: Promise<string> | undefined;
  private modelName: string | undefined;

  constructor(private readonly opts: CompletionEngineOptions) {
    this.client = new VllmClient({ baseUrl: opts.endpoint, apiKey: opts.apiKey, firstByteTimeoutMs: opts.firstByteTimeoutMs ?? 2000 });
    this.cache = new CompletionCache({ ...DEFAULT_CACHE, capacity: opts.cacheSize ?? DEFAULT_CACHE.capacity });
    this.debounce = new AdaptiveDebounce(opts.debounceMaxMs ?? 75);
    this.backoff = new RetryBackoff(opts.backoffBaseMs ?? 500, opts.backoffMaxMs ?? 30_000);
    this.windowOpts = { ...DEFAULT_WINDOW, ...opts.window };
    this.enabled = opts.enabled ?? true;
    this.holder = new StateHolder({ kind: this.enabled ? 'connecting' : 'off' });
    if (opts.model) this.modelName = opts.model;
  }

  get state(): EngineState {
    return this.holder.state;
  }

  onStateChange(listener: (state: EngineState) => void): Disposable {
    return this.holder.onChange(listener);
  }

  stats(): EngineStats {
    return { counters: { ...this.counters }, missP50: this.misses.percentile(50), missP95: this.misses.percentile(95), missSamples: this.misses.count };
  }

  recordAccepted(): void {
    this.counters.accepted++;
  }

  setApiKey(key: string | undefined): void {
    this.client.setApiKey(key);
    this.backoff.onSuccess();
    this.model = undefined;
    if (this.enabled) this.holder.set({ kind: 'connecting', model: this.modelName });
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) {
      this.pending?.settle(null);
      this.abortLive(false);
      this.holder.set({ kind: 'off' });
    } else if (this.holder.state.kind === 'off') {
      this.holder.set({ kind: 'connecting', model: this.modelName });
    }
  }

  dispose(): void {
    this.setEnabled(false);
    this.client.dispose();
  }

  complete(request: CompletionRequest): Promise<CompletionResult | null> {
    const startedAt = performance.now();
    this.counters.triggers++;
    if (!this.enabled) return Promise.resolve(null);
    if (request.token.isCancellationRequested) {
      this.counters.cancelled++;
      return Promise.resolve(null);
    }
    const prev = this.pending;
    if (prev && !prev.settled) {
      // Replaced by this call: its stream (if any) is not parked; run() below joins or supersedes it.
      if (this.live?.owner === prev) this.live.owner = undefined;
      prev.settle(null);
    }
    const call = new Call(startedAt);
    this.pending = call;
    const sub = request.token.onCancellationRequested(() => {
      if (call.settled) return;
      this.counters.cancelled++;
      call.settle(null);
    });
    call.whenSettled(() => {
      sub.dispose();
      if (this.live?.owner === call) this.park(this.live);
    });
    this.run(call, request).then((r) => call.settle(r), () => call.settle(null));
    return call.promise;
  }

  /** A stream whose caller went away waits `reuseGraceMs` for a caller to join, then is aborted. */
  private park(live: LiveStream): void {
    live.owner = undefined;
    if (live.stream.settled || live.parkTimer) return;
    const grace = this.opts.reuseGraceMs ?? 120;
    if (grace <= 0) { this.abortLive(false); return; }
    live.parkTimer = setTimeout(() => {
      live.parkTimer = undefined;
      if (this.live === live && !live.owner) this.abortLive(false);
    }, grace);
  }

  private abortLive(superseded: boolean, since = performance.now()): void {
    const live = this.live;
    if (!live) return;
    this.live = undefined;
    if (live.parkTimer) clearTimeout(live.parkTimer);
    if (!live.stream.settled) {
      live.stream.abort();
      if (superseded) this.counters.superseded++;
      this.opts.onAbort?.({ reason: superseded ? 'superseded' : 'cancelled', since, destroyed: performance.now() });
    }
    live.owner?.settle(null);
  }

  private result(call: Call, req: CompletionRequest, w: DocumentWindow, entry: CachedCompletion, source: ResultSource): CompletionResult | null {
    const post = postProcess(entry.text, {
      prefixAbove: w.prefixAbove, linePrefix: w.linePrefix, lineSuffix: w.lineSuffix, suffixBelow: w.suffixBelow,
      mode: entry.mode, afterOpener: entry.afterOpener, languageId: req.languageId, eol: w.eol,
    });
    if (!post) return null;
    this.counters.returned++;
    if (source === 'cache') this.counters.cacheHits++;
    if (source === 'stream') this.counters.streamReuses++;
    return {
      text: post.text, replaceStart: req.offset, replaceEnd: req.offset + post.replaceLength, fromCache: source !== 'request',
      source, mode: entry.mode, latencyMs: performance.now() - call.startedAt,
    };
  }

  private async run(call: Call, req: CompletionRequest): Promise<CompletionResult | null> {
    const w = cutWindow(req.documentText, req.offset, this.windowOpts);
    const decision = chooseMode(w, req.languageId);
    const hash = contextHash(w);

    // A hit answers without a request, even when it holds nothing useful: the model already said so for this
    // exact context (negative entries stop re-asking after a typo is backspaced, or after an accept).
    const hit = this.cache.lookup(hash, w.linePrefix);
    if (hit) {
      // A stream for the same line may still fill the cache; one for another place is superseded.
      const live = this.live;
      if (live && !live.owner) {
        if (live.hash === hash && w.linePrefix.startsWith(live.linePrefix)) this.park(live);
        else this.abortLive(true, call.startedAt);
      }
      const r = this.result(call, req, w, hit, 'cache');
      if (!r) this.counters.cacheHits++;
      return r;
    }

    const joined = await this.tryJoin(call, req, w, hash);
    if (joined !== undefined) return joined;
    if (call.settled) return null;
    if (this.live) this.abortLive(true, call.startedAt);

    if (!this.backoff.tryAcquire()) return null;
    let sent = false;
    try {
      const delay = this.debounce.delayMs();
      if (delay > 0) await sleep(delay);
      if (call.settled) return null;
      const model = await this.resolveModel();
      if (call.settled) return null;
      const extra = await gatherExtraContext(req.recentEdits, req.fileName, {
        deadlineMs: this.opts.extraContextDeadlineMs ?? DEFAULT_EXTRA_CONTEXT.deadlineMs,
        maxChars: this.opts.extraContextMaxChars ?? DEFAULT_EXTRA_CONTEXT.maxChars,
      });
      if (call.settled) return null;
      const template = chooseTemplate(model, this.opts.template);
      const { prompt, stops } = buildPrompt(w, template, extra.text, req.fileName, req.languageId, decision.mode);
      const body = buildRequestBody(model, prompt, stops, decision.mode, {
        maxTokensSingle: this.opts.maxTokensSingle ?? DEFAULT_TUNING.maxTokensSingle,
        maxTokensMulti: this.opts.maxTokensMulti ?? DEFAULT_TUNING.maxTokensMulti,
        temperature: this.opts.temperature ?? DEFAULT_TUNING.temperature,
      });
      if (this.live) this.abortLive(true, call.startedAt);
      const sentAt = performance.now();
      const stream = this.client.stream(body, {
        stopAtNewline: decision.mode === 'single',
        maxStreamMs: decision.mode === 'single' ? this.opts.maxStreamMsSingle ?? 1500 : this.opts.maxStreamMsMulti ?? 3000,
      });
      sent = true;
      this.counters.requests++;
      const live: LiveStream = { stream, hash, linePrefix: w.linePrefix, mode: decision.mode, afterOpener: decision.afterOpener, owner: call };
      this.live = live;
      stream.result.then(
        (o) => this.onStreamEnd(live, o, call.startedAt),
        (e: unknown) => {
          if (this.live === live) this.live = undefined;
          this.onServerError(e);
        },
      );
      const outcome = await stream.result;
      const streamEnded = performance.now();
      if (call.settled || outcome.finishReason === 'aborted') return null;
      // Cut off by the wall-clock cap: a multi-line text keeps only its complete lines.
      const text = outcome.finishReason === 'cap' && decision.mode === 'multi' && outcome.text.includes('\n')
        ? outcome.text.slice(0, outcome.text.lastIndexOf('\n')) : outcome.text;
      const r = this.result(call, req, w, { text, mode: decision.mode, afterOpener: decision.afterOpener }, 'request');
      this.opts.onTiming?.({
        entered: call.startedAt, debounceMs: delay, sent: sentAt,
        firstByte: outcome.firstByteMs === undefined ? undefined : sentAt + outcome.firstByteMs, streamEnded,
        returned: performance.now(), mode: decision.mode, finishReason: outcome.finishReason, returnedText: r !== null,
      });
      return r;
    } catch (e) {
      if (!sent) this.onServerError(e);
      return null;
    } finally {
      if (!sent) this.backoff.release();
    }
  }

  /** Joins the stream in flight when the text typed since it was sent matches its start. */
  private async tryJoin(call: Call, req: CompletionRequest, w: DocumentWindow, hash: string): Promise<CompletionResult | null | undefined> {
    const live = this.live;
    if (!live || live.stream.settled || live.hash !== hash || !w.linePrefix.startsWith(live.linePrefix)) return undefined;
    const typed = w.linePrefix.slice(live.linePrefix.length);
    const sofar = live.stream.text;
    if (!(sofar.startsWith(typed) || typed.startsWith(sofar))) return undefined;
    if (live.parkTimer) { clearTimeout(live.parkTimer); live.parkTimer = undefined; }
    if (live.owner && live.owner !== call) live.owner.settle(null);
    live.owner = call;
    let outcome: StreamOutcome;
    try {
      outcome = await live.stream.result;
    } catch {
      return null;
    }
    if (call.settled) return null;
    if (outcome.finishReason === 'aborted' || !outcome.text.startsWith(typed)) return undefined;
    return this.result(call, req, w, { text: outcome.text.slice(typed.length), mode: live.mode, afterOpener: live.afterOpener }, 'stream');
  }

  private onStreamEnd(live: LiveStream, o: StreamOutcome, startedAt: number): void {
    if (this.live === live) this.live = undefined;
    if (live.parkTimer) clearTimeout(live.parkTimer);
    if (o.finishReason === 'aborted') {
      this.debounce.record(true);
      this.backoff.release();
      return;
    }
    this.debounce.record(false);
    this.backoff.onSuccess();
    if (o.finishReason !== 'cap') {
      this.cache.store(live.hash, live.linePrefix, { text: o.text, mode: live.mode, afterOpener: live.afterOpener });
    }
    this.misses.add(performance.now() - startedAt);
    if (!this.enabled) return;
    const p50 = this.misses.percentile(50) ?? 0;
    const slowMs = this.opts.slowThresholdMs ?? 1000;
    if (p50 > slowMs) this.holder.set({ kind: 'slow', model: this.modelName, message: t('Completions are slow: median {0} ms.', Math.round(p50)) });
    else this.holder.set({ kind: 'ready', model: this.modelName });
  }

  private onServerError(e: unknown): void {
    this.counters.errors++;
    const wait = this.backoff.onFailure();
    if (!(e instanceof CompletionError)) {
      this.holder.set({ kind: 'error', model: this.modelName, message: String(e) });
      return;
    }
    if (e.kind === 'no-model' || e.status === 404) this.model = undefined;
    if (!this.enabled) return;
    const message = t('{0} Retrying in {1} s.', e.message, Math.ceil(wait / 1000));
    this.holder.set({ kind: e.kind === 'timeout' ? 'slow' : 'error', errorKind: e.kind, model: this.modelName, message });
  }

  private resolveModel(): Promise<string> {
    if (this.opts.model) return Promise.resolve(this.opts.model);
    if (!this.model) {
      const p = this.client.listModels().then((ids) => {
        this.modelName = ids[0];
        return ids[0];
      });
      p.catch(() => { if (this.model === p) this.model = undefined; });
      this.model = p;
    }
    return this.model;
  }
}

export type { EngineState, EngineStateKind } from './engine-state';
export type { EngineCounters } from './engine-counters';
export type { CancellationLike } from './cancellation';
export type { RecentEdit, RecentEditsSource } from './extra-context';

export function createCompletionEngine(options: CompletionEngineOptions): CompletionEngine {
  return new Engine(options);
}
