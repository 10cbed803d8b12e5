/**
 * A local port forward: a net.Server on 127.0.0.1:0 whose every connection is carried over SSH (forwardOut) to
 * 127.0.0.1:<remotePort> as seen from the host, so a model port never has to be open to the network.
 * `getClient` is asked per connection, so a forward keeps working across reconnects of a pooled connection.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { Client } from 'ssh2';

export interface LocalForward {
  localPort: number;
  remoteHost: string;
  remotePort: number;
  close(): Promise<void>;
}

export async function startLocalForward(
  getClient: () => Promise<Client>,
  remotePort: number,
  opts: { remoteHost?: string; onError?: (e: Error) => void } = {},
): Promise<LocalForward> {
  const remoteHost = opts.remoteHost ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    sock.pause();
    getClient().then((client) => {
      client.forwardOut('127.0.0.1', sock.remotePort ?? 0, remoteHost, remotePort, (err, stream) => {
        if (err) {
          opts.onError?.(err);
          sock.destroy();
          return;
        }
        stream.on('error', () => sock.destroy());
        sock.pipe(stream).pipe(sock);
        sock.resume();
      });
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
  return {
    localPort, remoteHost, remotePort,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
