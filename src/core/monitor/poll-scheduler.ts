/**
 * When to sample a host: every `visibleMs` while the panel is visible (1 Hz by default), every `hiddenMs`
 * while only the status bar and alerts need data, never when neither is shown. Failures back off
 * exponentially (capped) and keep the reason, so the panel can say why it is not updating. Ticks never
 * overlap: a slow sample delays the next one instead of piling up. Timers and clock are injected.
 */
import type { PollState } from './protocol';

export type PollMode = 'visible' | 'hidden' | 'off';

/** The mode for a panel and status-bar state (hidden → slow; status bar off → stop). */
export function pollMode(panelVisible: boolean, statusBarEnabled: boolean): PollMode {
  if (panelVisible) return 'visible';
  return statusBarEnabled ? 'hidden' : 'off';
}

export interface SchedulerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const realTimers: SchedulerTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface SchedulerStatus {
  state: PollState;
  mode: PollMode;
  /** Consecutive failures. */
  failures: number;
  /** The last error's message while backing off; null otherwise. */
  reason: string | null;
  /** Delay before the next attempt while backing off; null otherwise. */
  retryInMs: number | null;
}

export interface SchedulerOptions {
  visibleMs: number;
  hiddenMs: number;
  /** Longest delay between attempts while failing. */
  maxBackoffMs?: number;
  timers?: SchedulerTimers;
  /** One sample; a rejection counts as a failure. */
  tick(): Promise<void>;
  onStatus?(status: SchedulerStatus): void;
}

export class PollScheduler {
  private mode: PollMode = 'off';
  private timer: unknown = undefined;
  private running = false;
  private again = false;
  private lastStart = -Infinity;
  private failures = 0;
  private reason: string | null = null;
  private retryInMs: number | null = null;
  private state: PollState = 'stopped';
  private disposed = false;
  private readonly timers: SchedulerTimers;
  private readonly maxBackoffMs: number;

  constructor(private readonly options: SchedulerOptions) {
    this.timers = options.timers ?? realTimers;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
  }

  get status(): SchedulerStatus {
    return { state: this.state, mode: this.mode, failures: this.failures, reason: this.reason, retryInMs: this.retryInMs };
  }

  setIntervals(visibleMs: number, hiddenMs: number): void {
    this.options.visibleMs = visibleMs;
    this.options.hiddenMs = hiddenMs;
    if (!this.running && this.failures === 0) this.schedule();
  }

  setMode(mode: PollMode): void {
    if (this.disposed || mode === this.mode) return;
    this.mode = mode;
    if (mode === 'off') {
      this.cancel();
      this.failures = 0;
      this.reason = null;
      this.retryInMs = null;
      this.emit('stopped');
      return;
    }
    if (this.state === 'stopped') this.emit('idle');
    // While backing off, keep the backoff delay; otherwise re-time the next tick for the new interval.
    if (!this.running && (this.failures === 0 || this.timer === undefined)) this.schedule();
  }

  /** Sample as soon as possible (user asked, or a new host was chosen); clears the backoff. */
  pollNow(): void {
    if (this.disposed || this.mode === 'off') return;
    this.failures = 0;
    this.retryInMs = null;
    if (this.running) {
      this.again = true;
      return;
    }
    this.cancel();
    void this.run();
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  /** Read through a method: the mode can change while a tick is awaited. */
  private stopped(): boolean {
    return this.mode === 'off';
  }

  private interval(): number {
    return this.mode === 'visible' ? this.options.visibleMs : this.options.hiddenMs;
  }

  private cancel(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Next regular tick: one interval after the previous one started (immediately if that has passed). */
  private schedule(): void {
    this.cancel();
    if (this.mode === 'off' || this.disposed) return;
    const wait = Math.max(0, this.lastStart + this.interval() - this.timers.now());
    this.timer = this.timers.setTimeout(() => void this.run(), wait);
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    if (this.running || this.mode === 'off' || this.disposed) return;
    this.running = true;
    this.lastStart = this.timers.now();
    if (this.state === 'idle' || this.state === 'stopped') this.emit('polling');
    let failed: unknown = undefined;
    let ok = true;
    try {
      await this.options.tick();
    } catch (err) {
      ok = false;
      failed = err;
    }
    this.running = false;
    if (this.disposed || this.stopped()) return;
    if (ok) {
      this.failures = 0;
      this.reason = null;
      this.retryInMs = null;
      this.emit('ok');
    } else {
      this.failures++;
      this.reason = failed instanceof Error ? failed.message : String(failed);
      const base = Math.max(this.interval(), 1000);
      this.retryInMs = Math.min(base * 2 ** this.failures, Math.max(this.maxBackoffMs, base));
      this.emit('backoff', true);
    }
    if (this.again) {
      this.again = false;
      void this.run();
      return;
    }
    if (ok) this.schedule();
    else this.timer = this.timers.setTimeout(() => void this.run(), this.retryInMs ?? this.interval());
  }

  private emit(state: PollState, force = false): void {
    if (state === this.state && !force) return;
    this.state = state;
    this.options.onStatus?.(this.status);
  }
}
