/**
 * Streaming client for vLLM's OpenAI-compatible `/v1/completions` over node:http(s) with a keep-alive agent.
 * A stream can be aborted at any time; aborting destroys the socket, which vLLM notices and answers by aborting
 * the generation (docs/ascend-facts.md / docs/completion-facts.md). In single-line mode it stops reading at the first
 * newline and closes the stream the same way.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Disposable } from './cancellation';
import {
  CompletionError, errorBodyMessage, httpError, noModelError, protocolError, timeoutError, unauthorizedError,
  unreachableError,
} from './completion-errors';
import type { CompletionRequestBody } from './request-body';
import { SseDecoder, parseCompletionChunk } from './sse-decoder';

export type FinishReason = 'stop' | 'length' | 'newline' | 'aborted' | 'cap' | 'eof';

export interface StreamOutcome {
  text: string;
  finishReason: FinishReason;
  /** ms from sending to the first streamed byte, if any arrived. */
  firstByteMs?: number;
  totalMs: number;
}

export interface StreamOptions {
  /** Stop at the first '\n' (the text returned excludes it) and close the connection. */
  stopAtNewline: boolean;
  /** With stopAtNewline: stop at the n-th '\n' instead of the first (2 = the cursor line and the next one). */
  lines?: number;
  /** Wall-clock cap from sending: stop and return what arrived (finishReason 'cap'). */
  maxStreamMs?: number;
}

export interface CompletionStream {
  /** Text received so far. */
  readonly text: string;
  readonly settled: boolean;
  /** ms from sending to the first streamed byte, once one arrived. */
  readonly firstByteMs: number | undefined;
  /** Resolves when the stream ends (including by abort); rejects with CompletionError on failure. */
  readonly result: Promise<StreamOutcome>;
  /** Closes the connection now. Idempotent. */
  abort(): void;
  onText(listener: (text: string) => void): Disposable;
}

export interface VllmClientOptions {
  baseUrl: string;
  apiKey?: string;
  /** No response headers or first byte within this → 'timeout'. */
  firstByteTimeoutMs?: number;
  /** Timeout of /v1/models. */
  requestTimeoutMs?: number;
  maxSockets?: number;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

export class VllmClient {
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly mod: typeof http | typeof https;
  private readonly apiKey: string | undefined;

  constructor(private readonly opts: VllmClientOptions) {
    this.url = new URL(opts.baseUrl);
    this.mod = this.url.protocol === 'https:' ? https : http;
    const agentOpts = { keepAlive: true, maxSockets: opts.maxSockets ?? 4 };
    this.agent = this.url.protocol === 'https:' ? new https.Agent(agentOpts) : new http.Agent(agentOpts);
    this.apiKey = opts.apiKey;
  }

  get baseUrl(): string {
    return this.url.origin + this.url.pathname.replace(/\/$/, '');
  }

  dispose(): void {
    this.agent.destroy();
  }

  private path(p: string): string {
    // A base URL may end in /v1 (as OpenAI clients expect) or not.
    const base = this.url.pathname.replace(/\/$/, '').replace(/\/v1$/, '');
    return `${base}${p}`;
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    return this.apiKey ? { ...extra, authorization: `Bearer ${this.apiKey}` } : extra;
  }

  private transportError(err: NodeJS.ErrnoException): CompletionError {
    const code = err.code ?? err.message;
    return unreachableError(this.baseUrl, UNREACHABLE_CODES.has(code) ? code : code || 'error');
  }

  private statusError(status: number, body: string): CompletionError {
    if (status === 401) return unauthorizedError(this.baseUrl);
    return httpError(this.baseUrl, status, errorBodyMessage(body));
  }

  /** Served model ids from `/v1/models`. */
  listModels(): Promise<string[]> {
    const timeoutMs = this.opts.requestTimeoutMs ?? 3000;
    return new Promise((resolve, reject) => {
      const req = this.mod.request({
        protocol: this.url.protocol, hostname: this.url.hostname, port: this.url.port, method: 'GET',
        path: this.path('/v1/models'), agent: this.agent, headers: this.headers({ accept: 'application/json' }),
      });
      const timer = setTimeout(() => { req.destroy(); reject(timeoutError(this.baseUrl, timeoutMs)); }, timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => { clearTimeout(timer); reject(this.transportError(err)); });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => { body += c; });
        res.on('error', (err: NodeJS.ErrnoException) => { clearTimeout(timer); reject(this.transportError(err)); });
        res.on('end', () => {
          clearTimeout(timer);
          if (res.statusCode !== 200) { reject(this.statusError(res.statusCode ?? 0, body)); return; }
          try {
            const parsed = JSON.parse(body) as { data?: Array<{ id?: unknown }> };
            const ids = (parsed.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string');
            if (ids.length === 0) reject(noModelError(this.baseUrl));
            else resolve(ids);
          } catch {
            reject(protocolError(this.baseUrl, body.slice(0, 120)));
          }
        });
      });
      req.end();
    });
  }

  /** Starts a streaming completion. */
  stream(body: CompletionRequestBody, opts: StreamOptions): CompletionStream {
    return new HttpCompletionStream(this, body, opts);
  }

  /** @internal used by HttpCompletionStream */
  open(payload: string): http.ClientRequest {
    return this.mod.request({
      protocol: this.url.protocol, hostname: this.url.hostname, port: this.url.port, method: 'POST',
      path: this.path('/v1/completions'), agent: this.agent,
      headers: this.headers({
        'content-type': 'application/json', accept: 'text/event-stream', 'content-length': String(Buffer.byteLength(payload)),
      }),
    });
  }

  /** @internal */
  errorFor(kind: 'transport' | 'status' | 'timeout' | 'protocol', detail: NodeJS.ErrnoException | string, status = 0): CompletionError {
    if (kind === 'transport') return this.transportError(detail as NodeJS.ErrnoException);
    if (kind === 'status') return this.statusError(status, String(detail));
    if (kind === 'timeout') return timeoutError(this.baseUrl, this.opts.firstByteTimeoutMs ?? 2000);
    return protocolError(this.baseUrl, String(detail));
  }

  get firstByteTimeoutMs(): number {
    return this.opts.firstByteTimeoutMs ?? 2000;
  }
}

