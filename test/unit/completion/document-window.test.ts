import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutWindow } from '../../../src/core/completion/document-window';
import { buildPrompt } from '../../../src/core/completion/prompt-builder';
import { DEEPSEEK_TOKENS, TEMPLATES } from '../../../src/core/completion/fim-templates';

const lines = Array.from({ length: 1000 }, (_, i) => `line ${i} = compute(${i})`);

function docWithTyping(cursorLine: number, typed: string): { text: string; offset: number } {
  const copy = [...lines];
  copy[cursorLine] = `    ${typed}`;
  const text = copy.join('\n');
  const offset = copy.slice(0, cursorLine).join('\n').length + 1 + copy[cursorLine].length;
  return { text, offset };
}

test('typing on one line never moves the prompt prefix start', () => {
  const word = 'result = values.map((v) => v * 2)';
  const first = docWithTyping(600, '');
  const w0 = cutWindow(first.text, first.offset);
  assert.ok(w0.prefixAbove.length > 1000);
  // Everything before the cursor line: the part of the prompt vLLM's prefix cache can keep.
  const stablePart = DEEPSEEK_TOKENS.begin + w0.prefixAbove;
  for (let n = 1; n <= word.length; n++) {
    const { text, offset } = docWithTyping(600, word.slice(0, n));
    const w = cutWindow(text, offset);
    assert.equal(w.windowStartLine, w0.windowStartLine);
    assert.equal(w.prefixAbove, w0.prefixAbove);
    assert.equal(w.linePrefix, `    ${word.slice(0, n)}`);
    const prompt = buildPrompt(w, TEMPLATES.deepseek, '', 'a.ts', 'typescript', 'single').prompt;
    assert.ok(prompt.startsWith(stablePart + w.linePrefix));
  }
});

test('the window start is aligned to chunks and moves only in chunk steps', () => {
  const starts = new Set<number>();
  for (let line = 300; line < 340; line++) {
    const { text, offset } = docWithTyping(line, 'x');
    const w = cutWindow(text, offset, { maxPrefixLines: 256, maxPrefixChars: 1e9, maxSuffixLines: 64, maxSuffixChars: 1e9, chunkLines: 32 });
    assert.equal(w.windowStartLine % 32, 0);
    assert.ok(line - w.windowStartLine >= 256 && line - w.windowStartLine < 256 + 32);
    starts.add(w.windowStartLine);
  }
  assert.deepEqual([...starts].sort((a, b) => a - b), [32, 64]);
});

test('prefix and suffix are cut at line boundaries within their budgets', () => {
  const { text, offset } = docWithTyping(500, 'abc');
  const w = cutWindow(text, offset, { maxPrefixLines: 256, maxPrefixChars: 2000, maxSuffixLines: 10, maxSuffixChars: 1e9, chunkLines: 32 });
  assert.ok(w.prefixAbove.length <= 2000);
  assert.ok(w.prefixAbove.startsWith('line '), 'prefix starts at a line start');
  assert.ok(w.prefixAbove.endsWith('\n'));
  assert.equal(w.windowStartLine % 32, 0);
  assert.equal(w.suffixBelow.split('\n').length - 1, 10);
  assert.ok(w.suffixBelow.startsWith('\nline 501 '));
  assert.ok(w.suffixBelow.endsWith(')'), 'suffix ends at a line end');
});

test('rest of the line and CRLF line breaks', () => {
  const text = 'a = 1\r\nfoo(bar)\r\nb = 2\r\n';
  const offset = text.indexOf('bar');
  const w = cutWindow(text, offset);
  assert.equal(w.linePrefix, 'foo(');
  assert.equal(w.lineSuffix, 'bar)');
  assert.equal(w.prefixAbove, 'a = 1\r\n');
  assert.equal(w.suffixBelow, '\r\nb = 2\r\n');
  assert.equal(w.eol, '\r\n');
  assert.equal(w.cursorLine, 1);
});

test('cursor at the start and at the end of the document', () => {
  const s = cutWindow('abc', 0);
  assert.deepEqual([s.prefixAbove, s.linePrefix, s.lineSuffix, s.suffixBelow], ['', '', 'abc', '']);
  const e = cutWindow('x\nabc', 5);
  assert.deepEqual([e.prefixAbove, e.linePrefix, e.lineSuffix, e.suffixBelow], ['x\n', 'abc', '', '']);
});
