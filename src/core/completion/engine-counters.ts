/** Local counters the status bar and the benchmark read. Nothing leaves the machine. */
export interface EngineCounters {
  /** complete() calls. */
  triggers: number;
  /** Suggestions returned (non-null results). */
  returned: number;
  /** ... of which from the cache (incl. typing-through and backspace entries). */
  cacheHits: number;
  /** ... of which by joining a stream already in flight. */
  streamReuses: number;
  /** HTTP requests sent. */
  requests: number;
  /** ... of which ahead of an accept (the continuation after a suggestion on screen). */
  speculative: number;
  /** Results returned while more of what they show was still arriving (the provider asks again). */
  partial: number;
  /** Requests aborted because a newer request replaced them. */
  superseded: number;
  /** Calls ended by the caller's cancellation token. */
  cancelled: number;
  /** Accepted suggestions, reported by the provider through recordAccepted(). */
  accepted: number;
  /** Requests that failed (server error, timeout, unreachable). */
  errors: number;
}

export function emptyCounters(): EngineCounters {
  return { triggers: 0, returned: 0, cacheHits: 0, streamReuses: 0, requests: 0, speculative: 0, partial: 0, superseded: 0, cancelled: 0, accepted: 0, errors: 0 };
}
