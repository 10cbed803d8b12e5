/**
 * The one way the runner rides out a lost link: the host goes on (a job runs, a container starts), so work that
 * lost its link waits for it to come back, up to ctx.reconnectTimeoutMs counted from when it was first lost.
 * A link that will not come back (pool closed), a refused key or failed authentication ends the wait at once.
 */
import { AuthError, CancelledError, HostKeyError, LinkLostError } from '../../host-command/host-errors';
import type { RunContext } from './run-context';

/** How long work survives a host it cannot reach (the host's own work goes on regardless). */
export const DEFAULT_RECONNECT_TIMEOUT_MS = 10 * 60 * 1000;

export function reconnectTimeoutMs(ctx: RunContext): number {
  return ctx.reconnectTimeoutMs ?? DEFAULT_RECONNECT_TIMEOUT_MS;
}

/** True for a lost link that may come back (so waiting makes sense). */
export function isTransientLinkError(e: unknown): boolean {
  return e instanceof LinkLostError && !e.permanent;
}

/** True when waiting cannot help: the link is gone for good, or the host refused us. */
export function isFinalLinkError(e: unknown): boolean {
  return (e instanceof LinkLostError && e.permanent) || e instanceof AuthError || e instanceof HostKeyError;
}

/** True once an outage that began at `since` has lasted longer than ctx.reconnectTimeoutMs. */
export function outageExpired(ctx: RunContext, since: number, now = Date.now()): boolean {
  return now - since > reconnectTimeoutMs(ctx);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the host can be reached again; false when the outage that began at `since` outlasts
 * ctx.reconnectTimeoutMs first. Throws CancelledError on ctx.signal, and errors that are not a lost link.
 */
export async function waitForLink(ctx: RunContext, since: number): Promise<boolean> {
  let delay = 100;
  for (;;) {
    if (ctx.signal?.aborted) throw new CancelledError();
    try {
      await ctx.shell.ready();
      return true;
    } catch (e) {
      if (!isTransientLinkError(e)) throw e;
    }
    if (outageExpired(ctx, since)) return false;
    await sleep(delay);
    delay = Math.min(delay * 2, 2000);
  }
}
