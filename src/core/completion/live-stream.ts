/**
 * The engine's bookkeeping of calls and of the one stream in flight: a `Call` is one complete() that resolves once;
 * a `LiveStream` is the request whose answer may still serve the calls that follow it (joined while the user types
 * what it says, or filling the cache after its caller got the first piece). A speculative stream was sent for the
 * document as it will be once the suggestion on screen is accepted (`assumed` is that suggestion's text).
 */
import type { CompletionMode } from './completion-mode';
import type { DocumentWindow } from './document-window';
import type { CompletionResult } from './engine-api';
import { shownPiece } from './next-line';
import type { ShownPiece } from './next-line';
import type { CompletionStream, StreamOutcome } from './vllm-client';

export class Call {
  settled = false;
  readonly promise: Promise<CompletionResult | null>;
  private resolveFn!: (r: CompletionResult | null) => void;
  private readonly onSettled: Array<() => void> = [];

  /** `editAt`: the edit that made the editor call (or the call's start), for the latency the user sees. */
  constructor(readonly startedAt: number, readonly editAt: number = startedAt) {
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

export interface LiveStream {
  stream: CompletionStream;
  hash: string;
  /** The window the request was built from. */
  w: DocumentWindow;
  /** The document around the cursor the request was built from (with `assumed` already at the end of `before`). */
  before: string;
  after: string;
  /** The real document before the cursor when it was sent: `before` minus `assumed`. */
  base: string;
  /** Text assumed accepted (a speculative request); '' for a request for the document as it is. */
  assumed: string;
  mode: CompletionMode;
  afterOpener: boolean;
  /** An end-of-line read of several lines (single-line mode): the first is shown, all fill the cache. */
  chain: boolean;
  speculative: boolean;
  owner: Call | undefined;
  /** Its caller already got its result; the rest of the stream only fills the cache. */
  delivered: boolean;
  /** performance.now() when it was sent. */
  sentAt: number;
  parkTimer?: ReturnType<typeof setTimeout>;
}

/** What was typed since `live` was sent (relative to its real document), when the document only grew at the cursor. */
export function typedSince(live: LiveStream, documentText: string, offset: number): string | undefined {
  if (documentText.length - offset !== live.after.length || offset < live.base.length) return undefined;
  if (!documentText.startsWith(live.base) || !documentText.endsWith(live.after)) return undefined;
  return documentText.slice(live.base.length, offset);
}

/** Everything the stream says follows its real document: the assumed suggestion, then the model's text so far. */
export function saidSoFar(live: LiveStream): string {
  return live.assumed + live.stream.text;
}

/** True when the stream (so far) and what was typed since it was sent agree. */
export function agrees(live: LiveStream, typed: string): boolean {
  const sofar = saidSoFar(live);
  return sofar.startsWith(typed) || typed.startsWith(sofar);
}

/** A shown piece, with the stream's outcome when the stream had ended. */
export interface Piece extends ShownPiece {
  outcome?: StreamOutcome;
}

/**
 * Resolves with what a call that typed `typed` since `live` was sent can show, as soon as there is a usable first
 * piece (`wantComplete`: as soon as it is complete), or with the stream's end; null when the stream was aborted
 * or disagrees with what was typed. Rejects when the stream fails.
 */
export function watchShown(live: LiveStream, typed: string, wantComplete: boolean): Promise<Piece | null> {
  const view = (said: string, ended: boolean): ShownPiece | undefined | 'disagree' => {
    if (said.length < typed.length) return typed.startsWith(said) && !ended ? undefined : 'disagree';
    if (!said.startsWith(typed)) return 'disagree';
    const p = shownPiece(said.slice(typed.length), live.mode, ended);
    return p && (p.complete || !wantComplete) ? p : undefined;
  };
  return new Promise((resolve, reject) => {
    const onEnd = (o: StreamOutcome): void => {
      if (o.finishReason === 'aborted') { resolve(null); return; }
      const v = view(live.assumed + o.text, true);
      resolve(v === 'disagree' || v === undefined ? null : { ...v, outcome: o });
    };
    if (live.stream.settled) { live.stream.result.then(onEnd, reject); return; }
    const now = view(saidSoFar(live), false);
    if (now !== undefined) { resolve(now === 'disagree' ? null : now); return; }
    const sub = live.stream.onText(() => {
      const v = view(saidSoFar(live), false);
      if (v === undefined) return;
      sub.dispose();
      resolve(v === 'disagree' ? null : v);
    });
    live.stream.result.then((o) => { sub.dispose(); onEnd(o); }, (e: unknown) => { sub.dispose(); reject(e); });
  });
}
