/**
 * The engine facade end to end against the in-process vLLM stand-in. No sleeps and no wall-clock bounds: in manual
 * mode the stand-in sends tokens only when a test releases them, the engine's timers run on node's mock timers,
 * and its clock (the retry backoff) is injected.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCompletionEngine } from '../../../src/core/completion/engine';
import type { CompletionEngine, CompletionEngineOptions, CompletionRequest, CompletionResult } from '../../../src/core/completion/engine';
import { CancellationSource, neverCancelled } from '../../../src/core/completion/cancellation';
import type { CancellationLike } from '../../../src/core/completion/cancellation';
import type { EngineState } from '../../../src/core/completion/engine-state';
import { DEEPSEEK_TOKENS } from '../../../src/core/completion/fim-templates';
import { closedPort, startFakeVllm } from './fake-vllm';
import type { FakeVllmOptions } from './fake-vllm';

const CURSOR = '\u2502';

function req(doc: string, token: CancellationLike = neverCancelled, languageId = 'python'): CompletionRequest {
  const offset = doc.indexOf(CURSOR);
  return { documentText: doc.replace(CURSOR, ''), offset, languageId, fileName: 'main.py', token };
}

async function setup(t: { after(fn: () => unknown): void }, fake: FakeVllmOptions, opts: Partial<CompletionEngineOptions> = {}) {
  const server = await startFakeVllm(fake);
  const engine = createCompletionEngine({ endpoint: server.url, debounceMaxMs: 0, ...opts });
  t.after(async () => { engine.dispose(); await server.close(); });
  return { server, engine };
}

/** What the provider does: a partial result is asked for again once it is complete. */
async function full(engine: CompletionEngine, r: CompletionRequest): Promise<CompletionResult | null> {
  let result = await engine.complete(r);
  for (let n = 0; result && !result.complete && n < 10; n++) {
    if (!(await result.whenComplete)) return result;
    result = await engine.complete(r);
  }
  return result;
}

