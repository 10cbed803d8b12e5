// The network of a simulated cluster (root only): one Linux bridge, and per node a network namespace joined to it
// by a veth pair, so every node has its own address and the nodes (and the test process, through the bridge's own
// address) reach each other over real TCP. Every name contains "simhost" and a per-run tag, so parallel runs do not
// collide. cut(i, true) takes node i's end of its veth down: like a pulled cable, packets to and from that node are
// silently lost while the others keep talking.
import { execFileSync } from 'node:child_process';
import type { Netns } from './netns.js';

export interface ClusterNet { bridge: string; hostAddress: string; nodes: Netns[]; remove(): void }

const ip = (...a: string[]): void => { execFileSync('ip', a, { stdio: 'ignore' }); };

function subnetInUse(prefix: string): boolean {
  return execFileSync('ip', ['-o', '-4', 'addr', 'show'], { encoding: 'utf8' }).includes(` ${prefix}.`);
}

export function setupClusterNet(count: number): ClusterNet {
  if (process.getuid?.() !== 0) throw new Error('a simulated cluster needs root (network namespaces and a bridge)');
  if (count < 1 || count > 8) throw new Error(`a simulated cluster has 1 to 8 nodes, not ${count}`);
  const tag = `${process.pid.toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.slice(0, 6);
  const bridge = `simhost${tag}b`;
  let prefix = '';
  for (let tries = 0; tries < 20 && !prefix; tries++) {
    const p = `10.${(process.pid % 200) + 20}.${100 + Math.floor(Math.random() * 100)}`;
    if (!subnetInUse(p)) prefix = p;
  }
  if (!prefix) throw new Error('no free 10.x.y.0/24 for the simulated cluster');
  const hostAddress = `${prefix}.1`;
  const made: { ns: string[]; links: string[] } = { ns: [], links: [] };
  const remove = (): void => {
    for (const l of made.links) { try { ip('link', 'del', l); } catch { /* gone with its namespace */ } }
    for (const n of made.ns) { try { ip('netns', 'del', n); } catch { /* already gone */ } }
    try { ip('link', 'del', bridge); } catch { /* already gone */ }
  };
  try {
    ip('link', 'add', bridge, 'type', 'bridge');
    ip('addr', 'add', `${hostAddress}/24`, 'dev', bridge);
    ip('link', 'set', bridge, 'up');
    const nodes: Netns[] = [];
    for (let i = 0; i < count; i++) {
      const name = `simhost-${tag}-n${i}`;
      const hostSide = `simhost${tag}${i}h`;
      const nsSide = `simhost${tag}${i}n`;
      const address = `${prefix}.${11 + i}`;
      ip('netns', 'add', name);
      made.ns.push(name);
      ip('link', 'add', hostSide, 'type', 'veth', 'peer', 'name', nsSide);
      made.links.push(hostSide);
      ip('link', 'set', hostSide, 'master', bridge);
      ip('link', 'set', hostSide, 'up');
      ip('link', 'set', nsSide, 'netns', name);
      ip('netns', 'exec', name, 'ip', 'addr', 'add', `${address}/24`, 'dev', nsSide);
      ip('netns', 'exec', name, 'ip', 'link', 'set', nsSide, 'up');
      ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
      nodes.push({
        name, address, hostSide, nsSide,
        cut(down) { ip('netns', 'exec', name, 'ip', 'link', 'set', nsSide, down ? 'down' : 'up'); },
        remove() { /* the cluster removes its whole network */ },
      });
    }
    return { bridge, hostAddress, nodes, remove };
  } catch (e) {
    remove();
    throw e;
  }
}
