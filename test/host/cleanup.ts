// Finds and ends every process a simulated host started: sshd and its sessions, and anything that carries
// the host's SIMHOST_STATE marker in its environment (shims, detached simulated containers).
import { readdirSync, readFileSync } from 'node:fs';

function readProc(pid: number, file: string): string {
  try { return readFileSync(`/proc/${pid}/${file}`, 'utf8'); } catch { return ''; }
}

function parentOf(pid: number): number {
  const stat = readProc(pid, 'stat');
  const m = /\) \S (\d+)/.exec(stat);
  return m ? Number(m[1]) : 0;
}

export function hostProcesses(stateDir: string, rootPids: number[]): number[] {
  const marker = `SIMHOST_STATE=${stateDir}\0`;
  const pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).filter((p) => p !== process.pid);
  const parents = new Map(pids.map((p) => [p, parentOf(p)]));
  const found = new Set<number>();
  for (const p of pids) {
    if (`${readProc(p, 'environ')}\0`.includes(marker)) found.add(p);
  }
  // Descendants of the roots (sshd's per-connection processes and their shells).
  let grew = true;
  const tree = new Set(rootPids);
  while (grew) {
    grew = false;
    for (const [p, pp] of parents) if (tree.has(pp) && !tree.has(p)) { tree.add(p); grew = true; }
  }
  for (const p of tree) if (parents.has(p)) found.add(p);
  return [...found];
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); } catch { return false; }
  return !/^\d+ \(.*\) Z/.test(readProc(pid, 'stat'));
}

export async function killAll(pids: number[], graceMs = 1500): Promise<void> {
  for (const p of pids) { try { process.kill(p, 'SIGTERM'); } catch { /* already gone */ } }
  const until = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  for (const p of pids.filter(alive)) { try { process.kill(p, 'SIGKILL'); } catch { /* already gone */ } }
  const hard = Date.now() + 2000;
  while (pids.some(alive) && Date.now() < hard) await new Promise((r) => setTimeout(r, 20));
}
