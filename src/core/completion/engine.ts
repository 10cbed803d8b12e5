/**
 * The completion engine: document + cursor in, text to insert out. No 'vscode' here; the provider adapts VS Code's
 * document, position and cancellation token to `CompletionRequest`.
 *
 * Per call: cut windows → choose mode → cache (exact, typing-through, backspace, line chain) → join a stream still in
 * flight whose start matches what was typed → otherwise supersede whatever is in flight, debounce adaptively, gather
 * extra context (≤ 20 ms), stream from vLLM, post-process. A call returns as soon as the stream has a usable first
 * piece; when more of what is shown is still arriving, the result is partial and its `whenComplete` resolves once
 * it is all there, for the provider to ask again (the next call joins the stream or hits the cache). A cancelled
 * call returns null at once; its stream is kept for `reuseGraceMs` in case the next keystroke can use it, then
 * aborted. Once a suggestion is shown and its stream ended, the continuation after it is requested ahead
 * (speculation.ts). Line-chain bookkeeping: next-line.ts; calls and the stream in flight: live-stream.ts.
 */
import type { Disposable } from './cancellation';
import { CompletionCache, DEFAULT_CACHE, contextHash } from './completion-cache';
import type { CachedCompletion } from './completion-cache';
import { CompletionError } from './completion-errors';
import { chooseMode } from './completion-mode';
import type { ModeDecision } from './completion-mode';
import { AdaptiveDebounce } from './adaptive-debounce';
import { DEFAULT_WINDOW, cutWindow } from './document-window';
import type { DocumentWindow, WindowOptions } from './document-window';
import { emptyCounters } from './engine-counters';
import { StateHolder } from './engine-state';
import type { EngineState } from './engine-state';
import { DEFAULT_EXTRA_CONTEXT, gatherExtraContext } from './extra-context';
import { LatencyWindow } from './latency-window';
import { Call, agrees, typedSince, watchShown } from './live-stream';
import type { LiveStream, Piece } from './live-stream';
import { storeAnswer } from './next-line';
import { postProcess } from './postprocess/postprocess';
import { planRequest } from './request-plan';
import { RetryBackoff } from './retry-backoff';
import { acceptedState } from './speculation';
import type { AcceptedState } from './speculation';
import { VllmClient } from './vllm-client';
import { t } from '../l10n/index';
import type {
  AbortReason, CompletionEngine, CompletionEngineOptions, CompletionRequest, CompletionResult, EngineStats, ResultSource,
} from './engine-api';

