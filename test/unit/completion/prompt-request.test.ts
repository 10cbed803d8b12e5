import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutWindow } from '../../../src/core/completion/document-window';
import { buildPrompt, buildStops } from '../../../src/core/completion/prompt-builder';
import { buildRequestBody } from '../../../src/core/completion/request-body';
import { DEEPSEEK_TOKENS, TEMPLATES } from '../../../src/core/completion/fim-templates';

test('single-line stops: FIM tokens, EOS, blank-line variants and a newline; never //', () => {
  const stops = buildStops(TEMPLATES.deepseek, 'single', 'typescript');
  for (const s of [DEEPSEEK_TOKENS.begin, DEEPSEEK_TOKENS.hole, DEEPSEEK_TOKENS.end, DEEPSEEK_TOKENS.eos, '\n\n', '\r\n\r\n', '\n']) {
    assert.ok(stops.includes(s), JSON.stringify(s));
  }
  assert.ok(!stops.some((s) => s.includes('//')));
});

test('multi-line stops: language top-level keywords after a newline, no bare newline', () => {
  const py = buildStops(TEMPLATES.deepseek, 'multi', 'python');
  assert.ok(py.includes('\ndef '));
  assert.ok(py.includes('\nclass '));
  assert.ok(!py.includes('\n'));
  const go = buildStops(TEMPLATES.deepseek, 'multi', 'go');
  assert.ok(go.includes('\nfunc '));
  assert.ok(!go.some((s) => s.includes('//')));
});

test('the request body always has max_tokens, streams, and has no suffix field', () => {
  const single = buildRequestBody('deepseek-coder', 'p', ['\n'], 'single');
  const multi = buildRequestBody('deepseek-coder', 'p', [], 'multi');
  assert.equal(single.max_tokens, 24);
  assert.equal(multi.max_tokens, 64);
  assert.equal(single.stream, true);
  assert.ok(single.temperature <= 0.2);
  assert.ok(!('suffix' in single) && !('suffix' in multi));
  assert.ok(!JSON.stringify(single).includes('"suffix"'));
});

test('the prompt puts extra context and the current file path comment before the prefix', () => {
  const doc = 'import os\n\ndef main():\n    pa';
  const w = cutWindow(doc, doc.length);
  const { prompt } = buildPrompt(w, TEMPLATES.deepseek, '# util.py\ndef helper():\n    pass\n', 'main.py', 'python', 'single');
  assert.equal(prompt, `${DEEPSEEK_TOKENS.begin}# util.py\ndef helper():\n    pass\n# main.py\n${doc}${DEEPSEEK_TOKENS.hole}${DEEPSEEK_TOKENS.end}`);
  const bare = buildPrompt(w, TEMPLATES.deepseek, '', 'main.py', 'python', 'single').prompt;
  assert.equal(bare, `${DEEPSEEK_TOKENS.begin}${doc}${DEEPSEEK_TOKENS.hole}${DEEPSEEK_TOKENS.end}`);
});
