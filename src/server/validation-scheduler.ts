/**
 * When to validate a document: at once, after yielding to the edits that are already queued, and never later than
 * `maxWaitMs` after the first change it covers.
 *
 * vscode-jsonrpc hands the server one queued message per event-loop turn (setImmediate), so edits that arrived
 * while a validation ran are processed one turn apart. A due run therefore re-queues itself (setImmediate) as long
 * as a change to its document arrived since it was last queued, and always at least once; it runs on the first
 * quiet turn, on the newest text. Edits queued behind a slow run are taken together, and an edit on an idle server
 * is validated within two turns (microseconds), however long earlier runs took and however busy the machine is:
 * nothing here is measured in wall-clock time except the cap, which bounds the wait while edits keep coming.
 *
 * (The scheduler this replaces waited 2 × the last run's wall-clock time, capped, after every run. Under load the
 * wall-clock time includes the wait for a CPU, so every edit of a burst waited the full cap; see
 * test/bench/results/config.md.) Stale results are dropped by the caller, which checks the document version.
 */
interface Pending {
  handle: ReturnType<typeof setImmediate>;
  /** The document's change count when this run was last (re)queued; -1 forces one yield. */
  seen: number;
  /** When the first change this run covers was scheduled. */
  since: number;
}

export class ValidationScheduler {
  private readonly pending = new Map<string, Pending>();
  private readonly changes = new Map<string, number>();

  /** `clock` reads milliseconds for the cap only (tests pass their own). */
  constructor(
    private readonly run: (uri: string) => Promise<void> | void,
    private readonly maxWaitMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Validate on the next turn (document opened, settings changed). */
  now(uri: string): void {
    this.cancel(uri);
    this.queue(uri, { seen: this.changes.get(uri) ?? 0, since: this.clock() });
  }

  /** The document changed: validate once the queued edits are in, within `maxWaitMs`. */
  changed(uri: string): void {
    this.changes.set(uri, (this.changes.get(uri) ?? 0) + 1);
    if (this.pending.has(uri)) return; // a run is already due; it reads the newest text
    this.queue(uri, { seen: -1, since: this.clock() });
  }

  cancel(uri: string): void {
    const p = this.pending.get(uri);
    if (p) clearImmediate(p.handle);
    this.pending.delete(uri);
  }

  forget(uri: string): void {
    this.cancel(uri);
    this.changes.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.pending.keys()]) this.cancel(uri);
  }

  private queue(uri: string, state: { seen: number; since: number }): void {
    const p: Pending = { ...state, handle: setImmediate(() => this.fire(uri, p)) };
    this.pending.set(uri, p);
  }

  private fire(uri: string, p: Pending): void {
    if (this.pending.get(uri) !== p) return;
    const count = this.changes.get(uri) ?? 0;
    if (count !== p.seen && this.clock() - p.since < this.maxWaitMs) {
      // More edits came in (or may be queued right behind this one): let them land first.
      this.queue(uri, { seen: count, since: p.since });
      return;
    }
    this.pending.delete(uri);
    try {
      const result = this.run(uri);
      if (result) void result.catch(() => undefined);
    } catch {
      // the caller reports its own failures
    }
  }
}
