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
import { lineChain } from './next-line';
import { DEFAULT_TUNING, buildRequestBody } from './request-body';
import { RetryBackoff } from './retry-backoff';
import { VllmClient } from './vllm-client';
import type { CompletionStream, StreamOutcome } from './vllm-client';
import { t } from '../l10n/index';
import type {
  AbortReason, CompletionEngine, CompletionEngineOptions, CompletionRequest, CompletionResult, EngineStats, ResultSource,
} from './engine-api';

export type {
  AbortReason, CompletionEngine, CompletionEngineOptions, CompletionRequest, CompletionResult, EngineStats, RequestTiming,
  ResultSource,
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
  /** The window the request was built from, and the document around the cursor (for typed-since checks). */
  w: DocumentWindow;
  before: string;
  after: string;
  mode: CompletionMode;
  afterOpener: boolean;
  /** An end-of-line read of several lines (single-line mode): the first is shown, all fill the cache. */
  chain: boolean;
  owner: Call | undefined;
  /** Its caller already got its result; the rest of the stream only fills the cache. */
  delivered: boolean;
  parkTimer?: ReturnType<typeof setTimeout>;
}

/** What was typed since `live` was sent, when the document only grew at the cursor; else undefined. */
function typedSince(live: LiveStream, documentText: string, offset: number): string | undefined {
  if (documentText.length - offset !== live.after.length || offset < live.before.length) return undefined;
  if (!documentText.startsWith(live.before) || !documentText.endsWith(live.after)) return undefined;
  return documentText.slice(live.before.length, offset);
}

