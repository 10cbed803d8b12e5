import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEEPSEEK_TOKENS, TEMPLATES, chooseTemplate } from '../../../src/core/completion/fim-templates';
import { FIXTURES } from './golden-cases';

const expectedHex = JSON.parse(readFileSync(join(FIXTURES, 'fim-tokens.json'), 'utf8')) as Record<string, string>;
const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');

test('DeepSeek FIM tokens are byte-exact (U+FF5C bars, U+2581 underscores)', () => {
  assert.equal(hex(DEEPSEEK_TOKENS.begin), expectedHex.begin);
  assert.equal(hex(DEEPSEEK_TOKENS.hole), expectedHex.hole);
  assert.equal(hex(DEEPSEEK_TOKENS.end), expectedHex.end);
  assert.equal(hex(DEEPSEEK_TOKENS.eos), expectedHex.eos);
});

test('DeepSeek tokens contain no ASCII bar, underscore or space (the Twinny mistake)', () => {
  for (const tok of [DEEPSEEK_TOKENS.begin, DEEPSEEK_TOKENS.hole, DEEPSEEK_TOKENS.end, DEEPSEEK_TOKENS.eos]) {
    assert.doesNotMatch(tok.slice(1, -1), /[|_ ]/);
  }
});

test('the rendered DeepSeek prompt has the exact bytes of begin + prefix + hole + suffix + end', () => {
  const prompt = TEMPLATES.deepseek.render('', 'def f(', ')\n');
  assert.equal(hex(prompt), expectedHex.begin + hex('def f(') + expectedHex.hole + hex(')\n') + expectedHex.end);
});

test('DeepSeek stops are the FIM tokens plus base EOS and instruct EOT', () => {
  const stops = TEMPLATES.deepseek.stopTokens.map(hex);
  for (const k of ['begin', 'hole', 'end', 'eos']) assert.ok(stops.includes(expectedHex[k]), k);
  assert.ok(TEMPLATES.deepseek.stopTokens.includes('<|EOT|>'));
});

test('other templates render their own markers', () => {
  assert.equal(TEMPLATES.qwen.render('', 'a', 'b'), '<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>');
  assert.equal(TEMPLATES.starcoder2.render('', 'a', 'b'), '<fim_prefix>a<fim_suffix>b<fim_middle>');
  assert.equal(TEMPLATES.codellama.render('', 'a', 'b'), '<PRE> a <SUF>b <MID>');
  assert.ok(TEMPLATES.qwen.stopTokens.includes('<|endoftext|>'));
  assert.ok(TEMPLATES.starcoder2.stopTokens.includes('<|endoftext|>'));
  assert.ok(TEMPLATES.codellama.stopTokens.includes('<EOT>'));
});

test('extra context goes before the prefix, inside the prompt start', () => {
  assert.ok(TEMPLATES.deepseek.render('# a.py\nx = 1\n', 'y', '').startsWith(DEEPSEEK_TOKENS.begin + '# a.py\nx = 1\ny'));
});

test('the template is chosen by model name and can be overridden', () => {
  assert.equal(chooseTemplate('deepseek-ai/deepseek-coder-6.7b-base').id, 'deepseek');
  assert.equal(chooseTemplate('deepseek-coder').id, 'deepseek');
  assert.equal(chooseTemplate('Qwen/Qwen2.5-Coder-7B').id, 'qwen');
  assert.equal(chooseTemplate('bigcode/starcoder2-3b').id, 'starcoder2');
  assert.equal(chooseTemplate('codellama/CodeLlama-7b-hf').id, 'codellama');
  assert.equal(chooseTemplate('my-served-name').id, 'deepseek');
  assert.equal(chooseTemplate('deepseek-coder', 'qwen').id, 'qwen');
  assert.equal(chooseTemplate('Qwen2.5-Coder', 'auto').id, 'qwen');
  assert.equal(chooseTemplate('Qwen2.5-Coder', 'nonsense').id, 'qwen');
});
