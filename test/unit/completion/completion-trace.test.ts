import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completionTraceFromEnv } from '../../../src/extension/completion/completion-trace';
import type { RequestTiming } from '../../../src/core/completion/engine-api';

/** Event-loop turns (not time) until `cond`: the append is asynchronous file I/O. */
const turnsUntil = async (cond: () => boolean, turns = 5000): Promise<void> => {
  for (let i = 0; !cond(); i++) {
    if (i > turns) throw new Error('condition not reached');
    await new Promise((r) => setImmediate(r));
  }
};

test('the provider trace is off unless ASCEND_LLM_COMPLETION_TRACE names a file', () => {
  assert.equal(completionTraceFromEnv({}), undefined);
  assert.equal(completionTraceFromEnv({ ASCEND_LLM_COMPLETION_TRACE: '' }), undefined);
});

test('a traced call is one JSON line, wall-clock, with the engine timing of that call', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const dir = mkdtempSync(join(tmpdir(), 'trace-'));
  try {
    const file = join(dir, 'trace.jsonl');
    const trace = completionTraceFromEnv({ ASCEND_LLM_COMPLETION_TRACE: file });
    assert.ok(trace);
    const called = performance.now();
    const timing = { entered: called + 0.5, debounceMs: 12, sent: called + 13, firstByte: called + 80, streamEnded: called + 90, returned: called + 91, finishReason: 'stop', mode: 'single', returnedText: 'x' } as unknown as RequestTiming;
    trace.onTiming(timing);
    const entry = trace.now();
    assert.ok(entry > Date.UTC(2020, 0, 1), 'wall clock (epoch ms), not performance.now()');
    trace.record({ entry, returned: entry + 92, version: 3, offset: 40, items: true, cancelled: false }, called);
    t.mock.timers.tick(100); // the batched append
    await turnsUntil(() => { try { return readFileSync(file, 'utf8').endsWith('\n'); } catch { return false; } });
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { version: number; engine?: { sent: number; debounceMs: number } });
    assert.equal(lines.length, 1);
    assert.equal(lines[0].version, 3);
    assert.equal(lines[0].engine?.debounceMs, 12);
    assert.ok(Math.abs((lines[0].engine?.sent ?? 0) - (performance.timeOrigin + called + 13)) < 0.01);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unwritable trace file never throws into completion', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const trace = completionTraceFromEnv({ ASCEND_LLM_COMPLETION_TRACE: '/proc/no/such/dir/trace.jsonl' });
  assert.ok(trace);
  assert.doesNotThrow(() => trace.record({ entry: trace.now(), returned: trace.now(), version: 1, offset: 0, items: false, cancelled: false }));
  t.mock.timers.tick(100); // the batched append runs and fails quietly
  for (let i = 0; i < 100; i++) await new Promise((r) => setImmediate(r));
});
