/**
 * The typed errors every host transport (src/core/ssh, src/core/local) ends a call with, so the runner tells
 * a lost link from a refused key, failed authentication or a cancel by type, never by message text. Each
 * transport maps its own failures to these in one place (ssh: ssh/link-errors.ts).
 */

/** The link to the host went (or could not be made): the host may go on; the outcome of the call is unknown. */
export class LinkLostError extends Error {
  /** True when the link will not come back by itself (the connection pool was closed). */
  readonly permanent: boolean;
  constructor(message: string, opts: { permanent?: boolean; cause?: unknown } = {}) {
    super(message);
    this.name = 'LinkLostError';
    this.permanent = opts.permanent ?? false;
    if (opts.cause !== undefined) this.cause = opts.cause;
  }
}

/** The host refused every way of authenticating: retrying will not help. */
export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

/** The host's key was refused before anything was sent: retrying will not help. */
export class HostKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostKeyError';
  }
}

/** The work was cancelled (an AbortSignal fired). The one cancel type of the core. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
