/**
 * A transparent TCP tap in front of the simulated vLLM, run as its own process (so the benchmark's event loop
 * never delays it). It forwards bytes untouched and reports every `POST /v1/completions` it sees, with the
 * wall-clock time (performance.timeOrigin + now, comparable to a page's), the request's `max_tokens`, and when its
 * response ended (the SSE `[DONE]` forwarded, or the connection closed: an abort).
 *   child: node --import tsx b-tap.ts <upstreamPort>   → IPC { ready: port }, then { at, maxTokens, id } per
 *   request and { id, end } when its response ends
 */
import { connect, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface TappedRequest {
  /** Epoch ms (fractional) when the request line was seen. */
  at: number;
  maxTokens: number;
  /** Epoch ms when the response ended ([DONE] forwarded or connection closed). */
  end?: number;
}

export interface Tap {
  url: string;
  requests: TappedRequest[];
  stop(): Promise<void>;
}

/** Starts the tap process in front of `upstreamUrl` (http://127.0.0.1:PORT). */
export async function startTap(upstreamUrl: string, where: { inNetns?: string; port?: number } = {}): Promise<Tap> {
  const upstreamPort = new URL(upstreamUrl).port;
  const execArgv = ['--import', 'tsx'];
  const child: ChildProcess = fork(__filename, [upstreamPort, String(where.port ?? 0)], where.inNetns
    ? { execPath: 'ip', execArgv: ['netns', 'exec', where.inNetns, process.execPath, ...execArgv], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }
    : { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const requests: TappedRequest[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('tap did not start')), 15_000);
    const byId = new Map<number, TappedRequest>();
    child.on('message', (m: { ready?: number; id?: number } & Partial<TappedRequest>) => {
      if (m.ready) { clearTimeout(timer); resolve(m.ready); return; }
      if (m.at !== undefined) {
        const r: TappedRequest = { at: m.at, maxTokens: m.maxTokens ?? -1 };
        requests.push(r);
        byId.set(m.id ?? -1, r);
      } else if (m.end !== undefined) {
        const r = byId.get(m.id ?? -1);
        if (r && r.end === undefined) r.end = m.end;
        byId.delete(m.id ?? -1);
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`tap exited with ${code}`)); });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: async () => {
      child.removeAllListeners('exit');
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function runTap(upstreamPort: number, listenPort: number): void {
  const send = (m: unknown) => process.send?.(m);
  const now = () => performance.timeOrigin + performance.now();
  let nextId = 0;
  const server = createServer((client: Socket) => {
    const up = connect(upstreamPort, '127.0.0.1');
    client.setNoDelay(true);
    up.setNoDelay(true);
    let buf = '';
    let seenAt: number | undefined;
    const open: number[] = []; // ids of requests on this connection whose response has not ended, oldest first
    let down = '';
    client.on('data', (d: Buffer) => {
      up.write(d);
      buf += d.toString('latin1');
      for (;;) {
        if (seenAt === undefined) {
          const i = buf.indexOf('POST /v1/completions');
          if (i < 0) { buf = buf.slice(-32); return; }
          seenAt = now();
          buf = buf.slice(i + 20);
        }
        const m = /"max_tokens":(\d+)/.exec(buf);
        if (!m) return;
        const id = nextId++;
        open.push(id);
        send({ at: seenAt, maxTokens: Number(m[1]), id });
        seenAt = undefined;
        buf = buf.slice(m.index + m[0].length);
      }
    });
    up.on('data', (d: Buffer) => {
      client.write(d);
      down = (down + d.toString('latin1')).slice(-64);
      if (down.includes('data: [DONE]') && open.length) {
        send({ id: open.shift(), end: now() });
        down = '';
      }
    });
    const closed = () => { for (const id of open.splice(0)) send({ id, end: now() }); };
    client.on('close', () => { closed(); up.destroy(); });
    up.on('close', () => client.destroy());
    client.on('error', () => up.destroy());
    up.on('error', () => client.destroy());
  });
  server.listen(listenPort, '127.0.0.1', () => send({ ready: (server.address() as { port: number }).port }));
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}

if (require.main === module) runTap(Number(process.argv[2]), Number(process.argv[3] ?? 0));
