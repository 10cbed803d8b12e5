/**
 * Round-trip delay on the benchmark's host link, in user space: this machine's kernel has no netem qdisc (`tc qdisc
 * add … netem` answers "Specified qdisc kind is unknown"), so a TCP relay in its own process sits in front of the
 * namespace's sshd and holds every chunk for half the round trip in each direction, in order (latency only: no loss,
 * no bandwidth limit). `setRtt` changes it while connections stay open.
 *   child: node --import tsx b-delay-relay.ts <targetHost> <targetPort>  → IPC { ready: port }; { rtt } sets it
 */
import { fork, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';

export interface DelayRelay {
  port: number;
  setRtt(rttMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startDelayRelay(targetHost: string, targetPort: number, rttMs = 0): Promise<DelayRelay> {
  const child: ChildProcess = fork(__filename, [targetHost, String(targetPort), String(rttMs)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { ready?: number }) => (m.ready ? resolve(m.ready) : reject(new Error('relay did not start'))));
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
  });
  return {
    port,
    setRtt: (rtt) => new Promise<void>((resolve) => {
      child.once('message', () => resolve());
      child.send({ rtt });
    }),
    stop: async () => {
      child.removeAllListeners('exit');
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Copies `from` to `to`, each chunk delivered `half()` ms after it arrived, never out of order. */
function delayed(from: Socket, to: Socket, half: () => number): void {
  const queue: Array<{ at: number; data: Buffer }> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pump = (): void => {
    timer = undefined;
    const now = performance.now();
    while (queue.length && queue[0].at <= now + 0.5) to.write(queue.shift()!.data);
    if (queue.length) timer = setTimeout(pump, Math.max(0, queue[0].at - performance.now()));
  };
  from.on('data', (data: Buffer) => {
    const d = half();
    if (d <= 0 && queue.length === 0) { to.write(data); return; }
    queue.push({ at: performance.now() + d, data });
    if (!timer) timer = setTimeout(pump, Math.max(0, queue[0].at - performance.now()));
  });
  from.on('end', () => {
    const finish = (): void => { if (queue.length || timer) setTimeout(finish, 1); else to.end(); };
    finish();
  });
}

function runRelay(host: string, port: number, rtt0: number): void {
  let rtt = rtt0;
  const half = () => rtt / 2;
  const server = createServer((client) => {
    const up = connect(port, host);
    client.setNoDelay(true);
    up.setNoDelay(true);
    delayed(client, up, half);
    delayed(up, client, half);
    client.on('error', () => up.destroy());
    up.on('error', () => client.destroy());
    client.on('close', () => up.destroy());
    up.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ ready: (server.address() as { port: number }).port }));
  process.on('message', (m: { rtt?: number }) => { if (typeof m.rtt === 'number') { rtt = m.rtt; process.send?.({ rtt }); } });
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}

if (require.main === module) runRelay(process.argv[2], Number(process.argv[3]), Number(process.argv[4] ?? 0));
