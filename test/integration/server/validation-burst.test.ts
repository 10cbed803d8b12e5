import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './lsp-harness';

const codes = (p: { diagnostics: Array<{ code?: number | string }> }): Array<string | number | undefined> => p.diagnostics.map((d) => d.code);

// How long an edit waits for its diagnostics is measured by test/bench/diagnostics-latency.bench.ts; that a slow
// run (a settings round trip, a busy CPU) does not hold back the next edit is the scheduler's unit test
// (validation-scheduler.test.ts, on an injected clock). Here: what the client sees of a burst.
test('a burst of edits sent back to back ends on the newest version, published in order', async () => {
  const h = await startHarness();
  try {
    const uri = 'file:///work/project/burst2.sh';
    h.open(uri, 'npu-smi info\n', 'shellscript');
    await h.diagnosticsFor(uri, (p) => p.version === 1);
    for (let v = 2; v <= 30; v++) h.change(uri, v, v === 30 ? 'npu-smi top\n' : `npu-smi info # ${v}\n`);
    const last = await h.diagnosticsFor(uri, (p) => p.version === 30);
    assert.deepEqual(codes(last), ['ASC511']);
    const versions = h.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    // Edits that reached the server together are validated together, and a stale version is never published after
    // a newer one. (How many runs a burst takes depends on how the 29 messages happened to arrive.)
    assert.deepEqual(versions, [...versions].sort((x, y) => x - y), 'published in version order');
    assert.equal(versions.at(-1), 30);
    assert.ok(versions.length < 30, `a burst of 29 edits was validated ${versions.length - 1} times`);
  } finally {
    h.dispose();
  }
});
