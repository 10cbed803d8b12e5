// The simulated vLLM OpenAI server, started on its own (as the docker shim's containers run it).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeControl, type SimHostControl } from './control.js';
import { freePort } from '../support/ports';

const SERVER = join(__dirname, 'vllm-sim', 'server.mjs');
const CORPUS_TEXT = 'def fibonacci(n):\n    """Return the n-th Fibonacci number."""\n    if n < 2:\n        return n\n    return fibonacci(n - 1) + fibonacci(n - 2)\n\n\ndef main():\n    for i in range(10):\n        print(i, fibonacci(i))\n';

interface Started { proc: ChildProcess; port: number; output: () => string; exited: Promise<number> }

async function startServer(state: string, args: string[], waitReady = true): Promise<Started> {
  const port = await freePort();
  const proc = fork(SERVER, [...args, '--port', String(port)], { execArgv: [], env: { ...process.env, SIMHOST_STATE: state }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  proc.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number>((r) => proc.on('exit', (c) => r(c ?? -1)));
  if (waitReady) await new Promise<void>((r, j) => { proc.on('message', () => r()); void exited.then((c) => j(new Error(`server exited ${c}: ${out}`))); });
  return { proc, port, output: () => out, exited };
}

interface Resp { status: number; body: string; headers: Record<string, string | string[] | undefined> }

function http(port: number, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Resp> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let b = '';
      res.on('data', (d: Buffer) => { b += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const metric = (text: string, name: string): number => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

describe('simulated vLLM server', () => {
  let state: string;
  let control: SimHostControl;
  let s: Started;
  const auth = { authorization: 'Bearer sekret' };
  const post = (body: unknown, headers: Record<string, string> = auth): Promise<Resp> => http(s.port, 'POST', '/v1/completions', body, headers);

  before(async () => {
    state = mkdtempSync(join(tmpdir(), 'simhost-vllm-'));
    mkdirSync(join(state, 'corpus'));
    writeFileSync(join(state, 'corpus', 'fib.py'), CORPUS_TEXT);
    control = makeControl(state);
    control.setLatency({ startupMs: 300, ttftMs: 40, itlMs: 5, jitterMs: 0, maxConcurrency: 4 });
    s = await startServer(state, ['/models/deepseek-coder-6.7b-base', '--served-model-name', 'deepseek-coder', '--api-key', 'sekret', '--max-model-len', '4096']);
  });
  after(async () => { s.proc.kill('SIGTERM'); await s.exited; rmSync(state, { recursive: true, force: true }); });

  test('startup prints model-loading lines before it serves; /health, /version, /v1/models', async () => {
    assert.match(s.output(), /Platform plugin ascend is activated/);
    assert.match(s.output(), /Application startup complete\./);
    assert.equal((await http(s.port, 'GET', '/health')).status, 200);
    assert.deepEqual(JSON.parse((await http(s.port, 'GET', '/version')).body), { version: '0.23.0' });
    const models = JSON.parse((await http(s.port, 'GET', '/v1/models', undefined, auth)).body) as { data: Array<{ id: string; max_model_len: number }> };
    assert.deepEqual(models.data.map((m) => [m.id, m.max_model_len]), [['deepseek-coder', 4096]]);
  });

  test('a non-null suffix is a 400 and an unknown model a 404, with vLLM error bodies', async () => {
    const bad = await post({ model: 'deepseek-coder', prompt: 'def f(', suffix: ')' });
    assert.equal(bad.status, 400);
    assert.deepEqual(JSON.parse(bad.body), { error: { message: 'suffix is not currently supported', type: 'BadRequestError', param: null, code: 400 } });
    const nf = await post({ model: 'DeepSeek-6B', prompt: 'x' });
    assert.equal(nf.status, 404);
    assert.deepEqual(JSON.parse(nf.body), { error: { message: 'The model `DeepSeek-6B` does not exist.', type: 'NotFoundError', param: null, code: 404 } });
    const nullSuffix = await post({ model: 'deepseek-coder', prompt: 'x', suffix: null, max_tokens: 1 });
    assert.equal(nullSuffix.status, 200);
  });

  test('--api-key: missing or wrong Bearer token is a 401; /health stays open', async () => {
    assert.equal((await post({ model: 'deepseek-coder', prompt: 'x' }, {})).status, 401);
    const wrong = await post({ model: 'deepseek-coder', prompt: 'x' }, { authorization: 'Bearer nope' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(JSON.parse(wrong.body), { error: 'Unauthorized' });
    assert.equal((await http(s.port, 'GET', '/v1/models')).status, 401);
    assert.equal((await http(s.port, 'GET', '/health')).status, 200);
  });

  test('completions: the oracle continues a known prefix; max_tokens defaults to 16; stop and usage', async () => {
    const prompt = 'def fibonacci(n):\n    """Return the n-th Fibonacci number."""\n    if n < 2:\n';
    const r = JSON.parse((await post({ model: 'deepseek-coder', prompt })).body) as { choices: Array<{ text: string; finish_reason: string }>; usage: { completion_tokens: number; prompt_tokens: number } };
    assert.equal(r.usage.completion_tokens, 16);
    assert.equal(r.choices[0].finish_reason, 'length');
    assert.ok(CORPUS_TEXT.startsWith(prompt + r.choices[0].text), r.choices[0].text);
    const stopped = JSON.parse((await post({ model: 'deepseek-coder', prompt, max_tokens: 100, stop: ['\n'] })).body) as { choices: Array<{ text: string; finish_reason: string; stop_reason: string }> };
    assert.equal(stopped.choices[0].text, '        return n');
    assert.equal(stopped.choices[0].finish_reason, 'stop');
    assert.equal(stopped.choices[0].stop_reason, '\n');
    // Same prompt, same answer; an unknown prefix still gets a plausible line.
    const again = JSON.parse((await post({ model: 'deepseek-coder', prompt })).body) as { choices: Array<{ text: string }> };
    assert.equal(again.choices[0].text, r.choices[0].text);
    const other = JSON.parse((await post({ model: 'deepseek-coder', prompt: 'class Zebra:\n    def run(self):' })).body) as { choices: Array<{ text: string }> };
    assert.match(other.choices[0].text, /^\n {8}\S/);
  });

  test('FIM prompt: the middle up to the suffix', async () => {
    const prompt = '<｜fim▁begin｜>def main():\n    for i in range(10):\n<｜fim▁hole｜>\n<｜fim▁end｜>';
    const r = JSON.parse((await post({ model: 'deepseek-coder', prompt, max_tokens: 64 })).body) as { choices: Array<{ text: string }> };
    assert.equal(r.choices[0].text, '        print(i, fibonacci(i))');
  });

  test('SSE streaming sends the same text in chunks, usage on request, then [DONE]', async () => {
    const prompt = 'def main():\n';
    const plain = JSON.parse((await post({ model: 'deepseek-coder', prompt, max_tokens: 12 })).body) as { choices: Array<{ text: string }> };
    const r = await post({ model: 'deepseek-coder', prompt, max_tokens: 12, stream: true, stream_options: { include_usage: true } });
    assert.match(String(r.headers['content-type']), /^text\/event-stream/);
    const events = r.body.split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
    assert.equal(events.at(-1), '[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as { choices: Array<{ text: string; finish_reason: string | null }>; usage?: { completion_tokens: number } });
    assert.equal(chunks.filter((c) => c.choices.length).map((c) => c.choices[0].text).join(''), plain.choices[0].text);
    assert.equal(chunks.at(-1)?.usage?.completion_tokens, 12);
    assert.equal(chunks.at(-2)?.choices[0].finish_reason, 'length');
  });

  test('a client disconnect aborts generation', async () => {
    control.setLatency({ ttftMs: 20, itlMs: 40 });
    const before = await http(s.port, 'GET', '/metrics');
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: s.port, method: 'POST', path: '/v1/completions', headers: { 'content-type': 'application/json', ...auth } }, (res) => {
        res.once('data', () => { req.destroy(); resolve(); });
      });
      req.on('error', () => { /* destroyed on purpose */ });
      req.end(JSON.stringify({ model: 'deepseek-coder', prompt: 'def fibonacci(n):\n', max_tokens: 200, stream: true }));
      setTimeout(() => reject(new Error('no first chunk')), 5000);
    });
    await new Promise((r) => setTimeout(r, 200));
    const m1 = (await http(s.port, 'GET', '/metrics')).body;
    await new Promise((r) => setTimeout(r, 300));
    const m2 = (await http(s.port, 'GET', '/metrics')).body;
    control.setLatency({ ttftMs: 40, itlMs: 5 });
    assert.equal(metric(m1, 'vllm_sim:aborted_requests_total') - metric(before.body, 'vllm_sim:aborted_requests_total'), 1);
    assert.equal(metric(m1, 'vllm:num_requests_running'), 0);
    assert.equal(metric(m2, 'vllm:generation_tokens_total'), metric(m1, 'vllm:generation_tokens_total'));
    assert.match(s.output(), /Aborted request cmpl-[0-9a-f]+\./);
  });

  test('/metrics has the vLLM names; the concurrency limit makes requests wait; TTFT follows the latency setting', async () => {
    control.setLatency({ maxConcurrency: 1, ttftMs: 250, itlMs: 5 });
    const t0 = performance.now();
    const a = post({ model: 'deepseek-coder', prompt: 'def main():\n', max_tokens: 2 });
    const b = post({ model: 'deepseek-coder', prompt: 'def main():\n', max_tokens: 2 });
    await new Promise((r) => setTimeout(r, 120));
    const mid = (await http(s.port, 'GET', '/metrics')).body;
    await Promise.all([a, b]);
    const elapsed = performance.now() - t0;
    control.setLatency({ maxConcurrency: 4, ttftMs: 40 });
    assert.equal(metric(mid, 'vllm:num_requests_running'), 1);
    assert.equal(metric(mid, 'vllm:num_requests_waiting'), 1);
    assert.ok(elapsed >= 500, `two serialized requests with 250 ms TTFT took ${elapsed} ms`);
    const m = (await http(s.port, 'GET', '/metrics')).body;
    for (const name of ['vllm:num_requests_running', 'vllm:num_requests_waiting', 'vllm:kv_cache_usage_perc', 'vllm:generation_tokens_total',
      'vllm:time_to_first_token_seconds_bucket', 'vllm:time_to_first_token_seconds_sum', 'vllm:time_to_first_token_seconds_count',
      'vllm:e2e_request_latency_seconds_bucket', 'vllm:e2e_request_latency_seconds_count']) {
      assert.match(m, new RegExp(`^${name}\\{`, 'm'), name);
    }
    assert.match(m, /^# TYPE vllm:time_to_first_token_seconds histogram$/m);
    assert.ok(metric(m, 'vllm:generation_tokens_total') > 0);
  });
});

test('W4A16 weights of a dense model fail at load', async () => {
  const state = mkdtempSync(join(tmpdir(), 'simhost-vllm-'));
  try {
    makeControl(state).setLatency({ startupMs: 100 });
    const model = join(state, 'model');
    mkdirSync(model);
    writeFileSync(join(model, 'config.json'), JSON.stringify({ architectures: ['LlamaForCausalLM'], num_hidden_layers: 2, max_position_embeddings: 16384 }));
    writeFileSync(join(model, 'quant_model_description.json'), JSON.stringify({ model_quant_type: 'W4A16' }));
    const s = await startServer(state, [model], false);
    assert.equal(await s.exited, 1);
    assert.match(s.output(), /W4A16/);
    assert.doesNotMatch(s.output(), /Application startup complete/);
  } finally { rmSync(state, { recursive: true, force: true }); }
});

test('options vLLM v0.23.0 does not have (the article\'s device / max_batch_size) stop it at once, as argparse does', async () => {
  const state = mkdtempSync(join(tmpdir(), 'simhost-vllm-'));
  try {
    makeControl(state).setLatency({ startupMs: 100 });
    writeFileSync(join(state, 'serve.vllm.yaml'), 'model: /m\ndevice: npu\nmax_batch_size: 256\nmax-num-seqs: 8\n');
    const s = await startServer(state, ['--config', join(state, 'serve.vllm.yaml')], false);
    assert.equal(await s.exited, 2);
    assert.match(s.output(), /error: unrecognized arguments: --device npu --max-batch-size 256\n/);
  } finally { rmSync(state, { recursive: true, force: true }); }
});
