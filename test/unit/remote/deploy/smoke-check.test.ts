/**
 * The post-deploy check against a real local HTTP server speaking vLLM's OpenAI shapes (SSE completions with a
 * usage chunk, a 400 chat error as vLLM returns it for a model without a chat template). The clock is injected.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { smokeCheck } from '../../../../src/core/remote/deploy/smoke-check';
import type { RunContext } from '../../../../src/core/remote/host/run-context';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

async function withServer(handler: Handler, fn: (ctx: RunContext) => Promise<void>): Promise<void> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  // The forward is the transport (an SSH local forward in real runs); here it is the server's own port.
  const ctx = { alias: 'h', log: () => undefined, shell: { forward: async () => ({ localPort: port, close: () => undefined }) } } as unknown as RunContext;
  try { await fn(ctx); } finally { server.close(); }
}

const sse = (res: ServerResponse, events: object[]): void => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const e of events) res.write(`data: ${JSON.stringify(e)}\n\n`);
  res.end('data: [DONE]\n\n');
};

const clock = (): (() => number) => { let t = 0; return () => (t += 100); };

test('a streamed completion gives TTFT and tokens/s; a 400 chat is a warning about the chat template', async () => {
  const seen: Array<{ path?: string; auth?: string; body: Record<string, unknown> }> = [];
  await withServer((req, body, res) => {
    seen.push({ path: req.url, auth: req.headers.authorization, body: JSON.parse(body) as Record<string, unknown> });
    if (req.url === '/v1/completions') {
      sse(res, [{ choices: [{ text: '\n   ' }] }, { choices: [{ text: ' if' }] }, { choices: [{ text: ' n' }] }, { choices: [], usage: { completion_tokens: 5 } }]);
    } else {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'As of transformers v4.44, default chat template is no longer allowed, so you must provide a chat template if the tokenizer does not define one.', type: 'BadRequestError', code: 400 } }));
    }
  }, async (ctx) => {
    const r = await smokeCheck(ctx, { hostPort: 8000, servedModelName: 'deepseek-coder', apiKey: 'sk-x' }, clock());
    assert.equal(r.error, undefined);
    assert.deepEqual(r.smoke, { ttftMs: 100, tokensPerSecond: 40, completionTokens: 5, chat: 'failed' });
    assert.match(r.notes.join('\n'), /chat request to deepseek-coder failed \(HTTP 400: As of transformers v4\.44/);
  });
  assert.deepEqual(seen.map((s) => s.path), ['/v1/completions', '/v1/chat/completions']);
  assert.ok(seen.every((s) => s.auth === 'Bearer sk-x' && s.body.model === 'deepseek-coder'));
  assert.equal(seen[0].body.stream, true);
});

test('a completion that fails (wrong served name) is an error: the deploy fails', async () => {
  await withServer((_req, _body, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'The model `x` does not exist.', type: 'NotFoundError', code: 404 } }));
  }, async (ctx) => {
    const r = await smokeCheck(ctx, { hostPort: 8000, servedModelName: 'x' }, clock());
    assert.match(r.error ?? '', /test completion to x failed: HTTP 404: The model `x` does not exist\./);
    assert.equal(r.smoke, undefined);
  });
});

test('a 200 answer without tokens is an error too; an answered chat is ok', async () => {
  await withServer((req, _body, res) => {
    if (req.url === '/v1/completions') return sse(res, [{ choices: [{ text: '' }] }]);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"choices":[{"message":{"content":"OK"}}]}');
  }, async (ctx) => {
    const r = await smokeCheck(ctx, { hostPort: 8000, servedModelName: 'm' }, clock());
    assert.match(r.error ?? '', /no tokens came back/);
  });
});
