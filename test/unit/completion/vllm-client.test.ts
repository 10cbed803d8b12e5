/**
 * The streaming client against an in-process server that streams like vLLM's /v1/completions. No sleeps or
 * wall-clock bounds: the server sends tokens when a test releases them (manual mode) and timeouts run on mock timers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VllmClient } from '../../../src/core/completion/vllm-client';
import { CompletionError } from '../../../src/core/completion/completion-errors';
import { buildRequestBody } from '../../../src/core/completion/request-body';
import { closedPort, startFakeVllm } from './fake-vllm';

const body = (prompt = 'p', mode: 'single' | 'multi' = 'multi', stop: string[] = []) => buildRequestBody('deepseek-coder', prompt, stop, mode);

test('streams the text token by token and reports the finish reason', async (t) => {
  const server = await startFakeVllm({ answer: () => 'return a + b;', ttftMs: 10, itlMs: 2 });
  const client = new VllmClient({ baseUrl: server.url });
  t.after(async () => { client.dispose(); await server.close(); });
  const s = client.stream(body(), { stopAtNewline: false });
  const seen: string[] = [];
  s.onText((text) => seen.push(text));
  const out = await s.result;
  assert.equal(out.text, 'return a + b;');
  assert.equal(out.finishReason, 'stop');
  assert.ok(seen.length >= 3, 'several chunks arrived');
  assert.ok(out.firstByteMs !== undefined);
  assert.equal(s.firstByteMs, out.firstByteMs);
});

test('single-line mode stops at the first newline and closes the stream; the server sees the disconnect', async (t) => {
  const server = await startFakeVllm({ answer: () => 'first line\nsecond line that is long\nthird', ttftMs: 5, itlMs: 20 });
  const client = new VllmClient({ baseUrl: server.url });
  t.after(async () => { client.dispose(); await server.close(); });
  const out = await client.stream(body('p', 'multi'), { stopAtNewline: true }).result;
  assert.equal(out.text, 'first line');
  assert.equal(out.finishReason, 'newline');
  await server.waitForDisconnects(1);
  assert.equal(server.requests[0].completed, false);
});

test('with lines: 3 it stops at the third newline (an end-of-line line chain) and closes the stream', async (t) => {
  const server = await startFakeVllm({ answer: () => 'a\nb\n\nd\ne\nf', ttftMs: 5, itlMs: 15 });
  const client = new VllmClient({ baseUrl: server.url });
  t.after(async () => { client.dispose(); await server.close(); });
  const out = await client.stream(body('p', 'multi'), { stopAtNewline: true, lines: 3 }).result;
  assert.equal(out.text, 'a\nb\n');
  assert.equal(out.finishReason, 'newline');
  await server.waitForDisconnects(1);
});

test('abort closes the connection at once and the server sees it', async (t) => {
  const server = await startFakeVllm({ answer: () => 'x'.repeat(300), manual: true });
  const client = new VllmClient({ baseUrl: server.url });
  t.after(async () => { client.dispose(); await server.close(); });
  const s = client.stream(body(), { stopAtNewline: false });
  const firstText = new Promise<void>((resolve) => { s.onText(() => resolve()); });
  await server.waitForRequests(1);
  server.release(0, 2);
  await firstText;
  s.abort();
  assert.equal(s.settled, true, 'settled synchronously');
  const out = await s.result;
  assert.equal(out.finishReason, 'aborted');
  assert.ok(out.text.length > 0 && out.text.length <= 6);
  await server.waitForDisconnects(1);
  assert.equal(server.requests[0].completed, false);
});

test('the request never carries suffix, and the fake rejects one like vLLM (400)', async (t) => {
  const server = await startFakeVllm();
  const client = new VllmClient({ baseUrl: server.url });
  t.after(async () => { client.dispose(); await server.close(); });
  await client.stream(body(), { stopAtNewline: false }).result;
  assert.ok(!('suffix' in server.requests[0].body));
  assert.equal(typeof server.requests[0].body.max_tokens, 'number');
  assert.equal(server.requests[0].body.stream, true);
  // The fake's 400 for a suffix, read through the client's error path.
  const withSuffix = { ...body(), suffix: 'x' } as ReturnType<typeof body>;
  await assert.rejects(client.stream(withSuffix, { stopAtNewline: false }).result, (e: unknown) =>
    e instanceof CompletionError && e.kind === 'http' && e.status === 400 && e.message.includes('suffix is not currently supported'));
});

test('401 becomes a typed "unauthorized" error; the right key works', async (t) => {
  const server = await startFakeVllm({ apiKey: 'sekret' });
  const client = new VllmClient({ baseUrl: server.url, apiKey: 'wrong' });
  t.after(async () => { client.dispose(); await server.close(); });
  await assert.rejects(client.stream(body(), { stopAtNewline: false }).result, (e: unknown) => e instanceof CompletionError && e.kind === 'unauthorized');
  await assert.rejects(client.listModels(), (e: unknown) => e instanceof CompletionError && e.kind === 'unauthorized');
  const right = new VllmClient({ baseUrl: server.url, apiKey: 'sekret' });
  t.after(() => right.dispose());
  assert.deepEqual(await right.listModels(), ['deepseek-coder']);
});

test('a dead server (closed port) fails fast with "unreachable"', async (t) => {
  const port = await closedPort();
  const client = new VllmClient({ baseUrl: `http://127.0.0.1:${port}` });
  t.after(() => client.dispose());
  await assert.rejects(client.stream(body(), { stopAtNewline: false }).result, (e: unknown) =>
    e instanceof CompletionError && e.kind === 'unreachable' && e.message.includes('ECONNREFUSED'));
});

test('a slow server times out with "timeout" and the connection is closed', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const server = await startFakeVllm({ manual: true });
  const client = new VllmClient({ baseUrl: server.url, firstByteTimeoutMs: 100 });
  t.after(async () => { client.dispose(); await server.close(); });
  const s = client.stream(body(), { stopAtNewline: false });
  await server.waitForRequests(1);
  t.mock.timers.tick(99);
  assert.equal(s.settled, false, 'not before the timeout');
  t.mock.timers.tick(1);
  assert.equal(s.settled, true);
  await assert.rejects(s.result, (e: unknown) => e instanceof CompletionError && e.kind === 'timeout');
  await server.waitForDisconnects(1);
});

test('the wall-clock cap returns what arrived', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const server = await startFakeVllm({ answer: () => 'y'.repeat(200), manual: true });
  const client = new VllmClient({ baseUrl: server.url });
  t.after(async () => { client.dispose(); await server.close(); });
  const s = client.stream(body(), { stopAtNewline: false, maxStreamMs: 60 });
  const nine = new Promise<void>((resolve) => { s.onText((text) => { if (text.length === 9) resolve(); }); });
  await server.waitForRequests(1);
  server.release(0, 3);
  await nine;
  t.mock.timers.tick(60);
  const out = await s.result;
  assert.equal(out.finishReason, 'cap');
  assert.equal(out.text, 'y'.repeat(9));
  await server.waitForDisconnects(1);
});

test('vLLM error bodies, current and older shapes, give their message', async (t) => {
  const server = await startFakeVllm({ failWith: { status: 500, body: JSON.stringify({ object: 'error', message: 'engine dead', type: 'x', code: 500 }) } });
  const client = new VllmClient({ baseUrl: server.url });
  t.after(async () => { client.dispose(); await server.close(); });
  await assert.rejects(client.stream(body(), { stopAtNewline: false }).result, (e: unknown) => e instanceof CompletionError && e.message.includes('engine dead'));
  server.options.failWith = { status: 404, body: JSON.stringify({ error: { message: 'The model `x` does not exist.', type: 'NotFoundError', param: null, code: 404 } }) };
  await assert.rejects(client.stream(body(), { stopAtNewline: false }).result, (e: unknown) => e instanceof CompletionError && e.status === 404 && e.message.includes('does not exist'));
});

test('a keep-alive agent reuses one connection for consecutive requests', async (t) => {
  const server = await startFakeVllm();
  const client = new VllmClient({ baseUrl: server.url });
  t.after(async () => { client.dispose(); await server.close(); });
  for (let i = 0; i < 3; i++) await client.stream(body(), { stopAtNewline: false }).result;
  assert.equal(server.requests.length, 3);
  assert.equal(server.connections, 1);
});
