/**
 * When to validate: at once when a document opens; on change at once unless a run for that document ended less
 * than a "window" ago, else once at the window's end, with the newest text. The window is twice the last run's
 * duration, capped at `debounceMs`: a document that validates in 2 ms is validated on every keystroke (no blind
 * waiting), while one that takes 500 ms gathers a burst of edits into one run instead of one run each. The window
 * counts from the END of the last run, so edits that queued up behind a slow run are taken together.
 * Runs happen off the request path (setImmediate / timers).
 */
export class ValidationScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly immediates = new Map<string, ReturnType<typeof setImmediate>>();
  private readonly lastEnd = new Map<string, number>();
  private readonly lastDuration = new Map<string, number>();

  constructor(private readonly run: (uri: string) => Promise<void> | void, private readonly debounceMs: number) {}

  now(uri: string): void {
    this.cancel(uri);
    this.immediates.set(uri, setImmediate(() => this.fire(uri)));
  }

  changed(uri: string): void {
    if (this.immediates.has(uri) || this.timers.has(uri)) return; // a run is already due; it reads the newest text
    const window = Math.min(this.debounceMs, 2 * (this.lastDuration.get(uri) ?? 0));
    const since = performance.now() - (this.lastEnd.get(uri) ?? -Infinity);
    if (since >= window) this.now(uri);
    else this.timers.set(uri, setTimeout(() => this.fire(uri), window - since));
  }

  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    const imm = this.immediates.get(uri);
    if (imm) clearImmediate(imm);
    this.timers.delete(uri);
    this.immediates.delete(uri);
  }

  forget(uri: string): void {
    this.cancel(uri);
    this.lastEnd.delete(uri);
    this.lastDuration.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.timers.keys(), ...this.immediates.keys()]) this.cancel(uri);
  }

  private fire(uri: string): void {
    this.timers.delete(uri);
    this.immediates.delete(uri);
    const start = performance.now();
    const done = (): void => {
      const end = performance.now();
      this.lastEnd.set(uri, end);
      this.lastDuration.set(uri, end - start);
    };
    this.lastEnd.set(uri, start);
    try {
      const result = this.run(uri);
      if (result) void result.then(done, done);
      else done();
    } catch {
      done();
    }
  }
}
