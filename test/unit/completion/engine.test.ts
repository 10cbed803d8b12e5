/** The engine facade end to end against the in-process vLLM stand-in. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCompletionEngine } from '../../../src/core/completion/engine';
import type { CompletionEngineOptions, CompletionRequest } from '../../../src/core/completion/engine';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, timeoutMs = 2000): Promise<void> {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > timeoutMs) throw new Error('condition not reached');
    await sleep(2);
  }
}

test('a completion is requested with a DeepSeek FIM prompt, the served model name, and no suffix', async (t) => {
  const { server, engine } = await setup(t, { answer: () => 'os\nimport sys', models: ['deepseek-coder-6.7b-base'] });
  const states: EngineState[] = [];
  engine.onStateChange((s) => states.push(s));
  const r = await engine.complete(req(`import ${CURSOR}\n\nprint(1)\n`));
  assert.ok(r);
  assert.equal(r.text, 'os');
  assert.equal(r.fromCache, false);
  assert.equal(r.source, 'request');
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

test('auto-closed characters: the replace range covers them', async (t) => {
  const { engine } = await setup(t, { answer: () => 'a, b)' });
  const doc = `foo(${CURSOR})`;
  const r = await engine.complete(req(doc, neverCancelled, 'typescript'));
  assert.ok(r);
  assert.equal(r.text, 'a, b)');
  assert.equal(r.replaceEnd - r.replaceStart, 1);
});

test('typing through a completion and backspacing are served from the cache without new requests', async (t) => {
  const { server, engine } = await setup(t, { answer: () => 'compute(a, b)' });
  const base = 'x = 1\nresult = ';
  const r1 = await engine.complete(req(`${base}${CURSOR}\n`));
  assert.equal(r1?.text, 'compute(a, b)');
  for (const typed of ['c', 'co', 'com', 'comp', 'com', 'co']) {
    const r = await engine.complete(req(`${base}${typed}${CURSOR}\n`));
    assert.ok(r, typed);
    assert.equal(r.fromCache, true);
    assert.equal(r.source, 'cache');
    assert.equal(r.text, 'compute(a, b)'.slice(typed.length));
    assert.ok(r.latencyMs < 50, `cache hit took ${r.latencyMs} ms`);
  }
  assert.equal(server.requests.length, 1);
  const stats = engine.stats();
  assert.equal(stats.counters.cacheHits, 6);
  assert.equal(stats.counters.requests, 1);
  assert.equal(stats.missSamples, 1);
});

test('a newer request supersedes the one in flight: it is aborted and the server sees the disconnect', async (t) => {
  const aborts: Array<{ reason: string; since: number; destroyed: number }> = [];
  const { server, engine } = await setup(t, { answer: (p) => (p.includes('alpha') ? 'x'.repeat(100) : '_value'), ttftMs: 5, itlMs: 10 },
    { onAbort: (a) => aborts.push(a) });
  const first = engine.complete(req(`alpha = ${CURSOR}\n`));
  await waitFor(() => server.requests.length === 1);
  await sleep(20);
  const t0 = performance.now();
  const second = engine.complete(req(`gamma = beta${CURSOR}\n`));
  assert.equal(await first, null, 'the superseded call resolves with null');
  await server.waitForDisconnects(1);
  // The socket is destroyed as soon as the newer call starts (client side, measured by the engine's hook)…
  assert.equal(aborts.length, 1);
  assert.equal(aborts[0].reason, 'superseded');
  assert.ok(aborts[0].destroyed - aborts[0].since < 20, `aborted ${aborts[0].destroyed - aborts[0].since} ms after the newer call`);
  // …and the server sees the disconnect (its event loop is shared with this test, so no tight bound here).
  const abortMs = server.requests[0].disconnectedAt! - t0;
  assert.ok(abortMs < 1000, `server saw the disconnect ${abortMs} ms after the newer request`);
  const r2 = await second;
  assert.equal(r2?.text, '_value');
  assert.equal(engine.stats().counters.superseded, 1);
  assert.equal(server.requests[1].disconnectedAt, undefined);
});

test('cancellation: the call returns at once and the request is aborted (no reuse grace)', async (t) => {
  const { server, engine } = await setup(t, { answer: () => 'z'.repeat(100), ttftMs: 5, itlMs: 10 }, { reuseGraceMs: 0 });
  const cts = new CancellationSource();
  const p = engine.complete(req(`v = ${CURSOR}\n`, cts.token));
  await waitFor(() => server.requests.length === 1);
  await sleep(20);
  const t0 = performance.now();
  cts.cancel();
  assert.equal(await p, null);
  assert.ok(performance.now() - t0 < 50);
  await server.waitForDisconnects(1);
  assert.ok(server.requests[0].disconnectedAt! - t0 < 1000);
  assert.equal(engine.stats().counters.cancelled, 1);
});

test('cancellation with a grace period: the stream is aborted after the grace if nobody joins', async (t) => {
  const { server, engine } = await setup(t, { answer: () => 'z'.repeat(200), ttftMs: 5, itlMs: 10 }, { reuseGraceMs: 60 });
  const cts = new CancellationSource();
  const p = engine.complete(req(`v = ${CURSOR}\n`, cts.token));
  await waitFor(() => server.requests.length === 1);
  await sleep(20);
  const t0 = performance.now();
  cts.cancel();
  assert.equal(await p, null);
  await server.waitForDisconnects(1);
  const after = server.requests[0].disconnectedAt! - t0;
  assert.ok(after >= 55 && after < 400, `aborted ${after} ms after cancel`);
});

test('a stream in flight is joined when the typed text matches its start (no second request)', async (t) => {
  const { server, engine } = await setup(t, { answer: () => 'total_price * quantity + tax_rate * subtotal', ttftMs: 20, itlMs: 15 }, { reuseGraceMs: 200 });
  const cts = new CancellationSource();
  const first = engine.complete(req(`amount = ${CURSOR}\n`, cts.token));
  await waitFor(() => server.requests.length === 1);
  await sleep(45); // a few tokens have arrived
  cts.cancel(); // VS Code cancels on the keystroke…
  assert.equal(await first, null);
  const second = await engine.complete(req(`amount = tot${CURSOR}\n`)); // …and asks again after typing "tot"
  assert.ok(second);
  assert.equal(second.text, 'al_price * quantity + tax_rate * subtotal');
  assert.equal(second.source, 'stream');
  assert.equal(server.requests.length, 1);
  assert.equal(engine.stats().counters.streamReuses, 1);
});

test('a stream whose start does not match what was typed is superseded', async (t) => {
  const { server, engine } = await setup(t, { answer: (p) => (p.includes('xyz') ? '_other' : 'total_price * quantity + tax_rate * subtotal'), ttftMs: 20, itlMs: 15 }, { reuseGraceMs: 200 });
  const cts = new CancellationSource();
  const first = engine.complete(req(`amount = ${CURSOR}\n`, cts.token));
  await waitFor(() => server.requests.length === 1);
  await sleep(45);
  cts.cancel();
  await first;
  const second = await engine.complete(req(`amount = xyz${CURSOR}\n`));
  assert.equal(second?.text, '_other');
  assert.equal(server.requests.length, 2);
  assert.ok(server.requests[0].disconnectedAt !== undefined);
});

test('a dead server: null fast, state "error", then backoff without touching the network', async (t) => {
  const port = await closedPort();
  const engine = createCompletionEngine({ endpoint: `http://127.0.0.1:${port}`, model: 'deepseek-coder', debounceMaxMs: 0, backoffBaseMs: 10_000 });
  t.after(() => engine.dispose());
  const t0 = performance.now();
  assert.equal(await engine.complete(req(`a = ${CURSOR}`)), null);
  assert.ok(performance.now() - t0 < 1000);
  assert.equal(engine.state.kind, 'error');
  assert.equal(engine.state.errorKind, 'unreachable');
  assert.match(engine.state.message ?? '', /ECONNREFUSED/);
  const t1 = performance.now();
  assert.equal(await engine.complete(req(`a = b${CURSOR}`)), null);
  assert.ok(performance.now() - t1 < 50, 'backoff answers without waiting');
  assert.equal(engine.stats().counters.requests, 1);
  assert.equal(engine.stats().counters.errors, 1);
});

test('a slow server: the call times out, state "slow", and the next call probes after the backoff', async (t) => {
  const { server, engine } = await setup(t, { ttftMs: 5000, answer: () => 'late' }, { firstByteTimeoutMs: 80, backoffBaseMs: 50 });
  const t0 = performance.now();
  assert.equal(await engine.complete(req(`a = ${CURSOR}`)), null);
  const took = performance.now() - t0;
  assert.ok(took < 1500, `took ${took}`);
  assert.equal(engine.state.kind, 'slow');
  assert.equal(engine.state.errorKind, 'timeout');
  server.options.ttftMs = 5;
  assert.equal(await engine.complete(req(`a = b${CURSOR}`)), null, 'still backing off');
  await sleep(60);
  const r = await engine.complete(req(`a = c${CURSOR}`));
  assert.equal(r?.text, 'late');
  assert.equal(engine.state.kind, 'ready');
});

test('401: state "error" with errorKind "unauthorized" and a plain message', async (t) => {
  const { engine } = await setup(t, { apiKey: 'right' }, { apiKey: 'wrong' });
  assert.equal(await engine.complete(req(`a = ${CURSOR}`)), null);
  assert.equal(engine.state.kind, 'error');
  assert.equal(engine.state.errorKind, 'unauthorized');
  assert.match(engine.state.message ?? '', /401/);
  engine.setApiKey('right');
  const r = await engine.complete(req(`a = ${CURSOR}`));
  assert.equal(r?.text, 'hello world');
});

test('template override and multi-line mode after an opener', async (t) => {
  const { server, engine } = await setup(t, { answer: () => '\n    return a\n' }, { template: 'qwen', model: 'anything' });
  const r = await engine.complete(req(`def f(a):${CURSOR}`));
  assert.equal(r?.text, '\n    return a');
  assert.equal(r?.mode, 'multi');
  const sent = server.requests[0].body;
  assert.ok(String(sent.prompt).startsWith('<|fim_prefix|>def f(a):<|fim_suffix|>'));
  assert.equal(sent.max_tokens, 64);
  assert.ok((sent.stop as string[]).includes('\ndef '));
});

test('extra context from other files is in the prompt; a slow source does not delay the request', async (t) => {
  const { server, engine } = await setup(t, { answer: () => 'helper()' }, { model: 'deepseek-coder' });
  const r1 = await engine.complete({ ...req(`x = ${CURSOR}`), recentEdits: [{ fileName: 'util.py', text: 'def helper():\n    return 1' }] });
  assert.equal(r1?.text, 'helper()');
  assert.ok(String(server.requests[0].body.prompt).includes('# util.py\ndef helper():\n    return 1\n# main.py\nx = '));
  const t0 = performance.now();
  const r2 = await engine.complete({ ...req(`y = ${CURSOR}`), recentEdits: () => new Promise((res) => setTimeout(() => res([]), 3000).unref()) });
  assert.equal(r2?.text, 'helper()');
  assert.ok(performance.now() - t0 < 1500);
});

test('disabled engine: state "off", no requests; counters count accepted suggestions', async (t) => {
  const { server, engine } = await setup(t, {});
  engine.setEnabled(false);
  assert.equal(engine.state.kind, 'off');
  assert.equal(await engine.complete(req(`a = ${CURSOR}`)), null);
  assert.equal(server.requests.length, 0);
  engine.setEnabled(true);
  assert.equal(engine.state.kind, 'connecting');
  assert.ok(await engine.complete(req(`a = ${CURSOR}`)));
  engine.recordAccepted();
  const s = engine.stats();
  assert.equal(s.counters.accepted, 1);
  assert.equal(s.counters.returned, 1);
  assert.ok(s.missP50 !== undefined && s.missP95 !== undefined);
});

test('an empty answer is cached: the same context is not requested again', async (t) => {
  const { server, engine } = await setup(t, { answer: () => '' });
  assert.equal(await engine.complete(req(`done = True${CURSOR}\n`)), null);
  assert.equal(await engine.complete(req(`done = True${CURSOR}\n`)), null);
  assert.equal(server.requests.length, 1);
  assert.equal(engine.stats().counters.cacheHits, 1);
});

test('a multi-line stream cut by the wall-clock cap keeps only complete lines', async (t) => {
  const body = Array.from({ length: 40 }, (_, i) => `    step_${i}()`).join('\n');
  const { engine } = await setup(t, { answer: () => '\n' + body, ttftMs: 5, itlMs: 4 }, { maxStreamMsMulti: 150, model: 'deepseek-coder' });
  const r = await engine.complete(req(`def run():${CURSOR}`));
  assert.ok(r);
  assert.equal(r.mode, 'multi');
  const lines = r.text.split('\n').slice(1);
  assert.ok(lines.length >= 1 && lines.length < 40, `${lines.length} lines`);
  for (const [i, l] of lines.entries()) assert.equal(l, `    step_${i}()`);
});

test('end of a line: a next-line suggestion, and one request fills the cache for accepting line after line', async (t) => {
  const { server, engine } = await setup(t, { answer: () => '\n    b = 2\n    c = 3\n    d = 4' });
  const head = 'def f():\n    a = 1';
  const r1 = await engine.complete(req(`${head}${CURSOR}`));
  assert.equal(r1?.text, '\n    b = 2');
  assert.equal(r1?.source, 'request');
  // Accept it: the end of the new line, then Enter (auto-indented) and the line after.
  const r2 = await engine.complete(req(`${head}\n    b = 2${CURSOR}`));
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

test('a line chain returns its first line at once, before the rest of the read arrives', async (t) => {
  const rest = Array.from({ length: 6 }, (_, i) => `    step_${i}(value)`).join('\n');
  const { server, engine } = await setup(t, { answer: () => `compute(a, b)\n${rest}`, ttftMs: 5, itlMs: 25 });
  const r = await engine.complete(req(`def g(a, b):\n    x = ${CURSOR}`));
  assert.equal(r?.text, 'compute(a, b)');
  assert.equal(server.requests[0].completed, false, 'the rest is still streaming');
  assert.equal(server.requests[0].disconnectedAt, undefined);
  // Typing through the line and pressing Enter joins the same stream: still one request.
  const next = await engine.complete(req(`def g(a, b):\n    x = compute(a, b)\n    ${CURSOR}`));
  assert.equal(next?.text, 'step_0(value)');
  assert.equal(server.requests.length, 1);
});

test('a line chain superseded before it ends keeps what it showed in the cache', async (t) => {
  const rest = Array.from({ length: 6 }, (_, i) => `    step_${i}()`).join('\n');
  const { server, engine } = await setup(t, { answer: (p) => (p.includes('other') ? 'thing' : `compute(a, b)\n${rest}`), ttftMs: 5, itlMs: 25 });
  const r = await engine.complete(req(`def g(a, b):\n    x = ${CURSOR}`));
  assert.equal(r?.text, 'compute(a, b)');
  await engine.complete(req(`other = ${CURSOR}`)); // elsewhere: supersedes the chain
  await server.waitForDisconnects(1);
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

test('noteEdit: an edit that disagrees with the request in flight aborts it at once; one that agrees keeps it', async (t) => {
  const aborts: Array<{ reason: string; since: number; destroyed: number }> = [];
  const { server, engine } = await setup(t, { answer: () => 'total_price * quantity + tax_rate * subtotal', ttftMs: 5, itlMs: 20 },
    { reuseGraceMs: 5000, onAbort: (a) => aborts.push(a) });
  const cts = new CancellationSource();
  const first = engine.complete(req(`amount = ${CURSOR}\n`, cts.token));
  await waitFor(() => server.requests.length === 1);
  cts.cancel(); // VS Code cancels on the keystroke; the stream is parked for reuse
  assert.equal(await first, null);
  let reads = 0;
  engine.noteEdit(() => { reads++; return 'amount = t\n'; }, 10); // agrees with the answer's start: kept
  await sleep(30);
  assert.equal(aborts.length, 0);
  assert.equal(server.requests[0].disconnectedAt, undefined);
  engine.noteEdit('amount = tx\n', 11); // disagrees: aborted now, not after the 5 s grace
  assert.equal(aborts.length, 1);
  assert.equal(aborts[0].reason, 'edit');
  assert.ok(aborts[0].destroyed - aborts[0].since < 20, `${aborts[0].destroyed - aborts[0].since} ms`);
  await server.waitForDisconnects(1);
  assert.equal(engine.stats().counters.superseded, 1);
  // With no stream in flight an edit does not even read the document (no copy on every keystroke).
  engine.noteEdit(() => { reads++; return 'amount = txy\n'; }, 12);
  assert.equal(reads, 1);
});
