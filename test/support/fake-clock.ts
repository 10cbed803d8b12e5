/** Injected timers for the scheduler tests: time moves only when a test advances it. */
import type { SchedulerTimers } from '../../src/core/monitor/poll-scheduler';

interface Pending {
  id: number;
  at: number;
  fn: () => void;
}

/** Also satisfies other schedulers typed like SchedulerTimers (now / setTimeout / clearTimeout). */
export class FakeClock implements SchedulerTimers {
  time = 0;
  private pending: Pending[] = [];
  private nextId = 1;

  now = (): number => this.time;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.pending.push({ id, at: this.time + Math.max(0, ms), fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.pending = this.pending.filter((p) => p.id !== handle);
  };

  get timerCount(): number {
    return this.pending.length;
  }

  /** Delay of the next pending timer from now, or null. */
  nextDelay(): number | null {
    if (this.pending.length === 0) return null;
    return Math.min(...this.pending.map((p) => p.at)) - this.time;
  }

  /** Runs every timer due within `ms`, in order, letting the async work each starts settle. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await settle();
    for (;;) {
      const due = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.time = due.at;
      due.fn();
      await settle();
    }
    this.time = target;
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
