/**
 * A chip's sparkline history in the webview: one fixed-size ring of sample times and one per series, in
 * typed arrays so that 8 chips × 10 minutes at 1 Hz never allocate per tick. NaN marks a missing reading.
 */
import { SERIES, type SeriesName } from '../../src/core/monitor/protocol';

export class SeriesRing {
  readonly times: Float64Array;
  readonly values: Record<SeriesName, Float32Array>;
  /** Index of the oldest point. */
  start = 0;
  length = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
    const values = {} as Record<SeriesName, Float32Array>;
    for (const name of SERIES) values[name] = new Float32Array(capacity);
    this.values = values;
  }

  push(timeMs: number, point: Record<SeriesName, number | null>): void {
    const i = (this.start + this.length) % this.capacity;
    if (this.length === this.capacity) this.start = (this.start + 1) % this.capacity;
    else this.length++;
    this.times[i] = timeMs;
    for (const name of SERIES) this.values[name][i] = point[name] ?? NaN;
  }

  clear(): void {
    this.start = 0;
    this.length = 0;
  }

  /** Physical index of the k-th oldest point. */
  at(k: number): number {
    return (this.start + k) % this.capacity;
  }

  /** The newest value of a series, or null. */
  latest(name: SeriesName): number | null {
    if (this.length === 0) return null;
    const v = this.values[name][this.at(this.length - 1)];
    return Number.isNaN(v) ? null : v;
  }
}
