// A loopback TCP relay in its own process, put between the engine and the simulated vLLM, that reports when a
// client closes its connection while a response is still streaming: what the server sees of an abort. Times are
// process.hrtime (CLOCK_MONOTONIC, shared by every process on the machine), in ms, sent over IPC.
//   fork(disconnect-observer.mjs, [upstreamPort]) → { ready: port } then { closed: ms } per client disconnect.
import { createConnection, createServer } from 'node:net';

const upstreamPort = Number(process.argv[2]);
const now = () => Number(process.hrtime.bigint()) / 1e6;

const server = createServer((client) => {
  client.setNoDelay(true);
  const up = createConnection({ host: '127.0.0.1', port: upstreamPort });
  up.setNoDelay(true);
  let upEnded = false;
  let busy = false; // a request was sent and its response has not ended (chunked terminator or Content-Length)
  let pending = 0;
  client.on('data', (d) => { busy = true; pending = 0; up.write(d); });
  up.on('data', (d) => {
    client.write(d);
    const s = d.toString('latin1');
    if (s.endsWith('0\r\n\r\n')) busy = false;
    const m = /content-length: (\d+)\r\n[\s\S]*?\r\n\r\n/i.exec(s);
    if (m) { pending = Number(m[1]) - (s.length - (m.index + m[0].length)); if (pending <= 0) busy = false; }
    else if (pending > 0) { pending -= s.length; if (pending <= 0) busy = false; }
  });
  const clientGone = () => {
    if (!upEnded && busy && process.send) process.send({ closed: now() });
    busy = false;
    up.destroy();
  };
  client.on('end', clientGone);
  client.on('close', clientGone);
  client.on('error', () => undefined);
  up.on('end', () => { upEnded = true; client.end(); });
  up.on('close', () => { upEnded = true; client.destroy(); });
  up.on('error', () => client.destroy());
});
server.listen(0, '127.0.0.1', () => process.send?.({ ready: server.address().port }));
process.on('disconnect', () => process.exit(0));
