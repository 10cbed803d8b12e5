// The serve-config engine: the article's mistakes, exact ranges, each serve rule, and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfigFile } from '../../../src/core/config/index';
import { applyEdits, at, byCode, fixture, one, validateFixture, validateText } from './fixtures';

// --- The article's config mistakes (docs/ascend-facts.md §8), each caught with the right replacement.
test('the article JSON config: not YAML, device removed, convert fix gives valid YAML', () => {
  const f = validateFixture('article-config.vllm.json');
  const json = one(f, 'ASC103');
  assert.equal(json.severity, 'error');
  assert.ok(one(f, 'ASC120'));
  const fixed = applyEdits(fixture('article-config.vllm.json'), json.fixes?.[0].edits ?? []);
  assert.match(json.fixes?.[0].title ?? '', /rename/);
  assert.equal(fixed, 'model: deepseek-6b-int8\ntensor_parallel_size: 4\ndtype: half\ndevice: npu\n');
  const again = validateConfigFile({ fileName: 'article-config.vllm.yaml', text: fixed }) ?? [];
  assert.deepEqual(byCode(again, 'ASC103'), []);
  assert.equal(byCode(again, 'ASC120').length, 1);
});

test('the article YAML config: fake model, device, max_batch_size', () => {
  const f = validateFixture('article.vllm.yaml');
  const model = one(f, 'ASC134');
  assert.deepEqual(at(model), [1, 7, 1, 30]);
  assert.ok(model.fixes?.some((x) => x.edits[0].newText === 'deepseek-ai/deepseek-coder-6.7b-base'));
  const device = one(f, 'ASC120');
  assert.deepEqual(device.fixes?.[0].edits[0].range, { startLine: 4, startColumn: 0, endLine: 5, endColumn: 0 });
  const batch = one(f, 'ASC110');
  assert.match(batch.message, /max-num-seqs/);
  assert.equal(batch.fixes?.[0].edits[0].newText, 'max_num_seqs');
  assert.equal(f.filter((x) => x.severity === 'error').length, 3);
});

test('a correct config has no errors or warnings', () => {
  const f = validateFixture('good.vllm.yaml');
  assert.deepEqual(f.filter((x) => x.severity !== 'info').map((x) => [x.code, x.message]), []);
});

// --- Exact ranges: the key for unknown / missing keys, the value for type and enum errors.
const rangesText = [
  'model: deepseek-ai/deepseek-coder-6.7b-base', // 0
  'max-modle-len: 4096', //                          1
  'dtype: fp16', //                                  2
  'gpu-memory-utilization: high', //                 3
  'max-model-len:   16k', //                         4
  '',
].join('\n');

test('unknown key: range is the key, with a did-you-mean fix', () => {
  const f = validateText('r.vllm.yaml', rangesText);
  const u = one(f, 'ASC110');
  assert.deepEqual(at(u), [1, 0, 1, 13]);
  assert.equal(u.fixes?.[0].title.includes('max-model-len'), true);
  assert.equal(u.fixes?.[0].edits[0].newText, 'max-model-len');
});

test('enum error: range is the value, with did-you-mean values', () => {
  const e = one(validateText('r.vllm.yaml', rangesText), 'ASC113');
  assert.deepEqual(at(e), [2, 7, 2, 11]);
  assert.match(e.message, /float16/);
  assert.ok(e.fixes?.some((x) => x.edits[0].newText === 'float16'));
});

test('type error: range is the value', () => {
  const e = one(validateText('r.vllm.yaml', rangesText), 'ASC112');
  assert.deepEqual(at(e), [3, 24, 3, 28]);
});

test('human-readable ints are accepted where vLLM accepts them', () => {
  assert.equal(validateText('r.vllm.yaml', rangesText).filter((f) => f.range.startLine === 4).length, 0);
});

