// Multi-node data parallel of the simulated vLLM, as vLLM's native launch does it (docs/multi-node.md §2):
// the head listens on --data-parallel-address:--data-parallel-rpc-port; each headless node connects, says HELLO
// with its DP ranks and gets an init message back. After loading weights every engine sets up its HCCL links,
// which needs every DP rank present, every used NPU's link UP and healthy, and one TLS setting on all nodes; the
// head decides and tells the headless nodes. Whoever is still waiting after HCCL_CONNECT_TIMEOUT fails (§5).
// The wire format (newline-delimited JSON over TCP) is ours; vLLM uses ZMQ with msgpack.
import { connect, createServer } from 'node:net';

/** @param {{ opts: Record<string, string|boolean> }} serve */
export function dpSettings(serve) {
  const o = serve.opts;
  const val = (...keys) => { for (const k of keys) if (typeof o[k] === 'string') return o[k]; return undefined; };
  const num = (...keys) => { const v = val(...keys); return v === undefined ? undefined : Number(v); };
  const dp = num('data-parallel-size', 'dp') ?? 1;
  const headless = o.headless === true;
  const local = num('data-parallel-size-local', 'dpl') ?? dp;
  const start = num('data-parallel-start-rank', 'dpr') ?? 0;
  return {
    dp, local, start, headless,
    address: val('data-parallel-address', 'dpa') ?? val('master-addr') ?? '127.0.0.1',
    rpcPort: num('data-parallel-rpc-port', 'dpp') ?? 29550,
    multiNode: dp > local || headless,
    ranks: Array.from({ length: Math.max(0, local) }, (_, j) => start + j),
  };
}

/** Problems vLLM refuses at startup for these settings (vllm/entrypoints/cli/serve.py run_headless), or null. */
export function dpProblem(d) {
  if (d.headless && d.local <= 0) return 'ValueError: data_parallel_size_local must be > 0 in headless mode';
  return null;
}

const send = (sock, msg) => { try { sock.write(`${JSON.stringify(msg)}\n`); } catch { /* cable cut or closed */ } };

function onMessages(sock, fn) {
  let buf = '';
  sock.on('data', (d) => {
    buf += d.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      try { fn(JSON.parse(line)); } catch { /* not ours */ }
    }
  });
}

/** An NPU report is good when every used NPU is UP and healthy. */
const linksGood = (r) => r.links.every((l) => l.link === 'UP' && l.netHealth === 'Success');
const FRESH_MS = 1500;

/**
 * The head's side. `onFatal(lines)` is called when a remote engine breaks the protocol as vLLM's head refuses it.
 * @returns {Promise<{ waitHccl(timeoutS: number, own: () => { links: object[], tls: number[] }): Promise<boolean>, close(): void }>}
 */
export async function startHead(d, bindHost, onFatal) {
  /** @type {Map<number, { sock: import('node:net').Socket, report?: any, at: number }>} rank -> its node's connection */
  const joined = new Map();
  const socks = new Set();
  const server = createServer((sock) => {
    socks.add(sock);
    sock.on('error', () => {});
    sock.on('close', () => socks.delete(sock));
    const node = { sock, report: undefined, at: 0 };
    onMessages(sock, (m) => {
      if (m.type === 'hello') {
        for (const r of m.ranks) {
          if (!(r >= 0 && r < d.dp) || d.ranks.includes(r) || joined.has(r)) return onFatal([`RuntimeError: Message from engine with unexpected data parallel rank: ${r}`]);
        }
        if (!m.headless) return onFatal([`RuntimeError: Remote engine ${m.ranks[0]} must use --headless unless in external or hybrid dp lb mode`]);
        for (const r of m.ranks) joined.set(r, node);
        send(sock, { type: 'init' });
      } else if (m.type === 'hccl') { node.report = m; node.at = Date.now(); }
    });
  });
  await new Promise((res, rej) => { server.once('error', rej); server.listen(d.rpcPort, bindHost, () => { server.off('error', rej); res(); }); })
    .catch((e) => onFatal([`zmq.error.ZMQError: ${e.code === 'EADDRINUSE' ? 'Address already in use' : e.message} (addr='tcp://${d.address}:${d.rpcPort}')`]));
  return {
    async waitHccl(timeoutS, own) {
      const until = Date.now() + timeoutS * 1000;
      for (;;) {
        const remote = [...new Set(joined.values())];
        const allRanks = Array.from({ length: d.dp }, (_, r) => r).every((r) => d.ranks.includes(r) || joined.has(r));
        const fresh = remote.every((n) => n.report && Date.now() - n.at < FRESH_MS);
        const reports = [own(), ...remote.map((n) => n.report).filter(Boolean)];
        const tls = new Set(reports.flatMap((r) => r.tls));
        if (allRanks && fresh && reports.every(linksGood) && tls.size <= 1) {
          for (const n of remote) send(n.sock, { type: 'hccl-ok' });
          return true;
        }
        if (Date.now() >= until) return false;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close() { server.close(); for (const s of socks) s.destroy(); },
  };
}

/**
 * A headless node's side: connects (retrying while refused, as ZMQ does), says HELLO and waits for init.
 * @returns {{ init(timeoutMs: number): Promise<boolean>, waitHcclOk(timeoutS: number, report: () => object): Promise<boolean>, close(): void }}
 */
export function joinHead(d) {
  let sock = null;
  let closed = false;
  let gotInit = false;
  let gotOk = false;
  const dial = () => {
    if (closed || sock) return;
    const s = connect(d.rpcPort, d.address);
    s.on('connect', () => { sock = s; send(s, { type: 'hello', ranks: d.ranks, headless: d.headless }); });
    s.on('error', () => {});
    s.on('close', () => { if (sock === s) sock = null; if (!gotInit && !closed) setTimeout(dial, 100); });
    onMessages(s, (m) => { if (m.type === 'init') gotInit = true; else if (m.type === 'hccl-ok') gotOk = true; });
  };
  dial();
  const until = async (cond, ms, tick) => {
    const end = Date.now() + ms;
    while (!cond() && Date.now() < end) { tick?.(); await new Promise((r) => setTimeout(r, 100)); }
    return cond();
  };
  return {
    init: (timeoutMs) => until(() => gotInit, timeoutMs),
    waitHcclOk(timeoutS, report) {
      let last = 0;
      return until(() => gotOk, timeoutS * 1000, () => {
        if (sock && Date.now() - last >= 300) { last = Date.now(); send(sock, { type: 'hccl', ...report() }); }
      });
    },
    close() { closed = true; sock?.destroy(); },
  };
}
