/** The engine's state for a status bar, with change listeners. */
import type { Disposable } from './cancellation';
import type { CompletionErrorKind } from './completion-errors';

export type EngineStateKind = 'off' | 'connecting' | 'ready' | 'slow' | 'error';

export interface EngineState {
  kind: EngineStateKind;
  /** Localized explanation for 'slow' and 'error'. */
  message?: string;
  errorKind?: CompletionErrorKind;
  /** The served model once known. */
  model?: string;
}

export class StateHolder {
  private current: EngineState;
  private readonly listeners = new Set<(s: EngineState) => void>();

  constructor(initial: EngineState) {
    this.current = initial;
  }

  get state(): EngineState {
    return this.current;
  }

  set(next: EngineState): void {
    const c = this.current;
    if (c.kind === next.kind && c.message === next.message && c.model === next.model && c.errorKind === next.errorKind) return;
    this.current = next;
    for (const l of [...this.listeners]) l(next);
  }

  onChange(listener: (s: EngineState) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }
}