/** Event-loop turns (not time) until `cond`; for "the client has received what the server sent". */
async function turnsUntil(cond: () => Promise<boolean> | boolean, turns = 2000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (await cond()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('condition not reached');
}

test('a completion is requested with a DeepSeek FIM prompt, the served model name, and no suffix', async (t) => {
  const { server, engine } = await setup(t, { answer: () => 'os\nimport sys', models: ['deepseek-coder-6.7b-base'] });
  const states: EngineState[] = [];
  engine.onStateChange((s) => states.push(s));
  const r = await full(engine, req(`import ${CURSOR}\n\nprint(1)\n`));
  assert.ok(r);
  assert.equal(r.text, 'os');
  assert.equal(r.replaceStart, 7);
  assert.equal(r.replaceEnd, 7);
  const sent = server.requests[0].body;
  assert.equal(sent.model, 'deepseek-coder-6.7b-base');
  assert.equal(sent.prompt, `${DEEPSEEK_TOKENS.begin}import ${DEEPSEEK_TOKENS.hole}\n\nprint(1)\n${DEEPSEEK_TOKENS.end}`);
  assert.ok(!('suffix' in sent));
  // At the end of a line the request reads on past the line break (line chain): only the template's stop
  // tokens, the multi-line token budget.
  assert.equal(sent.max_tokens, 64);
  assert.deepEqual(sent.stop, [DEEPSEEK_TOKENS.begin, DEEPSEEK_TOKENS.hole, DEEPSEEK_TOKENS.end, DEEPSEEK_TOKENS.eos, DEEPSEEK_TOKENS.eot]);
  assert.equal(states.at(-1)?.kind, 'ready');
  assert.equal(engine.state.model, 'deepseek-coder-6.7b-base');
});

test('the first piece is returned at once; the rest of the line follows through whenComplete and a second call', async (t) => {
  const { server, engine } = await setup(t, { manual: true, answer: () => 'compute(a, b)\n    return x' }, { speculative: false });
  const pending = engine.complete(req(`def g(a, b):\n    x = ${CURSOR}`));
  await server.waitForRequests(1);
  server.release(0, 1); // "com"
  const first = await pending;
  assert.ok(first);
  assert.equal(first.text, 'com');
  assert.equal(first.source, 'request');
  assert.equal(first.complete, false);
  assert.equal(server.requests[0].completed, false);
  let done: boolean | undefined;
  void first.whenComplete?.then((ok) => { done = ok; });
  server.release(0, 3); // "put", "e(a", ", b": the line has not ended
  await turnsUntil(async () => (await engine.complete(req(`def g(a, b):\n    x = ${CURSOR}`)))?.text === 'compute(a, b');
  assert.equal(done, undefined, 'not complete before the line ends');
  server.release(0, 1); // ")" … the line break follows
  server.release(0, 1);
  assert.equal(await first.whenComplete, true);
  const again = await engine.complete(req(`def g(a, b):\n    x = ${CURSOR}`));
  assert.equal(again?.text, 'compute(a, b)');
  assert.equal(again?.complete, true);
  assert.notEqual(again?.source, 'request');
  assert.equal(server.requests.length, 1);
  assert.ok(engine.stats().counters.partial >= 1);
});

test('auto-closed characters: the replace range covers them', async (t) => {
  const { engine } = await setup(t, { answer: () => 'a, b)' });
  const doc = `foo(${CURSOR})`;
  const r = await full(engine, req(doc, neverCancelled, 'typescript'));
  assert.ok(r);
  assert.equal(r.text, 'a, b)');
  assert.equal(r.replaceEnd - r.replaceStart, 1);
});

test('typing through a completion and backspacing are served from the cache without new requests', async (t) => {
  const { server, engine } = await setup(t, { answer: () => 'compute(a, b)' }, { speculative: false });
  const base = 'x = 1\nresult = ';
  const r1 = await full(engine, req(`${base}${CURSOR}\n`));
  assert.equal(r1?.text, 'compute(a, b)');
  const hitsBefore = engine.stats().counters.cacheHits;
  for (const typed of ['c', 'co', 'com', 'comp', 'com', 'co']) {
    const r = await engine.complete(req(`${base}${typed}${CURSOR}\n`));
    assert.ok(r, typed);
    assert.equal(r.fromCache, true);
    assert.equal(r.source, 'cache');
    assert.equal(r.text, 'compute(a, b)'.slice(typed.length));
  }
  assert.equal(server.requests.length, 1);
  const stats = engine.stats();
  assert.equal(stats.counters.cacheHits - hitsBefore, 6);
  assert.equal(stats.counters.requests, 1);
  assert.equal(stats.missSamples, 1);
});

test('a newer request supersedes the one in flight: it is aborted and the server sees the disconnect', async (t) => {
  const aborts: Array<{ reason: string; since: number; destroyed: number }> = [];
  const { server, engine } = await setup(t, { manual: true, answer: (p) => (p.includes('alpha') ? 'x'.repeat(100) : '_value') },
    { onAbort: (a) => aborts.push(a), speculative: false });
  const first = engine.complete(req(`alpha = ${CURSOR}\n`));
  await server.waitForRequests(1);
  const second = full(engine, req(`gamma = beta${CURSOR}\n`));
  assert.equal(await first, null, 'the superseded call resolves with null');
  // The socket is destroyed as soon as the newer call starts (client side, the engine's hook)…
  assert.equal(aborts.length, 1);
  assert.equal(aborts[0].reason, 'superseded');
  // …and the server sees the disconnect.
  await server.waitForDisconnects(1);
  await server.waitForRequests(2);
  server.release(1);
  const r2 = await second;
  assert.equal(r2?.text, '_value');
  assert.equal(engine.stats().counters.superseded, 1);
  assert.equal(server.requests[1].disconnectedAt, undefined);
});

test('cancellation: the call returns at once and the request is aborted (no reuse grace)', async (t) => {
  const { server, engine } = await setup(t, { manual: true, answer: () => 'z'.repeat(100) }, { reuseGraceMs: 0 });
  const cts = new CancellationSource();
  const p = engine.complete(req(`v = ${CURSOR}\n`, cts.token));
  await server.waitForRequests(1);
  cts.cancel();
  assert.equal(await p, null);
  await server.waitForDisconnects(1);
  assert.equal(engine.stats().counters.cancelled, 1);
});

test('cancellation with a grace period: the stream is aborted when the grace ends, not before', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const aborts: Array<{ reason: string }> = [];
  const { server, engine } = await setup(t, { manual: true, answer: () => 'z'.repeat(200) }, { reuseGraceMs: 60, onAbort: (a) => aborts.push(a) });
  const cts = new CancellationSource();
  const p = engine.complete(req(`v = ${CURSOR}\n`, cts.token));
  await server.waitForRequests(1);
  cts.cancel();
  assert.equal(await p, null);
  t.mock.timers.tick(59);
  assert.equal(aborts.length, 0, 'kept during the grace');
  t.mock.timers.tick(1);
  assert.deepEqual(aborts.map((a) => a.reason), ['cancelled']);
  await server.waitForDisconnects(1);
});