export type {
  AbortReason, CompletionEngine, CompletionEngineOptions, CompletionRequest, CompletionResult, EngineStats, RequestTiming,
  ResultSource,
} from './engine-api';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** An edit this long before a call is the keystroke that made VS Code call (else the call's own start counts). */
const EDIT_TO_CALL_MS = 1000;

class Engine implements CompletionEngine {
  private readonly client: VllmClient;
  private readonly cache: CompletionCache;
  private readonly debounce: AdaptiveDebounce;
  private readonly backoff: RetryBackoff;
  /** Engine entered → first piece returned, fresh suggestions (the 'slow' state). */
  private readonly misses = new LatencyWindow(200);
  /** Edit → fresh suggestion handed to the editor: what the user waits for (the status bar). */
  private readonly shownLatency = new LatencyWindow(200);
  private readonly counters = emptyCounters();
  private readonly holder = new StateHolder({ kind: 'connecting' });
  private readonly windowOpts: WindowOptions;
  private disposed = false;
  private pending: Call | undefined;
  private live: LiveStream | undefined;
  private model: Promise<string> | undefined;
  private modelName: string | undefined;
  private lastEditAt: number | undefined;
  private lastExtra = '';
  /** The last complete suggestion returned, until it is requested ahead or an edit disagrees with it. */
  private shown: { req: CompletionRequest; state: AcceptedState } | undefined;

  private readonly now: () => number;

  constructor(private readonly opts: CompletionEngineOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.client = new VllmClient({ baseUrl: opts.endpoint, apiKey: opts.apiKey, firstByteTimeoutMs: opts.firstByteTimeoutMs ?? 2000 });
    this.cache = new CompletionCache({ ...DEFAULT_CACHE, capacity: opts.cacheSize ?? DEFAULT_CACHE.capacity });
    this.debounce = new AdaptiveDebounce(opts.debounceMaxMs ?? 75);
    this.backoff = new RetryBackoff(opts.backoffBaseMs ?? 500, opts.backoffMaxMs ?? 30_000, this.now);
    this.windowOpts = { ...DEFAULT_WINDOW, ...opts.window };
    if (opts.model) this.modelName = opts.model;
  }

  get state(): EngineState {
    return this.holder.state;
  }

  onStateChange(listener: (state: EngineState) => void): Disposable {
    return this.holder.onChange(listener);
  }

  stats(): EngineStats {
    return {
      counters: { ...this.counters }, missP50: this.misses.percentile(50), missP95: this.misses.percentile(95), missSamples: this.misses.count,
      shownP50: this.shownLatency.percentile(50), shownP95: this.shownLatency.percentile(95), shownSamples: this.shownLatency.count,
    };
  }

  recordAccepted(): void {
    this.counters.accepted++;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pending?.settle(null);
    this.abortLive('cancelled');
    this.holder.set({ kind: 'off' });
    this.client.dispose();
  }

  complete(request: CompletionRequest): Promise<CompletionResult | null> {
    const startedAt = this.now();
    this.counters.triggers++;
    if (this.disposed) return Promise.resolve(null);
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
    const edit = this.lastEditAt;
    const call = new Call(startedAt, edit !== undefined && startedAt - edit < EDIT_TO_CALL_MS ? edit : startedAt);
    this.pending = call;
    const sub = request.token.onCancellationRequested(() => {
      if (call.settled) return;
      this.counters.cancelled++;
      call.settle(null);
    });
    call.whenSettled(() => {
      sub.dispose();
      if (this.live?.owner === call) this.park(this.live, this.now());
    });
    this.run(call, request).then((r) => call.settle(r), () => call.settle(null));
    return call.promise;
  }

  /**
   * A stream whose caller went away waits `reuseGraceMs` for a caller to join, then is aborted. One whose caller
   * already got its first piece keeps filling the cache (bounded by its token budget and line count) until an edit
   * disagrees with it or a newer request supersedes it.
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

  private abortLive(reason: AbortReason, since = this.now()): void {
    const live = this.live;
    if (!live) return;
    this.live = undefined;
    if (live.parkTimer) clearTimeout(live.parkTimer);
    if (!live.stream.settled) {
      live.stream.abort();
      if (reason !== 'cancelled') this.counters.superseded++;
      this.opts.onAbort?.({ reason, since, destroyed: this.now(), speculative: live.speculative });
    }
    live.owner?.settle(null);
  }

  noteEdit(documentText: string | (() => string), offset: number): void {
    const at = this.now();
    this.lastEditAt = at;
    if (this.opts.burstDebounce ?? true) this.debounce.noteKey(at);
    const live = this.live && !this.live.stream.settled ? this.live : undefined;
    if (!live && !this.shown) return;
    // The text is read only while a stream is live or a suggestion may be requested ahead: most edits cost no copy.
    const text = typeof documentText === 'function' ? documentText() : documentText;
    if (this.shown && !this.stillAhead(this.shown.state, text, offset)) this.shown = undefined;
    if (!live) return;
    const typed = typedSince(live, text, offset);
    if (typed === undefined || !agrees(live, typed)) this.abortLive('edit', at);
  }

  /** The document still leads to `state` (the user is typing the suggestion through, or has accepted it). */
  private stillAhead(state: AcceptedState, text: string, offset: number): boolean {
    if (text.length - offset !== state.after.length || !text.startsWith(state.base) || !text.endsWith(state.after)) return false;
    return state.assumed.startsWith(text.slice(state.base.length, offset));
  }

  private result(call: Call, req: CompletionRequest, w: DocumentWindow, entry: CachedCompletion, source: ResultSource,
    complete = true, whenComplete?: Promise<boolean>): CompletionResult | null {
    const post = postProcess(entry.text, {
      prefixAbove: w.prefixAbove, linePrefix: w.linePrefix, lineSuffix: w.lineSuffix, suffixBelow: w.suffixBelow,
      mode: entry.mode, afterOpener: entry.afterOpener, languageId: req.languageId, eol: w.eol,
    });
    if (!post) return null;
    const now = this.now();
    this.counters.returned++;
    if (source === 'cache') this.counters.cacheHits++;
    if (source === 'stream') this.counters.streamReuses++;
    if (!complete) this.counters.partial++;
    if (source === 'request') this.shownLatency.add(now - call.editAt);
    const r: CompletionResult = {
      text: post.text, replaceStart: req.offset, replaceEnd: req.offset + post.replaceLength, fromCache: source !== 'request',
      source, mode: entry.mode, latencyMs: now - call.startedAt, complete, whenComplete,
    };
    this.noteShown(req, r);
    return r;
  }

  /** Remembers a complete suggestion for the request ahead; a partial one is noted again when it is complete. */
  private noteShown(req: CompletionRequest, r: CompletionResult): void {
    const state = r.complete && (this.opts.speculative ?? true) ? acceptedState(req.documentText, r) : undefined;
    this.shown = state ? { req, state } : undefined;
    if (state && !this.live) queueMicrotask(() => this.speculate());
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
        if (typed === undefined || !agrees(live, typed)) this.abortLive('superseded', call.startedAt);
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
      const delay = this.debounce.delayMs(this.now());
      if (delay > 0) await sleep(delay);
      if (call.settled) return null;
      const model = await this.resolveModel();
      if (call.settled) return null;
      const extra = await gatherExtraContext(req.recentEdits, req.fileName, {
        deadlineMs: this.opts.extraContextDeadlineMs ?? DEFAULT_EXTRA_CONTEXT.deadlineMs,
        maxChars: this.opts.extraContextMaxChars ?? DEFAULT_EXTRA_CONTEXT.maxChars,
      });
      if (call.settled) return null;
      this.lastExtra = extra.text;
      const live = this.send(req, w, decision, hash, model, extra.text,
        { base: req.documentText.slice(0, req.offset), assumed: '', before: req.documentText.slice(0, req.offset), after: req.documentText.slice(req.offset) }, call);
      sent = true;
      const piece = await watchShown(live, '', false);
      const pieceAt = this.now();
      if (call.settled || !piece) return null;
      live.delivered = true;
      this.misses.add(pieceAt - call.startedAt);
      this.backoff.onSuccess();
      this.updateReady();
      // Cut off by the wall-clock cap: a multi-line text keeps only its complete lines.
      const text = piece.outcome?.finishReason === 'cap' && decision.mode === 'multi' && piece.text.includes('\n')
        ? piece.text.slice(0, piece.text.lastIndexOf('\n')) : piece.text;
      const whenComplete = piece.complete ? undefined : this.completion(live, '', hash, w.linePrefix);
      if (piece.complete) this.keepShownLine(live, hash, w.linePrefix, piece);
      const r = this.result(call, req, w, { text, mode: decision.mode, afterOpener: decision.afterOpener }, 'request', piece.complete, whenComplete);
      this.opts.onTiming?.({
        entered: call.startedAt, debounceMs: delay, sent: live.sentAt,
        firstByte: live.stream.firstByteMs === undefined ? undefined : live.sentAt + live.stream.firstByteMs, streamEnded: pieceAt,
        returned: this.now(), mode: decision.mode, finishReason: piece.outcome?.finishReason ?? (piece.complete ? 'newline' : 'piece'),
        returnedText: r !== null, complete: piece.complete,
      });
      return r;
    } catch (e) {
      if (!sent) this.onServerError(e);
      return null;
    } finally {
      if (!sent) this.backoff.release();
    }
  }

  /** Builds and sends a request for `state` (the document as it is, or as it will be after an accept). */
  private send(req: CompletionRequest, w: DocumentWindow, decision: ModeDecision, hash: string, model: string, extraText: string,
    state: AcceptedState, owner: Call | undefined, speculative = false): LiveStream {
    const { body, read, chain } = planRequest(w, decision, model, extraText, req, this.opts);
    if (this.live) this.abortLive('superseded', this.now());
    const sentAt = this.now();
    const stream = this.client.stream(body, read);
    this.counters.requests++;
    if (speculative) this.counters.speculative++;
    const live: LiveStream = {
      stream, hash, w, before: state.before, after: state.after, base: state.base, assumed: state.assumed,
      mode: decision.mode, afterOpener: decision.afterOpener, chain, speculative, owner, delivered: speculative, sentAt,
    };
    this.live = live;
    stream.result.then(
      (o) => this.onStreamEnd(live, o),
      (e: unknown) => {
        if (this.live === live) this.live = undefined;
        if (!speculative) this.onServerError(e);
      },
    );
    return live;
  }

  /** A line chain's shown line is cached as soon as it is complete: the rest of the chain may still be superseded. */
  private keepShownLine(live: LiveStream, hash: string, linePrefix: string, piece: Piece): void {
    if (live.chain && !live.stream.settled && piece.outcome === undefined) {
      this.cache.store(hash, linePrefix, { text: piece.text, mode: live.mode, afterOpener: live.afterOpener });
    }
  }

  /** For a partial result: true once what it shows is complete and can be served again (cache or the live stream). */
  private completion(live: LiveStream, typed: string, hash: string, linePrefix: string): Promise<boolean> {
    return watchShown(live, typed, true).then((p) => {
      if (!p || (p.outcome?.finishReason === 'cap' && !(live.mode === 'multi' && p.text.includes('\n')))) return false;
      if (typed === '') this.keepShownLine(live, hash, linePrefix, p);
      return true;
    }, () => false);
  }

  /** Joins the stream in flight when the text typed since it was sent matches its start. */
  private async tryJoin(call: Call, req: CompletionRequest, w: DocumentWindow): Promise<CompletionResult | null | undefined> {
    const live = this.live;
    if (!live || live.stream.settled) return undefined;
    const typed = typedSince(live, req.documentText, req.offset);
    if (typed === undefined || !agrees(live, typed)) return undefined;
    // Joined across a line break (typed through the line, then Enter): only a line chain knows what follows.
    if (typed.includes('\n') && !live.chain) return undefined;
    if (live.parkTimer) { clearTimeout(live.parkTimer); live.parkTimer = undefined; }
    if (live.owner && live.owner !== call) live.owner.settle(null);
    live.owner = call;
    let piece: Piece | null;
    try {
      piece = await watchShown(live, typed, false);
    } catch {
      return null;
    }
    if (call.settled) return null;
    if (!piece) {
      // Disagrees after all: this call goes on to a request of its own (which supersedes the stream).
      if (live.owner === call) live.owner = undefined;
      return undefined;
    }
    live.delivered = true;
    const whenComplete = piece.complete ? undefined : this.completion(live, typed, '', '');
    return this.result(call, req, w, { text: piece.text, mode: live.mode, afterOpener: live.afterOpener }, 'stream', piece.complete, whenComplete);
  }

  private onStreamEnd(live: LiveStream, o: { text: string; finishReason: string }): void {
    if (this.live === live) this.live = undefined;
    if (live.parkTimer) clearTimeout(live.parkTimer);
    if (o.finishReason === 'aborted') {
      if (!live.speculative) this.debounce.record(true);
      this.backoff.release();
      return;
    }
    if (!live.speculative) this.debounce.record(false);
    this.backoff.onSuccess();
    // Cut off by the wall-clock cap: a multi-line answer keeps its complete lines, a single line nothing.
    const capped = o.finishReason === 'cap';
    if (!capped || (live.mode === 'multi' && o.text.includes('\n'))) {
      storeAnswer(this.cache, {
        hash: live.hash, linePrefix: live.w.linePrefix, before: live.before, after: live.after, eol: live.w.eol,
        mode: live.mode, afterOpener: live.afterOpener, chain: live.chain,
      }, capped ? o.text.slice(0, o.text.lastIndexOf('\n')) : o.text, o.finishReason, this.windowOpts);
    }
    this.updateReady();
    this.speculate();
  }

  /** Requests the continuation after the suggestion on screen, unless the cache already has it. */
  private speculate(): void {
    const s = this.shown;
    if (!s || this.live || this.disposed || this.backoff.failureCount > 0 || !this.modelName) return;
    this.shown = undefined;
    const doc = s.state.before + s.state.after;
    const w = cutWindow(doc, s.state.before.length, this.windowOpts);
    const hash = contextHash(w);
    if (this.cache.lookup(hash, w.linePrefix)) return;
    this.send(s.req, w, chooseMode(w, s.req.languageId), hash, this.modelName, this.lastExtra, s.state, undefined, true);
  }

  private updateReady(): void {
    if (this.disposed) return;
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
    if (this.disposed) return;
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
