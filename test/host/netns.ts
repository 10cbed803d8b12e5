// A network namespace with its own address for the simulated host (root only), so a test can cut the link.
// cut(true) takes the namespace's end of the veth pair down: like a pulled cable, packets to the host are
// silently lost (the host side keeps its route, without carrier), so nothing leaks to the default route and
// established connections see no reset; cut(false) brings it back with its address and route.
import { execFileSync } from 'node:child_process';

export interface Netns {
  name: string; address: string; hostSide: string;
  /** The interface inside the namespace that holds `address` (the node's NIC: HCCL_SOCKET_IFNAME and friends). */
  nsSide: string;
  cut(down: boolean): void; remove(): void;
}

export function setupNetns(): Netns {
  const n = (process.pid % 200) + 20;
  const tag = `${process.pid.toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const name = `simhost-${tag}`;
  const hostSide = `shv${tag}`.slice(0, 15);
  const nsSide = `shn${tag}`.slice(0, 15);
  const sub = Math.floor(Math.random() * 60) * 4;
  const hostAddr = `10.${n}.${sub >> 8}.${(sub & 255) + 1}`;
  const address = `10.${n}.${sub >> 8}.${(sub & 255) + 2}`;
  const ip = (...a: string[]): void => { execFileSync('ip', a, { stdio: 'ignore' }); };
  ip('netns', 'add', name);
  ip('link', 'add', hostSide, 'type', 'veth', 'peer', 'name', nsSide);
  ip('link', 'set', nsSide, 'netns', name);
  ip('addr', 'add', `${hostAddr}/30`, 'dev', hostSide);
  ip('link', 'set', hostSide, 'up');
  ip('netns', 'exec', name, 'ip', 'addr', 'add', `${address}/30`, 'dev', nsSide);
  ip('netns', 'exec', name, 'ip', 'link', 'set', nsSide, 'up');
  ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
  return {
    name, address, hostSide, nsSide,
    cut(down) { ip('netns', 'exec', name, 'ip', 'link', 'set', nsSide, down ? 'down' : 'up'); },
    remove() {
      try { ip('link', 'del', hostSide); } catch { /* already gone */ }
      try { ip('netns', 'del', name); } catch { /* already gone */ }
    },
  };
}