test('a stream in flight is joined when the typed text matches its start (no second request)', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { server, engine } = await setup(t, { manual: true, answer: () => 'total_price * quantity + tax_rate * subtotal' }, { reuseGraceMs: 200, speculative: false });
  const cts = new CancellationSource();
  const first = engine.complete(req(`amount = ${CURSOR}\n`, cts.token));
  await server.waitForRequests(1);
  cts.cancel(); // VS Code cancels on the keystroke…
  assert.equal(await first, null);
  server.release(0, 2); // "tot", "al_"
  const second = await engine.complete(req(`amount = tot${CURSOR}\n`)); // …and asks again after typing "tot"
  assert.ok(second);
  assert.equal(second.text, 'al_');
  assert.equal(second.source, 'stream');
  server.release(0);
  assert.equal(await second.whenComplete, true);
  const third = await engine.complete(req(`amount = tot${CURSOR}\n`));
  assert.equal(third?.text, 'al_price * quantity + tax_rate * subtotal');
  assert.equal(server.requests.length, 1);
  assert.equal(engine.stats().counters.streamReuses, 1);
});

test('a stream whose start does not match what was typed is superseded', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { server, engine } = await setup(t, { manual: true, answer: (p) => (p.includes('xyz') ? '_other' : 'total_price * quantity') }, { reuseGraceMs: 200, speculative: false });
  const cts = new CancellationSource();
  const first = engine.complete(req(`amount = ${CURSOR}\n`, cts.token));
  await server.waitForRequests(1);
  cts.cancel();
  await first;
  server.release(0, 2);
  const second = full(engine, req(`amount = xyz${CURSOR}\n`));
  await server.waitForRequests(2);
  server.release(1);
  assert.equal((await second)?.text, '_other');
  assert.equal(server.requests.length, 2);
  await server.waitForDisconnects(1);
  assert.ok(server.requests[0].disconnectedAt !== undefined);
});

test('a dead server: null, state "error", then backoff without touching the network', async (t) => {
  const port = await closedPort();
  const clock = { now: 1000 };
  const engine = createCompletionEngine({ endpoint: `http://127.0.0.1:${port}`, model: 'deepseek-coder', debounceMaxMs: 0, backoffBaseMs: 10_000, now: () => clock.now });
  t.after(() => engine.dispose());
  assert.equal(await engine.complete(req(`a = ${CURSOR}`)), null);
  assert.equal(engine.state.kind, 'error');
  assert.equal(engine.state.errorKind, 'unreachable');
  assert.match(engine.state.message ?? '', /ECONNREFUSED/);
  clock.now += 9_999;
  assert.equal(await engine.complete(req(`a = b${CURSOR}`)), null);
  assert.equal(engine.stats().counters.requests, 1, 'backoff: no second request');
  assert.equal(engine.stats().counters.errors, 1);
});

