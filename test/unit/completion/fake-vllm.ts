/**
 * A small in-process stand-in for vLLM's OpenAI server, for the client tests: `GET /v1/models`, and
 * `POST /v1/completions` streaming `data: {...}\n\n` … `data: [DONE]\n\n`. It honours `max_tokens` and `stop`, answers
 * 400 to a non-null `suffix` (as vLLM does), 401 on a wrong API key, and records each request and whether the
 * client closed the connection before the stream ended ("disconnect", what makes vLLM abort the generation).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  body: Record<string, unknown>;
  receivedAt: number;
  /** Set when the client went away before the stream ended. */
  disconnectedAt?: number;
  completed: boolean;
}

export interface FakeVllmOptions {
  ttftMs?: number;
  itlMs?: number;
  /** Text the "model" generates for a prompt. */
  answer?: (prompt: string) => string;
  apiKey?: string;
  models?: string[];
  /** Answer with this status and body instead of streaming. */
  failWith?: { status: number; body: string };
  /**
   * Tokens go out only when the test calls `release` (no timers at all): tests decide what has arrived when,
   * instead of sleeping. The response headers go out at once.
   */
  manual?: boolean;
}

export interface FakeVllm {
  url: string;
  port: number;
  requests: FakeRequest[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  options: FakeVllmOptions;
  /** Resolves when `n` requests have been disconnected by the client. */
  waitForDisconnects(n: number): Promise<void>;
  /** Resolves when `n` completion requests have arrived. */
  waitForRequests(n: number): Promise<void>;
  /** Manual mode: sends the next `count` tokens of request `index` (all that are left by default). */
  release(index: number, count?: number): void;
  close(): Promise<void>;
}

/** Splits text into pseudo-tokens of up to 3 characters (newlines on their own). */
export function tokenize(text: string): string[] {
  return text.match(/\n|[^\n]{1,3}/g) ?? [];
}

export async function startFakeVllm(options: FakeVllmOptions = {}): Promise<FakeVllm> {
  const requests: FakeRequest[] = [];
  const waiters: Array<{ n: number; resolve: () => void; what: 'disconnects' | 'requests' }> = [];
  const pumps = new Map<number, (count: number) => void>();
  const checkWaiters = (): void => {
    const count = { disconnects: requests.filter((r) => r.disconnectedAt !== undefined).length, requests: requests.length };
    for (const w of [...waiters]) if (count[w.what] >= w.n) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  };
  const server = http.createServer((req, res) => {
    const opts = options;
    if (opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Unauthorized', type: 'Unauthorized', param: null, code: 401 } }));
      return;
    }
    if (req.method === 'GET' && req.url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: (opts.models ?? ['deepseek-coder']).map((id) => ({ id, object: 'model' })) }));
      return;
    }
    if (req.method !== 'POST' || req.url !== '/v1/completions') {
      res.writeHead(404).end();
      return;
    }
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { raw += c; });
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      const record: FakeRequest = { body, receivedAt: performance.now(), completed: false };
      requests.push(record);
      const index = requests.length - 1;
      checkWaiters();
      if (opts.failWith) {
        res.writeHead(opts.failWith.status, { 'content-type': 'application/json' }).end(opts.failWith.body);
        return;
      }
      if (body.suffix !== undefined && body.suffix !== null) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'suffix is not currently supported', type: 'BadRequestError', param: null, code: 400 } }));
        return;
      }
      const prompt = String(body.prompt ?? '');
      let text = (opts.answer ?? (() => 'hello world'))(prompt);
      const stops = Array.isArray(body.stop) ? (body.stop as string[]) : [];
      let finish = 'length';
      let cut = text.length;
      for (const s of stops) { const i = text.indexOf(s); if (i >= 0 && i < cut) { cut = i; finish = 'stop'; } }
      text = text.slice(0, cut);
      let tokens = tokenize(text);
      const maxTokens = Number(body.max_tokens ?? 16);
      if (tokens.length > maxTokens) tokens = tokens.slice(0, maxTokens);
      else if (finish !== 'stop') finish = 'stop';
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const timers: Array<ReturnType<typeof setTimeout>> = [];
      res.on('close', () => {
        timers.forEach(clearTimeout);
        if (!record.completed) { record.disconnectedAt = performance.now(); checkWaiters(); }
      });
      const start = performance.now();
      const ttft = opts.ttftMs ?? 5;
      const itl = opts.itlMs ?? 1;
      // One token at a time, each due at an absolute deadline (no drift), and never out of order: separate timers
      // computed in a loop could fire in the wrong order when the loop itself is slow.
      const write = (i: number): boolean => {
        if (i >= tokens.length) {
          record.completed = true;
          res.end('data: [DONE]\n\n');
          return false;
        }
        const last = i === tokens.length - 1;
        res.write(`data: ${JSON.stringify({ id: 'cmpl-1', object: 'text_completion', model: body.model,
          choices: [{ index: 0, text: tokens[i], logprobs: null, finish_reason: last ? finish : null }] })}\n\n`);
        return true;
      };
      if (opts.manual) {
        let next = 0;
        res.flushHeaders();
        pumps.set(index, (count) => {
          for (let k = 0; k < count && !res.writableEnded && !res.destroyed; k++) if (!write(next++)) break;
        });
        return;
      }
      const send = (i: number): void => {
        if (!write(i)) return;
        timers.push(setTimeout(() => send(i + 1), Math.max(0, start + ttft + (i + 1) * itl - performance.now())));
      };
      timers.push(setTimeout(() => send(0), Math.max(0, start + ttft - performance.now())));
    });
  });
  let connections = 0;
  server.on('connection', () => { connections++; });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    get connections() { return connections; },
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    options,
    waitForDisconnects: (n) => new Promise<void>((resolve) => { waiters.push({ n, resolve, what: 'disconnects' }); checkWaiters(); }),
    waitForRequests: (n) => new Promise<void>((resolve) => { waiters.push({ n, resolve, what: 'requests' }); checkWaiters(); }),
    release: (index, count = Infinity) => {
      const pump = pumps.get(index);
      if (!pump) throw new Error(`request ${index} is not waiting for release`);
      pump(count);
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A port on 127.0.0.1 with nothing listening (bound, then closed). */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
