import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatExtraContext, gatherExtraContext } from '../../../src/core/completion/extra-context';

const edits = [
  { fileName: 'src/b.ts', text: 'export const b = 2;' },
  { fileName: 'src/main.py', text: 'x = 1' },
  { fileName: 'lib/util.py', text: 'def helper():\n    return 1\n' },
  { fileName: 'src/a.py', text: 'CURRENT FILE' },
];

test('other files in the file-path-comment form, sorted by name, without the current file', () => {
  const text = formatExtraContext(edits, 'src/a.py', 2000);
  assert.equal(text, '# lib/util.py\ndef helper():\n    return 1\n// src/b.ts\nexport const b = 2;\n# src/main.py\nx = 1\n');
  assert.ok(!text.includes('CURRENT FILE'));
});

test('the order does not depend on the order of edits (prefix-cache stability)', () => {
  assert.equal(formatExtraContext([...edits].reverse(), 'src/a.py', 2000), formatExtraContext(edits, 'src/a.py', 2000));
});

test('the character budget leaves out files that do not fit', () => {
  const text = formatExtraContext(edits, 'src/a.py', 40);
  assert.ok(text.length <= 40);
});

test('a slow source is abandoned at the deadline', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let settled = false;
  const pending = gatherExtraContext(() => new Promise(() => undefined), 'src/a.py', { deadlineMs: 20, maxChars: 2000 });
  void pending.then(() => { settled = true; });
  t.mock.timers.tick(19);
  await Promise.resolve();
  assert.equal(settled, false, 'not before the deadline');
  t.mock.timers.tick(1);
  const r = await pending;
  assert.equal(r.text, '');
  assert.equal(r.timedOut, true);
});

test('a fast async source is used, a throwing one gives no context', async () => {
  const ok = await gatherExtraContext(async () => edits, 'src/a.py', { deadlineMs: 20, maxChars: 2000 });
  assert.ok(ok.text.includes('# lib/util.py'));
  const bad = await gatherExtraContext(() => { throw new Error('boom'); }, 'src/a.py', { deadlineMs: 20, maxChars: 2000 });
  assert.equal(bad.text, '');
});