test('a slow server: the call times out, state "slow", and the next call probes after the backoff', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const clock = { now: 1000 };
  const { server, engine } = await setup(t, { manual: true, answer: () => 'late' }, { firstByteTimeoutMs: 80, backoffBaseMs: 50, now: () => clock.now });
  const first = engine.complete(req(`a = ${CURSOR}`));
  await server.waitForRequests(1);
  t.mock.timers.tick(80);
  assert.equal(await first, null);
  assert.equal(engine.state.kind, 'slow');
  assert.equal(engine.state.errorKind, 'timeout');
  await server.waitForDisconnects(1);
  clock.now += 49;
  assert.equal(await engine.complete(req(`a = b${CURSOR}`)), null, 'still backing off');
  assert.equal(server.requests.length, 1);
  clock.now += 1;
  const probe = full(engine, req(`a = c${CURSOR}`));
  await server.waitForRequests(2);
  server.release(1);
  assert.equal((await probe)?.text, 'late');
  assert.equal(engine.state.kind, 'ready');
});

test('401: state "error" with errorKind "unauthorized" and a plain message', async (t) => {
  const { engine } = await setup(t, { apiKey: 'right' }, { apiKey: 'wrong' });
  assert.equal(await engine.complete(req(`a = ${CURSOR}`)), null);
  assert.equal(engine.state.kind, 'error');
  assert.equal(engine.state.errorKind, 'unauthorized');
  assert.match(engine.state.message ?? '', /401/);
});

test('template override and multi-line mode after an opener', async (t) => {
  const { server, engine } = await setup(t, { answer: () => '\n    return a\n' }, { template: 'qwen', model: 'anything' });
  const r = await full(engine, req(`def f(a):${CURSOR}`));
  assert.equal(r?.text, '\n    return a');
  assert.equal(r?.mode, 'multi');
  const sent = server.requests[0].body;
  assert.ok(String(sent.prompt).startsWith('<|fim_prefix|>def f(a):<|fim_suffix|>'));
  assert.equal(sent.max_tokens, 64);
  assert.ok((sent.stop as string[]).includes('\ndef '));
});

test('extra context from other files is in the prompt; a source that never answers does not hold the request', async (t) => {
  const { server, engine } = await setup(t, { answer: () => 'helper()' }, { model: 'deepseek-coder', speculative: false });
  const r1 = await full(engine, { ...req(`x = ${CURSOR}`), recentEdits: [{ fileName: 'util.py', text: 'def helper():\n    return 1' }] });
  assert.equal(r1?.text, 'helper()');
  assert.ok(String(server.requests[0].body.prompt).includes('# util.py\ndef helper():\n    return 1\n# main.py\nx = '));
  const r2 = await full(engine, { ...req(`y = ${CURSOR}`), recentEdits: () => new Promise(() => undefined) });
  assert.equal(r2?.text, 'helper()');
  assert.ok(!String(server.requests[1].body.prompt).includes('util.py'));
});

test('a disposed engine: state "off", no requests; counters count accepted suggestions', async (t) => {
  const { server, engine } = await setup(t, {});
  assert.equal(engine.state.kind, 'connecting');
  assert.ok(await engine.complete(req(`a = ${CURSOR}`)));
  engine.recordAccepted();
  const s = engine.stats();
  assert.equal(s.counters.accepted, 1);
  assert.equal(s.counters.returned, 1);
  assert.ok(s.missP50 !== undefined && s.missP95 !== undefined);
  assert.equal(s.shownSamples, 1);
  const sent = server.requests.length;
  engine.dispose();
  assert.equal(engine.state.kind, 'off');
  assert.equal(await engine.complete(req(`b = ${CURSOR}`)), null);
  assert.equal(server.requests.length, sent);
});

