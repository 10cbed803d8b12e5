/**
 * Benchmark B's simulated host link (root only): a network namespace `completion-b<n>` joined to the machine by a
 * veth pair (`completion<n>h` here, `completion<n>n` inside), with an sshd inside it, so the SSH forward crosses a
 * real link that `tc netem` can delay. The sshd runs the simulated host's own sshd_config (its host key, HOME and
 * shims), listening on the namespace's address; the simulated vLLM and the tap run inside the namespace too, so only
 * the SSH connection crosses the link, as on a real network.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';

export interface BenchNetns {
  name: string;
  /** The namespace's address (the host as the user's machine sees it) and the machine's end. */
  address: string;
  hostSide: string;
  nsSide: string;
  /**
   * Adds `rttMs` of round trip (half on each side's egress) with tc netem; 0 removes it. False when this kernel has
   * no netem qdisc (then b-delay-relay.ts adds the delay instead).
   */
  setRtt(rttMs: number): boolean;
  /** Starts an sshd inside the namespace with `sshdConfig` on <address>:22. */
  startSshd(sshdConfig: string): Promise<ChildProcess>;
  remove(): void;
}

const ip = (...a: string[]): void => { execFileSync('ip', a, { stdio: 'ignore' }); };

export function setupBenchNetns(): BenchNetns {
  const n = process.pid % 100;
  const name = `completion-b${n}`;
  const hostSide = `completion${n}h`;
  const nsSide = `completion${n}n`;
  const net = `10.203.${n}`;
  const address = `${net}.2`;
  try { ip('netns', 'del', name); } catch { /* none left over */ }
  try { ip('link', 'del', hostSide); } catch { /* none left over */ }
  ip('netns', 'add', name);
  ip('link', 'add', hostSide, 'type', 'veth', 'peer', 'name', nsSide);
  ip('link', 'set', nsSide, 'netns', name);
  ip('addr', 'add', `${net}.1/30`, 'dev', hostSide);
  ip('link', 'set', hostSide, 'up');
  ip('netns', 'exec', name, 'ip', 'addr', 'add', `${address}/30`, 'dev', nsSide);
  ip('netns', 'exec', name, 'ip', 'link', 'set', nsSide, 'up');
  ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
  const procs: ChildProcess[] = [];
  return {
    name, address, hostSide, nsSide,
    setRtt(rttMs) {
      const tcHere = (...a: string[]): void => { execFileSync('tc', a, { stdio: 'ignore' }); };
      const tcThere = (...a: string[]): void => ip('netns', 'exec', name, 'tc', ...a);
      for (const [tc, dev] of [[tcHere, hostSide], [tcThere, nsSide]] as const) {
        try { tc('qdisc', 'del', 'dev', dev, 'root'); } catch { /* no qdisc yet */ }
        if (rttMs <= 0) continue;
        try {
          tc('qdisc', 'add', 'dev', dev, 'root', 'netem', 'delay', `${rttMs / 2}ms`);
        } catch {
          return false;
        }
      }
      return true;
    },
    async startSshd(sshdConfig) {
      const dir = dirname(sshdConfig);
      const proc = spawn('ip', ['netns', 'exec', name, '/usr/sbin/sshd', '-D', '-f', sshdConfig, '-E', join(dir, 'sshd-netns.log'),
        '-o', `ListenAddress=${address}`, '-o', 'Port=22', '-o', `PidFile=${join(dir, 'sshd-netns.pid')}`], { stdio: 'ignore' });
      procs.push(proc);
      for (let i = 0; i < 200; i++) {
        const up = await new Promise<boolean>((r) => {
          const c = connect(22, address);
          c.once('connect', () => { c.destroy(); r(true); });
          c.once('error', () => r(false));
        });
        if (up) return proc;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`sshd in ${name} did not listen on ${address}:22`);
    },
    remove() {
      for (const p of procs) p.kill('SIGTERM');
      try { ip('link', 'del', hostSide); } catch { /* gone */ }
      try { ip('netns', 'del', name); } catch { /* gone */ }
    },
  };
}
