/** Line-chain pre-fill keys: each must equal the key of the document the user will actually have. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextHash } from '../../../src/core/completion/completion-cache';
import { DEFAULT_WINDOW, cutWindow } from '../../../src/core/completion/document-window';
import { lineChain, shownLineEnd, shownPiece } from '../../../src/core/completion/next-line';

const keyOf = (doc: string, offset = doc.length) => {
  const w = cutWindow(doc, offset, DEFAULT_WINDOW);
  return { hash: contextHash(w), linePrefix: w.linePrefix };
};

test('a chain read at the end of a line gives entries for each line end and each next line start', () => {
  const before = 'class Item:\n    sku: str';
  const answer = '\n    name: str\n\n    price: float';
  const entries = lineChain(before, '', answer, '\n', DEFAULT_WINDOW);
  const find = (doc: string) => {
    const k = keyOf(doc);
    return entries.find((e) => e.hash === k.hash && e.linePrefix === k.linePrefix);
  };
  // End of the cursor line: next-line suggestion.
  assert.equal(find(before)?.text, answer);
  // After Enter (auto-indented like the model): the line's text and what follows.
  assert.equal(find(`${before}\n    `)?.text, 'name: str\n\n    price: float');
  assert.equal(find(`${before}\n    name: str`)?.text, '\n\n    price: float');
  // The blank line, then the line after it.
  assert.equal(find(`${before}\n    name: str\n`)?.text, '\n    price: float');
  assert.equal(find(`${before}\n    name: str\n\n    `)?.text, 'price: float');
  // The last line read has no end-of-line entry (what follows it is unknown).
  assert.equal(find(`${before}\n    name: str\n\n    price: float`), undefined);
});

test('the keys follow the window: text below the cursor and CRLF documents', () => {
  const before = 'a = 1\r\nb = 2';
  const after = '\r\n\r\nprint(a)\r\n';
  const entries = lineChain(before, after, '\nc = 3\nd = 4', '\r\n', DEFAULT_WINDOW);
  const doc = `${before}\r\nc = 3`;
  const k = keyOf(doc + after, doc.length);
  const e = entries.find((x) => x.hash === k.hash && x.linePrefix === k.linePrefix);
  assert.equal(e?.text, '\nd = 4');
});

test('no chain mid-line or for a one-line answer', () => {
  assert.deepEqual(lineChain('x = f(', ')\n', 'a\nb', '\n', DEFAULT_WINDOW), []);
  assert.deepEqual(lineChain('x = ', '', 'f(a)', '\n', DEFAULT_WINDOW), []);
});

test('the first piece: a run of text on the line that will be shown; complete once that line ended', () => {
  // Single-line: whitespace alone is no piece; the first token run is; the line break completes it.
  assert.equal(shownPiece('   ', 'single', false), undefined);
  assert.deepEqual(shownPiece('com', 'single', false), { text: 'com', complete: false });
  assert.deepEqual(shownPiece('compute(a)\n    more', 'single', false), { text: 'compute(a)', complete: true });
  // A next-line suggestion: the blank first line is skipped; the piece is on the next one.
  assert.equal(shownPiece('\n    ', 'single', false), undefined);
  assert.deepEqual(shownPiece('\n    b =', 'single', false), { text: '\n    b =', complete: false });
  assert.deepEqual(shownPiece('\n    b = 2\n', 'single', false), { text: '\n    b = 2', complete: true });
  assert.equal(shownLineEnd('\n    b = 2\n    c'), 10);
  // Multi-line: complete only when the stream ended.
  assert.deepEqual(shownPiece('\n    x = 1\n    y', 'multi', false), { text: '\n    x = 1\n    y', complete: false });
  assert.deepEqual(shownPiece('\n    x = 1\n', 'multi', true), { text: '\n    x = 1\n', complete: true });
  // The stream's end completes whatever arrived, even with no text.
  assert.deepEqual(shownPiece('', 'single', true), { text: '', complete: true });
});
