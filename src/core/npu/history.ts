/**
 * Ten minutes of per-chip history at 1 Hz, kept in fixed-size ring buffers (one per chip and metric), and
 * the deltas to post to the webview: each tick posts only the new point, and a webview that (re)connects
 * asks for everything after the last sequence number it holds.
 */
import { NumberRing } from './ring-buffer';
import type { NpuChip, NpuSmiInfo } from './types';

/** 10 minutes × 1 sample/s (issue 6: "10-minute history sparklines", 1 Hz default interval). */
export const HISTORY_CAPACITY = 600;

export const HISTORY_METRICS = ['aicorePercent', 'hbmUsedMB', 'memoryUsedMB', 'powerW', 'tempC'] as const;
export type HistoryMetric = (typeof HISTORY_METRICS)[number];

export type ChipSeries = Record<HistoryMetric, (number | null)[]>;

export interface HistoryDelta {
  /** Sequence number of the first point carried (sequence numbers start at 0 and grow by 1 per record). */
  fromSeq: number;
  /** Sequence number of the newest point carried; `toSeq < fromSeq` when there is nothing new. */
  toSeq: number;
  /** The receiver must drop what it holds and start from this delta. */
  reset: boolean;
  /** Sample times (ms), one per point. */
  times: number[];
  /** `"npuId:chipId"` → metric → values aligned with `times` (null: no reading). */
  series: Record<string, ChipSeries>;
}

export const chipKey = (npuId: number, chipId: number): string => `${npuId}:${chipId}`;

function readMetric(chip: NpuChip, metric: HistoryMetric): number | null {
  switch (metric) {
    case 'hbmUsedMB': return chip.hbmMB?.used ?? null;
    case 'memoryUsedMB': return chip.memoryMB?.used ?? null;
    default: return chip[metric];
  }
}

interface ChipRings {
  rings: Record<HistoryMetric, NumberRing>;
  lastSeenSeq: number;
}

export class NpuHistory {
  private readonly times: NumberRing;
  private readonly chips = new Map<string, ChipRings>();
  private seq = -1;

  constructor(readonly capacity = HISTORY_CAPACITY) {
    this.times = new NumberRing(capacity);
  }

  /** Sequence number of the newest point; -1 before the first record. */
  get latestSeq(): number {
    return this.seq;
  }

  /** Adds one snapshot; returns the delta that carries just this point. */
  record(info: NpuSmiInfo, timeMs: number): HistoryDelta {
    const before = this.seq;
    this.seq++;
    const filled = this.times.length;
    this.times.push(timeMs);
    const present = new Set<string>();
    for (const chip of info.chips) {
      const key = chipKey(chip.npuId, chip.chipId);
      present.add(key);
      let entry = this.chips.get(key);
      if (!entry) {
        entry = { rings: this.newRings(filled), lastSeenSeq: this.seq };
        this.chips.set(key, entry);
      }
      entry.lastSeenSeq = this.seq;
      for (const m of HISTORY_METRICS) entry.rings[m].push(readMetric(chip, m));
    }
    for (const [key, entry] of this.chips) {
      if (present.has(key)) continue;
      if (this.seq - entry.lastSeenSeq >= this.capacity) this.chips.delete(key);
      else for (const m of HISTORY_METRICS) entry.rings[m].push(null);
    }
    return this.since(before);
  }

  /**
   * Everything after `lastSeq` (the newest sequence number the receiver holds; -1 for none). If the receiver
   * is further behind than the buffer reaches, the delta is a reset carrying the whole window.
   */
  since(lastSeq: number): HistoryDelta {
    const oldest = this.seq - this.times.length + 1;
    const reset = lastSeq < oldest - 1 || lastSeq > this.seq || lastSeq < 0;
    const from = reset ? oldest : lastSeq + 1;
    const index = from - oldest;
    const series: Record<string, ChipSeries> = {};
    for (const [key, entry] of this.chips) {
      const s = {} as ChipSeries;
      for (const m of HISTORY_METRICS) s[m] = entry.rings[m].slice(index);
      series[key] = s;
    }
    return { fromSeq: from, toSeq: this.seq, reset, times: this.times.slice(index).map((v) => v ?? NaN), series };
  }

  private newRings(backfill: number): Record<HistoryMetric, NumberRing> {
    const rings = {} as Record<HistoryMetric, NumberRing>;
    for (const m of HISTORY_METRICS) {
      rings[m] = new NumberRing(this.capacity);
      for (let i = 0; i < backfill; i++) rings[m].push(null);
    }
    return rings;
  }
}
