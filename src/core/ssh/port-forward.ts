/**
 * A local port forward: a net.Server on 127.0.0.1:0 whose every connection is carried over SSH (forwardOut) to
 * 127.0.0.1:<remotePort> as seen from the host, so a model port never has to be open to the network.
 * `getClient` is asked per connection, so a forward keeps working across reconnects of a pooled connection.
 *
 * Kept warm: `spares` channels (default 1) are opened ahead, so a new local connection is piped into a channel that
 * already exists instead of waiting a round trip to the host for one (a completion client opens a new connection
 * after every aborted stream and after vLLM's 5 s keep-alive timeout: docs/completion-facts.md). A spare that the
 * host closes is replaced, at most once per `respareMs`. The SSH socket is set to TCP_NODELAY, so small requests and
 * tokens are not held back by Nagle's algorithm.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';

export interface LocalForward {
  localPort: number;
  remoteHost: string;
  remotePort: number;
  /** Channels opened so far (each a round trip to the host), and connections that found a spare waiting. */
  readonly stats: { channelsOpened: number; sparesUsed: number };
  close(): Promise<void>;
}

export interface ForwardOptions {
  remoteHost?: string;
  onError?: (e: Error) => void;
  /** Channels kept open ahead of connections; 0 opens one per connection. Default 1. */
  spares?: number;
  /** Least time between replacing spares the host closed. Default 1000. */
  respareMs?: number;
}

export async function startLocalForward(getClient: () => Promise<Client>, remotePort: number, opts: ForwardOptions = {}): Promise<LocalForward> {
  const remoteHost = opts.remoteHost ?? '127.0.0.1';
  const wanted = opts.spares ?? 1;
  const respareMs = opts.respareMs ?? 1000;
  const sockets = new Set<Socket>();
  const spares: Array<{ ch: Duplex; gone: () => void; early: (b: Buffer) => void; buffered: Buffer[] }> = [];
  const stats = { channelsOpened: 0, sparesUsed: 0 };
  let opening = 0;
  let closed = false;
  let lastRespare = -Infinity;
  let respareTimer: ReturnType<typeof setTimeout> | undefined;

  const openChannel = async (): Promise<Duplex> => {
    const client = await getClient();
    client.setNoDelay(true);
    return new Promise<Duplex>((resolve, reject) => {
      client.forwardOut('127.0.0.1', 0, remoteHost, remotePort, (err, stream) => {
        if (err) { reject(err); return; }
        stats.channelsOpened++;
        resolve(stream);
      });
    });
  };

  const fill = (): void => {
    while (!closed && spares.length + opening < wanted) {
      opening++;
      openChannel().then((ch) => {
        opening--;
        if (closed) { ch.destroy(); return; }
        // Read while waiting (a paused stream would never report the host's end); anything that arrives is kept.
        const buffered: Buffer[] = [];
        const entry = {
          ch,
          buffered,
          early: (b: Buffer): void => { buffered.push(b); },
          gone: (): void => {
            const i = spares.indexOf(entry);
            if (i < 0) return;
            spares.splice(i, 1);
            ch.destroy();
            refillLater();
          },
        };
        spares.push(entry);
        ch.on('close', entry.gone);
        ch.on('end', entry.gone);
        ch.on('error', entry.gone);
        ch.on('data', entry.early);
      }, () => {
        // Not reported: a spare is opened ahead (the port may not be up yet); a connection that needs one reports.
        opening--;
        refillLater();
      });
    }
  };

  // A spare closed by the host (or refused) is replaced, but not in a tight loop.
  const refillLater = (): void => {
    if (closed || respareTimer) return;
    const wait = Math.max(0, lastRespare + respareMs - performance.now());
    respareTimer = setTimeout(() => {
      respareTimer = undefined;
      lastRespare = performance.now();
      fill();
    }, wait);
    respareTimer.unref?.();
  };

  const take = (): Duplex | undefined => {
    while (spares.length) {
      const { ch, gone, early, buffered } = spares.shift()!;
      ch.off('close', gone);
      ch.off('end', gone);
      ch.off('error', gone);
      ch.off('data', early);
      ch.pause();
      for (const b of buffered.reverse()) ch.unshift(b);
      if (!ch.destroyed && ch.readable && ch.writable) return ch;
    }
    return undefined;
  };

  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.setNoDelay(true);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    sock.pause();
    const spare = take();
    if (spare) stats.sparesUsed++;
    fill();
    const channel = spare ? Promise.resolve(spare) : openChannel();
    channel.then((stream) => {
      if (sock.destroyed) { stream.destroy(); return; }
      stream.on('error', () => sock.destroy());
      stream.on('close', () => sock.destroy());
      sock.on('close', () => stream.destroy());
      sock.pipe(stream).pipe(sock);
      sock.resume();
    }, (e: Error) => {
      opts.onError?.(e);
      sock.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const localPort = typeof addr === 'object' && addr ? addr.port : 0;
  fill();
  return {
    localPort, remoteHost, remotePort, stats,
    close: () => new Promise<void>((resolve) => {
      closed = true;
      if (respareTimer) clearTimeout(respareTimer);
      for (const { ch } of spares.splice(0)) ch.destroy();
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
