/**
 * A cancellation token shaped like VS Code's `CancellationToken`, so the provider can pass VS Code's token
 * straight in while this core never imports 'vscode'.
 */
export interface Disposable {
  dispose(): void;
}

export interface CancellationLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): Disposable;
}

/** A token that is never cancelled. */
export const neverCancelled: CancellationLike = {
  isCancellationRequested: false,
  onCancellationRequested: () => ({ dispose: () => undefined }),
};

class SourceToken implements CancellationLike {
  cancelled = false;
  readonly listeners = new Set<() => void>();

  get isCancellationRequested(): boolean {
    return this.cancelled;
  }

  onCancellationRequested(listener: () => void): Disposable {
    if (this.cancelled) {
      queueMicrotask(listener);
      return { dispose: () => undefined };
    }
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }
}

/** Creates tokens for callers that are not VS Code (tests, the replay benchmark). */
export class CancellationSource {
  private readonly state = new SourceToken();
  readonly token: CancellationLike = this.state;

  cancel(): void {
    if (this.state.cancelled) return;
    this.state.cancelled = true;
    const listeners = [...this.state.listeners];
    this.state.listeners.clear();
    for (const l of listeners) l();
  }
}