test('missing required key in a descriptor: range is the parent key, and the fix adds it', () => {
  const d = ['version: 1', 'name: coder', 'target:', '  chip: 910B4', 'model:', '  id: deepseek-ai/deepseek-coder-6.7b-base', 'image:', '  tag: t', ''].join('\n');
  const m = one(validateText('ascend-deploy.yaml', d), 'ASC111');
  assert.deepEqual(at(m), [2, 0, 2, 6]);
  assert.deepEqual(m.fixes?.[0].edits[0], { range: { startLine: 4, startColumn: 0, endLine: 4, endColumn: 0 }, newText: '  host: my-host\n' });
});

test('underscored keys are checked like dashed ones', () => {
  const f = validateText('r.vllm.yaml', 'model: m\nmax_num_seqs: many\n');
  assert.deepEqual(at(one(f, 'ASC112')), [1, 14, 1, 18]);
});

// --- Rules on serve keys: removed keys by target version, `false` ignored, short aliases, unknown additional-config keys.
const mistakes = fixture('mistakes.vllm.yaml');

test('short aliases are flagged with the long name as the fix', () => {
  const f = byCode(validateFixture('mistakes.vllm.yaml'), 'ASC123');
  assert.deepEqual(f.map(at), [[1, 0, 1, 2], [2, 0, 2, 1]]);
  assert.equal(f[0].fixes?.[0].edits[0].newText, 'tensor-parallel-size');
  assert.equal(f[1].fixes?.[0].edits[0].newText, 'quantization');
});

test('`flag: false` is ignored at v0.23.0: warn and offer no-<flag>: true where it exists', () => {
  const f = byCode(validateFixture('mistakes.vllm.yaml'), 'ASC122');
  assert.equal(f.length, 2);
  const prefix = f.find((x) => x.range.startLine === 3);
  assert.ok(prefix);
  assert.equal(prefix.severity, 'warning');
  assert.deepEqual(at(prefix), [3, 23, 3, 28]);
  const fixed = applyEdits(mistakes, prefix.fixes?.[0].edits ?? []);
  assert.equal(fixed.split('\n')[3], 'no-enable-prefix-caching: true');
  // enforce-eager has a --no- form too.
  assert.match(f.find((x) => x.range.startLine === 4)?.fixes?.[0].title ?? '', /no-enforce-eager: true/);
});

test('`flag: false` is not flagged for an older target (behaviour there is not known)', () => {
  assert.deepEqual(byCode(validateFixture('mistakes.vllm.yaml', 'v0.18.0'), 'ASC122'), []);
});

test('removed additional-config keys are errors from v0.12 on, fine before', () => {
  const now = byCode(validateFixture('mistakes.vllm.yaml'), 'ASC121');
  assert.deepEqual(now.map((f) => f.range.startLine), [11, 13]);
  assert.match(now[0].message, /torchair_graph_config.*v0\.12\.0rc1/);
  const fixed = applyEdits(mistakes, now[0].fixes?.[0].edits ?? []);
  assert.ok(!fixed.includes('torchair_graph_config'));
  assert.ok(fixed.includes('ascend_scheduler_config'));
  assert.deepEqual(byCode(validateFixture('mistakes.vllm.yaml', 'v0.11.0'), 'ASC121'), []);
});

test('unknown additional-config keys warn with did-you-mean', () => {
  const w = one(validateFixture('mistakes.vllm.yaml'), 'ASC190');
  assert.deepEqual(at(w), [15, 2, 15, 19]);
  assert.equal(w.fixes?.[0].edits[0].newText, 'enable_cpu_binding');
});

test('max-model-len beyond the length vLLM derives (table source) is an error at the value', () => {
  const text = fixture('mistakes.vllm.yaml').replace('max-model-len: 32768', 'max-model-len: 99999');
  const e = one(validateText('mistakes.vllm.yaml', text), 'ASC133');
  assert.deepEqual(at(e), [8, 15, 8, 20]);
  assert.match(e.message, /65536/);
});