class HttpCompletionStream implements CompletionStream {
  text = '';
  settled = false;
  readonly result: Promise<StreamOutcome>;
  private resolveFn!: (o: StreamOutcome) => void;
  private rejectFn!: (e: CompletionError) => void;
  private readonly listeners = new Set<(text: string) => void>();
  private readonly req: http.ClientRequest;
  private readonly sentAt = performance.now();
  firstByteMs: number | undefined;
  private modelFinish: string | null = null;
  private readonly timers: Array<ReturnType<typeof setTimeout>> = [];

  constructor(private readonly client: VllmClient, body: CompletionRequestBody, private readonly opts: StreamOptions) {
    this.result = new Promise((resolve, reject) => { this.resolveFn = resolve; this.rejectFn = reject; });
    this.result.catch(() => undefined); // a stream nobody awaits (parked, superseded) must not crash the host
    const payload = JSON.stringify(body);
    this.req = client.open(payload);
    this.timers.push(setTimeout(() => {
      if (this.firstByteMs === undefined) this.fail(client.errorFor('timeout', ''));
    }, client.firstByteTimeoutMs));
    if (opts.maxStreamMs !== undefined) this.timers.push(setTimeout(() => this.finish('cap'), opts.maxStreamMs));
    this.req.on('error', (err: NodeJS.ErrnoException) => this.fail(client.errorFor('transport', err)));
    this.req.on('response', (res) => this.onResponse(res));
    this.req.end(payload);
  }

  private onResponse(res: http.IncomingMessage): void {
    res.setEncoding('utf8');
    if (res.statusCode !== 200) {
      let body = '';
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => this.fail(this.client.errorFor('status', body, res.statusCode ?? 0)));
      res.on('error', (err: NodeJS.ErrnoException) => this.fail(this.client.errorFor('transport', err)));
      return;
    }
    const decoder = new SseDecoder();
    res.on('data', (chunk: string) => {
      if (this.settled) return;
      if (this.firstByteMs === undefined) this.firstByteMs = performance.now() - this.sentAt;
      this.consume(decoder.push(chunk));
    });
    res.on('end', () => {
      if (this.settled) return;
      this.consume(decoder.flush());
      this.finish(this.modelFinish === 'length' ? 'length' : this.modelFinish === 'stop' ? 'stop' : 'eof');
    });
    res.on('error', (err: NodeJS.ErrnoException) => this.fail(this.client.errorFor('transport', err)));
  }

  private consume(payloads: string[]): void {
    for (const p of payloads) {
      if (this.settled) return;
      let chunk;
      try {
        chunk = parseCompletionChunk(p);
      } catch {
        this.fail(this.client.errorFor('protocol', p.slice(0, 120)));
        return;
      }
      if (chunk === undefined) continue; // [DONE]; 'end' follows
      if (chunk.error !== undefined) { this.fail(this.client.errorFor('protocol', chunk.error)); return; }
      if (chunk.finishReason) this.modelFinish = chunk.finishReason;
      if (chunk.text === '') continue;
      this.text += chunk.text;
      if (this.opts.stopAtNewline) {
        let nl = this.text.indexOf('\n');
        for (let k = 1; k < (this.opts.lines ?? 1) && nl >= 0; k++) nl = this.text.indexOf('\n', nl + 1);
        if (nl >= 0) {
          // Ended: the result (not a text event) carries the last piece, so listeners see a complete line as the end.
          this.text = this.text.slice(0, nl);
          this.finish('newline');
          return;
        }
      }
      this.emit();
    }
  }

  private emit(): void {
    for (const l of this.listeners) l(this.text);
  }

  onText(listener: (text: string) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  abort(): void {
    this.finish('aborted');
  }

  private cleanup(): void {
    this.settled = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.listeners.clear();
  }

  private finish(reason: FinishReason): void {
    if (this.settled) return;
    const closeEarly = reason === 'aborted' || reason === 'newline' || reason === 'cap';
    this.cleanup();
    if (closeEarly) this.req.destroy();
    this.resolveFn({ text: this.text, finishReason: reason, firstByteMs: this.firstByteMs, totalMs: performance.now() - this.sentAt });
  }

  private fail(err: CompletionError): void {
    if (this.settled) return;
    this.cleanup();
    this.req.destroy();
    this.rejectFn(err);
  }
}
