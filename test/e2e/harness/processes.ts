/**
 * Every process the e2e harness starts is spawned in its own process group and tracked here, so a failing or
 * interrupted test still kills all of them (process group SIGTERM, then SIGKILL).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export function spawnTracked(cmd: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(cmd, args, { ...options, detached: true });
  live.add(child);
  child.on('exit', () => live.delete(child));
  return child;
}

/** Stops one tracked process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopTracked(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    killGroup(child, 'SIGKILL'); // grandchildren may outlive the leader
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  killGroup(child, 'SIGKILL');
}

function killAll(): void {
  for (const child of live) killGroup(child, 'SIGKILL');
}

process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}
