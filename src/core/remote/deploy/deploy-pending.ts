/**
 * The marker of a deploy in progress (deployment/record.ts PendingDeploy) and how a client shows it is
 * alive: while it deploys, a holder process runs on the host, held open by the client (shell.hold: `cat` reading
 * its stdin, so it ends when the client's link does, e.g. when the CLI or VS Code is killed) and the client
 * touches the marker every HEARTBEAT_MS. A marker is live while its holder runs and its last touch is recent
 * (a connection that died without the host noticing keeps a holder, so the touch bounds that); else stale, and
 * the next touch of the deployment reconciles it (deploy-reconcile.ts).
 */
import { t } from '../../l10n/index';
import type { HeldCommand } from '../../host-command/host-shell';
import { pendingDeployPath, pendingHolderPath, parsePendingDeploy, type PendingDeploy } from '../../deployment/record';
import { requireValid } from '../../host-command/validate-input';
import { run, writeHostFile } from '../host/remote-io';
import type { RunContext } from '../host/run-context';

const HEARTBEAT_MS = 15_000;
/** A marker untouched this long is stale even if its holder still runs. */
export const PENDING_STALE_S = 120;

// $1 = pid file (relative to $HOME). Prints "ready" once the pid is written, then waits for the channel to close.
const HOLDER_SCRIPT = 'umask 077 && cd "$HOME" && mkdir -p -- "$(dirname -- "$1")" && printf "%s\\n" "$$" > "$1" && echo ready && exec cat > /dev/null';
// $1 = marker, $2 = pid file, $3 = stale age in seconds. Prints none | live | stale, the age, then the marker.
const LIVENESS_SCRIPT = [
  'cd "$HOME" || exit 1',
  '[ -f "$1" ] || { echo none; exit 0; }',
  'pid=$(cat -- "$2" 2>/dev/null)',
  'age=$(( $(date +%s) - $(stat -c %Y -- "$1") ))',
  // A holder that exited may stay a zombie until its sshd reaps it: alive means a process state other than Z/X.
  'st=$(sed -n "s/^.*) \\(.\\) .*$/\\1/p" "/proc/$pid/stat" 2>/dev/null)',
  'if [ -n "$pid" ] && [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ] && [ "$age" -lt "$3" ]; then echo live; else echo stale; fi',
  'echo "$age"',
  'cat -- "$1"',
].join('\n');
const TOUCH_SCRIPT = 'cd "$HOME" && touch -c -- "$1"';
// $1 = marker, $2 = pid file. Ends the holder (if it is still ours) and removes both.
const END_SCRIPT = 'cd "$HOME" || exit 1; pid=$(cat -- "$2" 2>/dev/null); [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -f -- "$1" "$2"';

export interface PendingState {
  state: 'none' | 'live' | 'stale';
  marker?: PendingDeploy;
  /** Seconds since the marker was last touched. */
  ageS?: number;
}

export async function readPending(ctx: RunContext, name: string): Promise<PendingState> {
  const n = requireValid('deploymentName', name);
  const r = await run(ctx, ['sh', '-c', LIVENESS_SCRIPT, 'ascend-llm', pendingDeployPath(n), pendingHolderPath(n), String(PENDING_STALE_S)]);
  if (r.code !== 0) throw new Error(t('Could not read {0}: {1}', pendingDeployPath(n), r.stderr.trim()));
  const [state, age, ...rest] = r.stdout.split('\n');
  if (state !== 'live' && state !== 'stale') return { state: 'none' };
  // An unreadable marker is stale all the same: there is nothing to reconcile from, only to remove.
  return { state, ageS: Number(age), marker: parsePendingDeploy(rest.join('\n')) };
}

export interface PendingHandle {
  /** Removes the marker (the host is consistent again) and ends the holder. */
  end(): Promise<void>;
}

/** Writes the marker (holder first) and keeps it live until end(). */
export async function beginPending(ctx: RunContext, marker: PendingDeploy): Promise<PendingHandle> {
  const n = requireValid('deploymentName', marker.name);
  const markerPath = pendingDeployPath(n);
  const pidPath = pendingHolderPath(n);
  let holder: HeldCommand | undefined;
  let ended = false;
  const hold = async (): Promise<void> => {
    const h = await ctx.shell.hold(['sh', '-c', HOLDER_SCRIPT, 'ascend-llm', pidPath], 'ready').catch(() => undefined);
    holder = h;
    void h?.ended.then(() => { if (holder === h) holder = undefined; });
  };
  await hold();
  if (!holder) ctx.log('warn', t('Could not start the process that shows the deploy of {0} is alive on the host.', n));
  try {
    await writeHostFile(ctx, markerPath, `${JSON.stringify(marker, null, 2)}\n`);
  } catch (e) {
    holder?.close();
    throw e;
  }
  let beating = false;
  const beat = async (): Promise<void> => {
    if (beating || ended) return;
    beating = true;
    try {
      if (!holder) await hold(); // the connection was replaced: hold the marker on the new one
      await run({ ...ctx, signal: undefined }, ['sh', '-c', TOUCH_SCRIPT, 'ascend-llm', markerPath]);
    } catch {
      // unreachable for now: the next beat tries again
    } finally {
      beating = false;
    }
  };
  const timer = setInterval(() => void beat(), HEARTBEAT_MS);
  timer.unref?.();
  return {
    async end() {
      ended = true;
      clearInterval(timer);
      try {
        const r = await run({ ...ctx, signal: undefined }, ['sh', '-c', END_SCRIPT, 'ascend-llm', markerPath, pidPath]);
        if (r.code !== 0) ctx.log('warn', t('Could not remove {0}: {1}', markerPath, r.stderr.trim()));
      } catch (e) {
        ctx.log('warn', t('Could not remove {0}: {1}', markerPath, (e as Error).message));
      } finally {
        holder?.close();
      }
    },
  };
}

/** Removes a stale marker (after reconciling it). */
export async function removePending(ctx: RunContext, name: string): Promise<void> {
  const n = requireValid('deploymentName', name);
  const r = await run({ ...ctx, signal: undefined }, ['sh', '-c', END_SCRIPT, 'ascend-llm', pendingDeployPath(n), pendingHolderPath(n)]);
  if (r.code !== 0) throw new Error(t('Could not remove {0}: {1}', pendingDeployPath(n), r.stderr.trim()));
}

/** Deploys this process runs now, by host and name: never reconciled from here while they run. */
const active = new Set<string>();

export function markActive(alias: string, name: string): () => void {
  const key = `${alias}\u0000${name}`;
  active.add(key);
  return () => { active.delete(key); };
}

export function isActiveHere(alias: string, name: string): boolean {
  return active.has(`${alias}\u0000${name}`);
}
