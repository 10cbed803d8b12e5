/**
 * A 10-minute sparkline on a canvas: the line and a faint fill below it, the time axis ending now and
 * spanning the history there is (at least a minute, at most the window), so a freshly opened panel does not
 * show a sliver at the right edge of an empty 10-minute axis; gaps where a reading is missing. Points are first averaged into one value per pixel column in
 * plain arithmetic (600 points at 1 Hz into ~270 columns), so the canvas calls per repaint are bounded by the
 * canvas width, not by the history length. It repaints only when asked (once per update), sizes itself to its
 * box and the device pixel ratio, and takes its colour from CSS (so themes, including high contrast, apply).
 */
import type { SeriesName } from '../../src/core/monitor/protocol';
import type { SeriesRing } from './series-ring';

/** The shortest time axis: a new panel fills its first minute from left to right, then compresses to 10 min. */
export const MIN_SPAN_MS = 60_000;

export class Sparkline {
  readonly canvas: HTMLCanvasElement;
  private width = 0;
  private height = 0;
  private color = '';
  private sums = new Float64Array(0);
  private counts = new Uint16Array(0);

  constructor(className: string, private readonly fixedMax: number | null) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = `sparkline ${className}`;
    this.canvas.setAttribute('role', 'img');
  }

  /** Re-read size and colour (after layout or a theme change). */
  measure(): void {
    const rect = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(rect.width * dpr));
    const h = Math.max(1, Math.round(rect.height * dpr));
    if (w !== this.width || h !== this.height) {
      this.width = w;
      this.height = h;
      this.canvas.width = w;
      this.canvas.height = h;
      this.sums = new Float64Array(w);
      this.counts = new Uint16Array(w);
    }
    this.color = getComputedStyle(this.canvas).color;
  }

  /** Averages the points inside the window into pixel columns; returns the largest value seen. */
  private bin(ring: SeriesRing, name: SeriesName, from: number, windowMs: number): number {
    const { sums, counts, width } = this;
    sums.fill(0);
    counts.fill(0);
    const values = ring.values[name];
    let max = 0;
    for (let k = 0; k < ring.length; k++) {
      const i = ring.at(k);
      const t = ring.times[i];
      const v = values[i];
      if (t < from || Number.isNaN(v)) continue;
      const col = Math.min(width - 1, Math.floor(((t - from) / windowMs) * width));
      sums[col] += v;
      counts[col]++;
      if (v > max) max = v;
    }
    return max;
  }

  draw(ring: SeriesRing, name: SeriesName, nowMs: number, windowMs: number): void {
    if (this.width === 0) this.measure();
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const { width: w, height: h, sums, counts } = this;
    ctx.clearRect(0, 0, w, h);
    const oldest = ring.length > 0 ? ring.times[ring.at(0)] : nowMs;
    const span = Math.min(windowMs, Math.max(MIN_SPAN_MS, nowMs - oldest));
    const seen = this.bin(ring, name, nowMs - span, span);
    const max = this.fixedMax ?? (seen > 0 ? seen * 1.15 : 1);
    const pad = Math.max(1, Math.round(h * 0.06));
    const scale = (h - 2 * pad) / max;
    // Columns further apart than this (in pixels) are a gap: no sample for longer than ~3 intervals.
    const maxGap = Math.max(3, Math.ceil((w * 3 * estimateIntervalMs(ring)) / span));
    ctx.lineWidth = Math.max(1, (window.devicePixelRatio || 1) * 1.25);
    ctx.lineJoin = 'round';
    ctx.strokeStyle = this.color;
    ctx.fillStyle = this.color;
    const line = new Path2D();
    const fill = new Path2D();
    let segStart = -1;
    let last = -1;
    const close = (): void => {
      if (segStart < 0) return;
      fill.lineTo(last + 0.5, h);
      fill.lineTo(segStart + 0.5, h);
      fill.closePath();
      segStart = -1;
    };
    for (let col = 0; col < w; col++) {
      if (counts[col] === 0) continue;
      const y = h - pad - Math.min(sums[col] / counts[col], max) * scale;
      const x = col + 0.5;
      if (segStart >= 0 && col - last > maxGap) close();
      if (segStart < 0) {
        line.moveTo(x, y);
        fill.moveTo(x, y);
        segStart = col;
      } else {
        line.lineTo(x, y);
        fill.lineTo(x, y);
      }
      last = col;
    }
    close();
    ctx.globalAlpha = 0.18;
    ctx.fill(fill);
    ctx.globalAlpha = 1;
    ctx.stroke(line);
  }
}

/** Median spacing of the newest few samples (the polling interval as seen), 1 s when unknown. */
function estimateIntervalMs(ring: SeriesRing): number {
  const n = Math.min(ring.length, 8);
  if (n < 2) return 1000;
  const gaps: number[] = [];
  for (let k = ring.length - n + 1; k < ring.length; k++) gaps.push(ring.times[ring.at(k)] - ring.times[ring.at(k - 1)]);
  gaps.sort((a, b) => a - b);
  return Math.max(1, gaps[gaps.length >> 1]);
}