test('the latency the user gets is counted from the edit that made the editor call', async (t) => {
  const clock = { now: 5000 };
  const { server, engine } = await setup(t, { manual: true, answer: () => 'value' }, { now: () => clock.now, speculative: false });
  engine.noteEdit('a = ', 4); // the keystroke reaches the extension host…
  clock.now += 50; // …VS Code's debounce…
  const p = engine.complete(req(`a = ${CURSOR}`));
  await server.waitForRequests(1);
  clock.now += 70; // …the model's first token
  server.release(0);
  assert.ok(await p);
  const s = engine.stats();
  assert.equal(s.shownP50, 120);
  assert.equal(s.missP50, 70);
});

test('an empty answer is cached: the same context is not requested again', async (t) => {
  const { server, engine } = await setup(t, { answer: () => '' });
  assert.equal(await engine.complete(req(`done = True${CURSOR}\n`)), null);
  assert.equal(await engine.complete(req(`done = True${CURSOR}\n`)), null);
  assert.equal(server.requests.length, 1);
  assert.equal(engine.stats().counters.cacheHits, 1);
});

test('a multi-line stream cut by the wall-clock cap keeps only complete lines', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const body = Array.from({ length: 40 }, (_, i) => `    step_${i}()`).join('\n');
  const { server, engine } = await setup(t, { manual: true, answer: () => '\n' + body }, { maxStreamMsMulti: 150, model: 'deepseek-coder', speculative: false });
  const at = req(`def run():${CURSOR}`);
  const pending = engine.complete(at);
  await server.waitForRequests(1);
  server.release(0, 18); // the line break, three lines of 5 tokens, a part of the fourth
  const first = await pending;
  assert.ok(first);
  assert.equal(first.mode, 'multi');
  assert.equal(first.complete, false);
  await turnsUntil(async () => ((await engine.complete(at))?.text ?? '').includes('step_2()'));
  t.mock.timers.tick(150);
  assert.equal(await first.whenComplete, true);
  const r = await engine.complete(at);
  assert.ok(r);
  assert.equal(r.complete, true);
  const lines = r.text.split('\n').slice(1);
  assert.deepEqual(lines, ['    step_0()', '    step_1()', '    step_2()']);
  assert.equal(server.requests.length, 1);
});

test('end of a line: a next-line suggestion, and one request fills the cache for accepting line after line', async (t) => {
  const { server, engine } = await setup(t, { answer: () => '\n    b = 2\n    c = 3\n    d = 4' }, { speculative: false });
  const head = 'def f():\n    a = 1';
  const r1 = await full(engine, req(`${head}${CURSOR}`));
  assert.equal(r1?.text, '\n    b = 2');
  await turnsUntil(() => server.requests[0].completed || server.requests[0].disconnectedAt !== undefined);
  await turnsUntil(() => engine.stats().counters.requests === 1 && !!server.requests[0]);
  // Accept it: the end of the new line, then Enter (auto-indented) and the line after.
  const r2 = await full(engine, req(`${head}\n    b = 2${CURSOR}`));
  assert.equal(r2?.text, '\n    c = 3');
  assert.notEqual(r2?.source, 'request');
  const r3 = await engine.complete(req(`${head}\n    b = 2\n    ${CURSOR}`));
  assert.equal(r3?.text, 'c = 3');
  assert.equal(r3?.source, 'cache');
  const r4 = await engine.complete(req(`${head}\n    b = 2\n    c${CURSOR}`));
  assert.equal(r4?.text, ' = 3');
  const r5 = await engine.complete(req(`${head}\n    b = 2\n    c = 3${CURSOR}`));
  assert.equal(r5?.text, '\n    d = 4');
  assert.equal(server.requests.length, 1);
});