test('tensor-parallel-size must divide the heads (table: 1.3b has 16)', () => {
  const e = one(validateFixture('mistakes.vllm.yaml'), 'ASC130');
  assert.deepEqual(at(e), [9, 22, 9, 23]);
  assert.ok(e.fixes?.some((x) => x.edits[0].newText === '2'));
});

test('without a source for the heads, only information', () => {
  const f = validateText('x.vllm.yaml', 'model: deepseek-ai/deepseek-coder-33b-base\ntensor-parallel-size: 3\n');
  assert.equal(one(f, 'ASC132').severity, 'info');
  assert.deepEqual(byCode(f, 'ASC130'), []);
});

test('a modeline makes any YAML file a serve config', () => {
  const f = validateText('whatever.yaml', '# ascend-llm: vllm-config\ndevice: npu\n');
  assert.equal(one(f, 'ASC120').severity, 'error');
});

// --- Broken YAML, alias bombs, deep nesting: findings, never a crash.
test('broken YAML gives a syntax error at the bad spot, not a crash', () => {
  const f = validateConfigFile({ fileName: 'broken.vllm.yaml', text: fixture('broken.vllm.yaml') });
  assert.ok(f);
  const syntax = f.filter((x) => x.code === 'ASC100');
  assert.ok(syntax.length >= 1);
  assert.ok(syntax.every((x) => x.severity === 'error'));
  assert.ok(syntax.some((x) => x.range.startLine >= 1), JSON.stringify(syntax.map(at)));
});

// How fast: the stress cases of test/bench/diagnostics-latency.bench.ts. Here only what happens.
test('an alias bomb is refused, not expanded', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  const f = validateConfigFile({ fileName: 'bomb.vllm.yaml', text: `${bomb.join('\n')}\n` });
  const finding = one(f ?? [], 'ASC102');
  assert.match(finding.message, /alias/);
});

test('deep nesting is refused before parsing', () => {
  const deepFlow = `model: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
  assert.equal(one(validateConfigFile({ fileName: 'deep.vllm.yaml', text: deepFlow }) ?? [], 'ASC102').severity, 'error');
  let block = '';
  for (let i = 0; i < 200; i++) block += `${' '.repeat(i * 2)}k${i}:\n`;
  assert.equal(one(validateConfigFile({ fileName: 'deep2.vllm.yaml', text: block }) ?? [], 'ASC102').severity, 'error');
});

// Size, binary and suppression guards are analyzeFile's: test/unit/analysis/analyze-file.test.ts.
test('files that are not ours give null', () => {
  assert.equal(validateConfigFile({ fileName: 'docker-compose.yaml', text: 'services: {}\n' }), null);
  assert.equal(validateConfigFile({ fileName: 'notes.txt', text: 'model: x' }), null);
});

test('a key given twice (in either spelling) warns at the first one', () => {
  const f = validateText('d.vllm.yaml', 'model: m\nmax_num_seqs: 8\nport: 1\nmax-num-seqs: 16\n');
  const w = one(f, 'ASC114');
  assert.deepEqual(at(w), [1, 0, 1, 12]);
  assert.match(w.message, /line 4/);
});

test('a pasted 3,000-line document gets one finding per unknown key (its time: the bench stress config)', () => {
  const lines = ['model: m'];
  for (let i = 0; i < 3000; i++) lines.push(`bogus-key-${i}: ${i}`);
  const f = validateText('big.vllm.yaml', lines.join('\n'));
  assert.equal(byCode(f, 'ASC110').length, 3000);
});

test('removed keys inside an additional-config JSON string are found too', () => {
  const f = validateText('j.vllm.yaml', 'model: m\nadditional-config: \'{"ascend_scheduler_config": {"enabled": true}}\'\n');
  assert.deepEqual(at(one(f, 'ASC121')), [1, 19, 1, 67]);
});
