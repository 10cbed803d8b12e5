/**
 * Our debounce, on top of VS Code's own 50 ms: 0–`maxMs`, the larger of two rules.
 * - Supersede rate: scaled by how often recent requests were superseded before they finished (a fast typist
 *   wastes requests; wait a little more). 0 when the last requests were used.
 * - Bursts (needs the edits, see `noteKey`): while the recent gaps between keys are short, the next key is due
 *   about one gap after the last; wait until a little past that, so a request that key would make useless is
 *   not sent. Outside bursts this rule adds nothing.
 * Cache hits never wait (the engine does not call this for them).
 */
export const BURST_GAP_MS = 130;

export class AdaptiveDebounce {
  private supersedeRate = 0;
  private readonly gaps: number[] = [];
  private lastKey: number | undefined;

  constructor(private readonly maxMs = 75, private readonly smoothing = 0.25) {}

  /** Delay before sending the next request, at time `now` (performance.now()). */
  delayMs(now = performance.now()): number {
    let burst = 0;
    if (this.gaps.length >= 3 && this.lastKey !== undefined) {
      const g = [...this.gaps].sort((a, b) => a - b)[Math.floor(this.gaps.length / 2)];
      if (g < BURST_GAP_MS) burst = this.lastKey + 1.25 * g - now;
    }
    return Math.round(Math.min(this.maxMs, Math.max(0, this.maxMs * this.supersedeRate, burst)));
  }

  /** Record how a sent request ended: superseded/cancelled before finishing, or used. */
  record(superseded: boolean): void {
    this.supersedeRate += this.smoothing * ((superseded ? 1 : 0) - this.supersedeRate);
  }

  /** Record a key (an edit) at time `at`; gaps over a second (pauses) are not typing speed. */
  noteKey(at: number): void {
    if (this.lastKey !== undefined) {
      const gap = at - this.lastKey;
      if (gap > 0 && gap < 1000) {
        this.gaps.push(gap);
        if (this.gaps.length > 5) this.gaps.shift();
      }
    }
    this.lastKey = at;
  }
}