test('partial accept of a multi-line suggestion (next line, next word) finds the rest in the cache', async (t) => {
  const { server, engine } = await setup(t, { answer: () => '\n    total = a + b\n    return total\n' }, { speculative: false });
  const head = 'def add(a, b):';
  const r = await full(engine, req(`${head}${CURSOR}`));
  assert.equal(r?.mode, 'multi');
  assert.equal(r?.text, '\n    total = a + b\n    return total');
  // acceptNextLine: the first line is in; the rest is a next-line suggestion from the cache.
  const line = await engine.complete(req(`${head}\n    total = a + b${CURSOR}`));
  assert.equal(line?.text, '\n    return total');
  assert.equal(line?.source, 'cache');
  // acceptNextWord on the second line: the rest of it.
  const word = await engine.complete(req(`${head}\n    total = a + b\n    return${CURSOR}`));
  assert.equal(word?.text, ' total');
  assert.equal(word?.source, 'cache');
  assert.equal(server.requests.length, 1);
});

test('a line chain returns its first line before the rest of the read arrives; Enter joins the same stream', async (t) => {
  const rest = Array.from({ length: 6 }, (_, i) => `    step_${i}(value)`).join('\n');
  const { server, engine } = await setup(t, { manual: true, answer: () => `compute(a, b)\n${rest}` }, { speculative: false });
  const at = req(`def g(a, b):\n    x = ${CURSOR}`);
  const pending = engine.complete(at);
  await server.waitForRequests(1);
  server.release(0, 6); // "compute(a, b)" and the line break
  const first = await pending;
  assert.ok(first);
  if (!first.complete) assert.equal(await first.whenComplete, true);
  const r = await engine.complete(at);
  assert.equal(r?.text, 'compute(a, b)');
  assert.equal(server.requests[0].completed, false, 'the rest is still streaming');
  assert.equal(server.requests[0].disconnectedAt, undefined);
  // Typing through the line and pressing Enter joins the same stream: still one request.
  const next = full(engine, req(`def g(a, b):\n    x = compute(a, b)\n    ${CURSOR}`));
  server.release(0);
  assert.equal((await next)?.text, 'step_0(value)');
  assert.equal(server.requests.length, 1);
});

test('a line chain superseded before it ends keeps what it showed in the cache', async (t) => {
  const rest = Array.from({ length: 6 }, (_, i) => `    step_${i}()`).join('\n');
  const { server, engine } = await setup(t, { manual: true, answer: (p) => (p.includes('other') ? 'thing' : `compute(a, b)\n${rest}`) }, { speculative: false });
  const at = req(`def g(a, b):\n    x = ${CURSOR}`);
  const pending = engine.complete(at);
  await server.waitForRequests(1);
  server.release(0, 6);
  const first = await pending;
  if (first && !first.complete) assert.equal(await first.whenComplete, true);
  assert.equal((await engine.complete(at))?.text, 'compute(a, b)');
  const other = engine.complete(req(`other = ${CURSOR}`)); // elsewhere: supersedes the chain
  await server.waitForDisconnects(1);
  await server.waitForRequests(2);
  server.release(1);
  await other;
  const back = await engine.complete(req(`def g(a, b):\n    x = comp${CURSOR}`));
  assert.equal(back?.text, 'ute(a, b)');
  assert.equal(back?.source, 'cache');
  assert.equal(server.requests.length, 2);
});

test('an end-of-line answer with only blank lines is a negative entry: not asked again', async (t) => {
  const { server, engine } = await setup(t, { answer: () => '\n\n' });
  assert.equal(await engine.complete(req(`done = True${CURSOR}\n`)), null);
  assert.equal(await engine.complete(req(`done = True${CURSOR}\n`)), null);
  assert.equal(server.requests.length, 1);
});

