/**
 * Follows a job's log until it ends: polls status and new log bytes, hands them to onData, and survives dropped
 * connections (the shell asks the pool again, which reconnects; a failed poll is retried). Returns the final
 * state. Cancelling the AbortSignal stops following (CancelledError), not the job (use cancelJob for that).
 */
import { CancelledError } from '../../host-command/host-errors';
import type { HostShell } from '../../host-command/host-shell';
import { pollJob } from './job-remote';
import type { JobState } from './job-types';

export interface FollowOptions {
  /** Start from this log offset (what the caller already has; 0 for everything). */
  offset?: number;
  intervalMs?: number;
  onData?: (chunk: Buffer, nextOffset: number) => void;
  /** Told about failed polls (connection dropped); following continues. */
  onPollError?: (e: Error) => void;
  signal?: AbortSignal;
}

const FINAL = new Set(['succeeded', 'failed', 'cancelled', 'lost']);

export async function followJob(shell: HostShell, id: string, opts: FollowOptions = {}): Promise<JobState & { offset: number }> {
  let offset = opts.offset ?? 0;
  const interval = opts.intervalMs ?? 1000;
  for (;;) {
    if (opts.signal?.aborted) throw new CancelledError();
    try {
      const p = await pollJob(shell, id, offset);
      if (p.data.length > 0) {
        offset = p.nextOffset;
        opts.onData?.(p.data, offset);
      }
      // Finished and every byte read: done. (Status is written after the last log byte.)
      if (FINAL.has(p.state.status) && offset >= p.logSize) return { ...p.state, offset };
      if (p.state.status === 'unknown' && !p.state.alive && p.logSize === 0) return { ...p.state, offset };
      if (p.data.length > 0 && offset < p.logSize) continue;
    } catch (e) {
      opts.onPollError?.(e as Error);
    }
    await sleep(interval, opts.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
