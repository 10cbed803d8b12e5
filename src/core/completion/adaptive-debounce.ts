/**
 * Our debounce, on top of VS Code's own 50 ms: 0–`maxMs`, scaled by how often recent requests were superseded
 * before they finished (a fast typist wastes requests; wait a little more). 0 when the last requests were used.
 * Cache hits never wait (the engine does not call this for them).
 */
export class AdaptiveDebounce {
  private supersedeRate = 0;

  constructor(private readonly maxMs = 75, private readonly smoothing = 0.25) {}

  /** Delay before sending the next request. */
  delayMs(): number {
    return Math.round(Math.min(this.maxMs, Math.max(0, this.maxMs * this.supersedeRate)));
  }

  /** Record how a sent request ended: superseded/cancelled before finishing, or used. */
  record(superseded: boolean): void {
    this.supersedeRate += this.smoothing * ((superseded ? 1 : 0) - this.supersedeRate);
  }
}