test('speculative next request: once a suggestion is shown, its continuation is asked for and accepting finds it', async (t) => {
  const { server, engine } = await setup(t, { manual: true, answer: (p) => (p.includes('x = compute(a, b)') ? '\n    y = x + 1' : 'compute(a, b)') });
  const head = 'def g(a, b):\n    x = ';
  const pending = full(engine, req(`${head}${CURSOR}`));
  await server.waitForRequests(1);
  server.release(0);
  assert.equal((await pending)?.text, 'compute(a, b)');
  // The suggestion's stream ended: the request for the document as it will be after the accept goes out now.
  await server.waitForRequests(2);
  assert.ok(String(server.requests[1].body.prompt).includes('x = compute(a, b)'));
  assert.equal(engine.stats().counters.speculative, 1);
  server.release(1);
  await turnsUntil(() => server.requests[1].completed);
  const accepted = await full(engine, req(`${head}compute(a, b)${CURSOR}`));
  assert.equal(accepted?.text, '\n    y = x + 1');
  assert.notEqual(accepted?.source, 'request');
  assert.equal(server.requests.length, 2);
  assert.ok(engine.stats().counters.requests / 'compute(a, b)'.length < 0.35);
});

test('a speculative request is dropped as soon as typing disagrees with the suggestion it assumed', async (t) => {
  const aborts: Array<{ reason: string; speculative: boolean }> = [];
  const { server, engine } = await setup(t, { manual: true, answer: (p) => (p.includes('x = compute(a, b)') ? '\n    y = x + 1' : 'compute(a, b)') },
    { onAbort: (a) => aborts.push(a) });
  const head = 'def g(a, b):\n    x = ';
  const pending = full(engine, req(`${head}${CURSOR}`));
  await server.waitForRequests(1);
  server.release(0);
  await pending;
  await server.waitForRequests(2);
  engine.noteEdit(`${head}comp`, head.length + 4); // typing the suggestion through: kept
  assert.equal(aborts.length, 0);
  engine.noteEdit(`${head}compx`, head.length + 5); // disagrees
  assert.deepEqual(aborts.map((a) => ({ reason: a.reason, speculative: a.speculative })), [{ reason: 'edit', speculative: true }]);
  await server.waitForDisconnects(1);
  assert.equal(server.requests[1].disconnectedAt !== undefined, true);
});

test('no speculative request when the cache already holds the continuation (a line chain filled it)', async (t) => {
  const { server, engine } = await setup(t, { answer: () => '\n    b = 2\n    c = 3' });
  const r = await full(engine, req(`def f():\n    a = 1${CURSOR}`));
  assert.equal(r?.text, '\n    b = 2');
  await turnsUntil(() => server.requests[0].completed);
  await turnsUntil(() => engine.stats().counters.returned > 0);
  assert.equal(engine.stats().counters.speculative, 0);
  assert.equal(server.requests.length, 1);
});

test('noteEdit: an edit that disagrees with the request in flight aborts it at once; one that agrees keeps it', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const aborts: Array<{ reason: string; since: number; destroyed: number }> = [];
  const { server, engine } = await setup(t, { manual: true, answer: () => 'total_price * quantity + tax_rate * subtotal' },
    { reuseGraceMs: 5000, onAbort: (a) => aborts.push(a), speculative: false });
  const cts = new CancellationSource();
  const first = engine.complete(req(`amount = ${CURSOR}\n`, cts.token));
  await server.waitForRequests(1);
  cts.cancel(); // VS Code cancels on the keystroke; the stream is parked for reuse
  assert.equal(await first, null);
  server.release(0, 1); // "tot": a call at the same place shows it once it has arrived
  assert.equal((await engine.complete(req(`amount = ${CURSOR}\n`)))?.text, 'tot');
  let reads = 0;
  engine.noteEdit(() => { reads++; return 'amount = t\n'; }, 10); // agrees with the answer's start: kept
  assert.equal(aborts.length, 0);
  engine.noteEdit('amount = tx\n', 11); // disagrees: aborted now, not after the 5 s grace
  assert.equal(aborts.length, 1);
  assert.equal(aborts[0].reason, 'edit');
  await server.waitForDisconnects(1);
  assert.equal(engine.stats().counters.superseded, 1);
  // With no stream in flight an edit does not even read the document (no copy on every keystroke).
  engine.noteEdit(() => { reads++; return 'amount = txy\n'; }, 12);
  assert.equal(reads, 1);
});
