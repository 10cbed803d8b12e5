/**
 * The engine against the project's simulated vLLM (test/host/vllm-sim), started standalone on loopback with a
 * corpus it answers from (the true continuation of the file being typed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { createCompletionEngine } from '../../../src/core/completion/engine';
import { CancellationSource, neverCancelled } from '../../../src/core/completion/cancellation';
import { startSimVllm } from '../../bench/completion/sim-vllm';

const FILE = [
  'def moving_average(values, window):',
  '    if window <= 0:',
  '        raise ValueError("window must be positive")',
  '    totals = []',
  '    running = 0.0',
  '    for i, value in enumerate(values):',
  '        running += value',
  '        if i >= window:',
  '            running -= values[i - window]',
  '        totals.append(running / min(i + 1, window))',
  '    return totals',
  '',
].join('\n');

function metric(url: string, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(`${url}/metrics`, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => {
        const line = body.split('\n').find((l) => l.startsWith(name));
        resolve(line ? Number(line.split(' ').pop()) : NaN);
      });
    }).on('error', reject);
  });
}

test('against the simulated vLLM: streamed single-line completion, and a superseded request is aborted server-side', async (t) => {
  // 30 ms a token: the long request below streams for ~2 s, so it is still in flight when the newer call comes.
  const server = await startSimVllm({ 'avg.py': FILE }, { ttftMs: 20, itlMs: 30 });
  const engine = createCompletionEngine({ endpoint: server.url, debounceMaxMs: 0, reuseGraceMs: 0 });
  t.after(async () => { engine.dispose(); await server.stop(); });

  const cut = FILE.indexOf('values[i - window]');
  const doc = FILE.slice(0, cut);
  const at = { documentText: doc, offset: doc.length, languageId: 'python', fileName: 'avg.py', token: neverCancelled };
  let r = await engine.complete(at);
  // The first piece comes at once; the provider asks again once the line is complete.
  if (r && !r.complete && (await r.whenComplete)) r = await engine.complete(at);
  assert.ok(r);
  assert.equal(r.text, 'values[i - window]');
  assert.equal(r.mode, 'single');
  assert.equal(engine.state.model, 'deepseek-coder');

  // A long multi-line request, superseded by a newer call: the simulator counts the client's disconnect.
  const before = await metric(server.url, 'vllm_sim:aborted_requests_total');
  const open = FILE.indexOf('\n', FILE.indexOf('enumerate(values):'));
  const cts = new CancellationSource();
  const slow = engine.complete({ documentText: FILE.slice(0, open), offset: open, languageId: 'python', fileName: 'avg.py', token: cts.token });
  // Wait (by polling the server, not the clock) until the long request is running.
  for (let i = 0; i < 500 && (await metric(server.url, 'vllm:num_requests_running')) < 1; i++);
  const newer = engine.complete({ documentText: doc + 'va', offset: doc.length + 2, languageId: 'python', fileName: 'avg.py', token: neverCancelled });
  assert.equal(await slow, null);
  assert.equal((await newer)?.source, 'cache', 'typing-through the first answer');
  let after = before;
  for (let i = 0; i < 500 && after <= before; i++) after = await metric(server.url, 'vllm_sim:aborted_requests_total');
  assert.equal(after, before + 1);
  assert.equal(engine.stats().counters.superseded, 1);
});