/** True when the stream's text (so far) and what was typed since it was sent agree. */
function agrees(sofar: string, typed: string): boolean {
  return sofar.startsWith(typed) || typed.startsWith(sofar);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Lines an end-of-line read goes for (with max_tokens = the multi-line budget). */
const CHAIN_LINES = 8;

/**
 * Resolves as soon as what will be shown is complete: the first line when it has text, else the line break and
 * the next line (a next-line suggestion); or with the stream's end.
 */
function firstLine(stream: CompletionStream): Promise<StreamOutcome> {
  return new Promise((resolve, reject) => {
    const sub = stream.onText((text) => {
      let nl = text.indexOf('\n');
      if (nl >= 0 && text.slice(0, nl).trim() === '') nl = text.indexOf('\n', nl + 1);
      if (nl < 0) return;
      sub.dispose();
      resolve({ text: text.slice(0, nl), finishReason: 'newline', totalMs: 0 });
    });
    stream.result.then((o) => { sub.dispose(); resolve(o); }, (e: unknown) => { sub.dispose(); reject(e); });
  });
}

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
      this.abortLive('cancelled');
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
      if (this.live?.owner === call) this.park(this.live, performance.now());
    });
    this.run(call, request).then((r) => call.settle(r), () => call.settle(null));
    return call.promise;
  }

  /**
   * A stream whose caller went away waits `reuseGraceMs` for a caller to join, then is aborted. One whose caller
   * already got its first line keeps filling the cache (bounded by its token budget and the two-line stop) until
   * an edit disagrees with it or a newer request supersedes it.
   */
  private park(live: LiveStream, since: number): void {
    live.owner = undefined;
    if (live.stream.settled || live.parkTimer || live.delivered) return;
    const grace = this.opts.reuseGraceMs ?? 120;
    if (grace <= 0) { this.abortLive('cancelled', since); return; }
    live.parkTimer = setTimeout(() => {
      live.parkTimer = undefined;
      if (this.live === live && !live.owner) this.abortLive('cancelled', since);
    }, grace);
  }

  private abortLive(reason: AbortReason, since = performance.now()): void {
    const live = this.live;
    if (!live) return;
    this.live = undefined;
    if (live.parkTimer) clearTimeout(live.parkTimer);
    if (!live.stream.settled) {
      live.stream.abort();
      if (reason !== 'cancelled') this.counters.superseded++;
      this.opts.onAbort?.({ reason, since, destroyed: performance.now() });
    }
    live.owner?.settle(null);
  }

  noteEdit(documentText: string | (() => string), offset: number): void {
    const at = performance.now();
    if (this.opts.burstDebounce ?? true) this.debounce.noteKey(at);
    const live = this.live;
    if (!live || live.stream.settled) return;
    // The text is read only while a stream is live: most edits cost no copy of the document.
    const typed = typedSince(live, typeof documentText === 'function' ? documentText() : documentText, offset);
    if (typed === undefined || !agrees(live.stream.text, typed)) this.abortLive('edit', at);
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
      // A stream that agrees with what was typed may still fill the cache; any other is superseded.
      const live = this.live;
      if (live && !live.owner) {
        const typed = typedSince(live, req.documentText, req.offset);
        if (typed === undefined || !agrees(live.stream.text, typed)) this.abortLive('superseded', call.startedAt);
      }
      const r = this.result(call, req, w, hit, 'cache');
      if (!r) this.counters.cacheHits++;
      return r;
    }

    const joined = await this.tryJoin(call, req, w);
    if (joined !== undefined) return joined;
    if (call.settled) return null;
    if (this.live) this.abortLive('superseded', call.startedAt);

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
      // At the end of a line, single-line mode reads on past the line break: the first line with text is shown
      // (a next-line suggestion when the cursor line is complete), and every line read pre-fills the cache for
      // the states the user reaches by accepting or typing the lines before it (next-line.ts). Blank lines and
      // top-level keywords do not end this read (only what is shown is cut, by post-processing).
      const chain = decision.mode === 'single' && w.lineSuffix === '' && (this.opts.nextLine ?? true);
      const built = buildPrompt(w, template, extra.text, req.fileName, req.languageId, decision.mode);
      const stops = chain ? [...template.stopTokens] : built.stops;
      const single = this.opts.maxTokensSingle ?? DEFAULT_TUNING.maxTokensSingle;
      const multi = this.opts.maxTokensMulti ?? DEFAULT_TUNING.maxTokensMulti;
      const body = buildRequestBody(model, built.prompt, stops, decision.mode, {
        maxTokensSingle: chain ? multi : single,
        maxTokensMulti: multi,
        temperature: this.opts.temperature ?? DEFAULT_TUNING.temperature,
      });
      if (this.live) this.abortLive('superseded', call.startedAt);
      const sentAt = performance.now();
      const stream = this.client.stream(body, {
        stopAtNewline: decision.mode === 'single',
        lines: chain ? CHAIN_LINES : 1,
        maxStreamMs: decision.mode === 'single' ? this.opts.maxStreamMsSingle ?? 1500 : this.opts.maxStreamMsMulti ?? 3000,
      });
      sent = true;
      this.counters.requests++;
      const live: LiveStream = {
        stream, hash, w, before: req.documentText.slice(0, req.offset), after: req.documentText.slice(req.offset),
        mode: decision.mode, afterOpener: decision.afterOpener, chain, owner: call, delivered: false,
      };
      this.live = live;
      stream.result.then(
        (o) => this.onStreamEnd(live, o),
        (e: unknown) => {
          if (this.live === live) this.live = undefined;
          this.onServerError(e);
        },
      );
      const outcome = chain ? await firstLine(stream) : await stream.result;
      const streamEnded = performance.now();
      if (call.settled || outcome.finishReason === 'aborted') return null;
      live.delivered = true;
      // What is shown is cached now: the rest of the chain may still be superseded before it ends.
      if (chain && outcome.finishReason === 'newline' && !stream.settled) {
        this.cache.store(hash, w.linePrefix, { text: outcome.text, mode: decision.mode, afterOpener: decision.afterOpener });
      }
      this.misses.add(streamEnded - call.startedAt);
      this.backoff.onSuccess();
      this.updateReady();
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
  private async tryJoin(call: Call, req: CompletionRequest, w: DocumentWindow): Promise<CompletionResult | null | undefined> {
    const live = this.live;
    if (!live || live.stream.settled) return undefined;
    const typed = typedSince(live, req.documentText, req.offset);
    if (typed === undefined || !agrees(live.stream.text, typed)) return undefined;
    // Joined across a line break (typed through the line, then Enter): only a line chain knows what follows.
    if (typed.includes('\n') && !live.chain) return undefined;
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

  private onStreamEnd(live: LiveStream, o: StreamOutcome): void {
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
      // A line chain cut by max_tokens keeps only complete lines.
      const text = live.chain && o.finishReason === 'length' && o.text.includes('\n') ? o.text.slice(0, o.text.lastIndexOf('\n')) : o.text;
      const entry = { text, mode: live.mode, afterOpener: live.afterOpener };
      this.cache.store(live.hash, live.w.linePrefix, entry);
      if (live.chain) {
        for (const e of lineChain(live.before, live.after, text, live.w.eol, this.windowOpts)) {
          if (e.exactOnly) this.cache.put(e.hash, e.linePrefix, { ...entry, text: e.text });
          else this.cache.store(e.hash, e.linePrefix, { ...entry, text: e.text });
        }
      }
    }
    this.updateReady();
  }

  private updateReady(): void {
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
