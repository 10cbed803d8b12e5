/**
 * The host's copy of the last minutes of sparkline points for one host, so that a panel opened (or
 * re-shown) later starts with history instead of empty charts. Points are kept by time, not by count:
 * hidden polling runs at a slower rate than visible polling, and a sparkline spans a fixed time window.
 */
import { SERIES, type HistoryBackfill, type HistorySeries, type SeriesName } from './protocol';
import { seriesPoint } from './chip-series';
import { chipKey, type ChipSnapshot } from './snapshot-types';

/** Ten minutes: the sparkline window the panel shows. */
export const HISTORY_WINDOW_MS = 10 * 60 * 1000;

type Point = Record<SeriesName, number | null>;

interface Frame {
  timeMs: number;
  points: Map<string, Point>;
}

export class HistoryWindow {
  private frames: Frame[] = [];
  private start = 0;

  constructor(readonly windowMs = HISTORY_WINDOW_MS, readonly maxFrames = 7200) {}

  get size(): number {
    return this.frames.length - this.start;
  }

  append(timeMs: number, chips: readonly ChipSnapshot[]): void {
    const points = new Map<string, Point>();
    for (const chip of chips) points.set(chipKey(chip.npuId, chip.chipId), seriesPoint(chip));
    this.frames.push({ timeMs, points });
    const oldest = timeMs - this.windowMs;
    while (this.start < this.frames.length && (this.frames[this.start].timeMs < oldest || this.size > this.maxFrames)) {
      this.start++;
    }
    if (this.start > 1024) {
      this.frames = this.frames.slice(this.start);
      this.start = 0;
    }
  }

  clear(): void {
    this.frames = [];
    this.start = 0;
  }

  /** Columns for the given chips (null where a chip had no point at that time). */
  backfill(keys: readonly string[]): HistoryBackfill {
    const live = this.frames.slice(this.start);
    const series: HistorySeries = {};
    for (const key of keys) {
      const cols = {} as Record<SeriesName, (number | null)[]>;
      for (const name of SERIES) cols[name] = live.map((f) => f.points.get(key)?.[name] ?? null);
      series[key] = cols;
    }
    return { times: live.map((f) => f.timeMs), series };
  }
}
