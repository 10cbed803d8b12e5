import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './lsp-harness';

const codes = (p: { diagnostics: Array<{ code?: number | string }> }): Array<string | number | undefined> => p.diagnostics.map((d) => d.code);

// The first validation waits for the client's answer to workspace/configuration (250 ms here). The scheduler this
// replaced counted that wall-clock time as the run's duration and then held every edit for 2 × it (capped at the
// debounce, 2 s here), so the next edit waited about 500 ms. Now it is validated at once.
test('an edit after a slow validation (settings round trip) is validated at once, not after a window', async () => {
  const h = await startHarness({ configurationDelayMs: 250, debounceMs: 2000 });
  try {
    const uri = 'file:///work/project/latency.sh';
    h.open(uri, 'npu-smi info\n', 'shellscript');
    const first = await h.diagnosticsFor(uri, (p) => p.version === 1);
    assert.deepEqual(codes(first), []);
    const sent = performance.now();
    h.change(uri, 2, 'npu-smi top\n');
    const second = await h.diagnosticsFor(uri, (p) => p.version === 2);
    const latency = performance.now() - sent;
    assert.deepEqual(codes(second), ['ASC511']);
    assert.ok(latency < 250, `diagnostics for version 2 after ${latency.toFixed(1)} ms`);
  } finally {
    h.dispose();
  }
});

test('a burst of edits sent back to back is validated once more, on the newest version', async () => {
  const h = await startHarness();
  try {
    const uri = 'file:///work/project/burst2.sh';
    h.open(uri, 'npu-smi info\n', 'shellscript');
    await h.diagnosticsFor(uri, (p) => p.version === 1);
    for (let v = 2; v <= 30; v++) h.change(uri, v, v === 30 ? 'npu-smi top\n' : `npu-smi info # ${v}\n`);
    const last = await h.diagnosticsFor(uri, (p) => p.version === 30);
    assert.deepEqual(codes(last), ['ASC511']);
    const versions = h.published.filter((p) => p.uri === uri).map((p) => p.version);
    // Every message of the burst was queued before the server read any of them, so they are taken together.
    assert.deepEqual(versions, [1, 30]);
  } finally {
    h.dispose();
  }
});
