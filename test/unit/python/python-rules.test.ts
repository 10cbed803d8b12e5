import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_SUGGESTED, validatePython } from '../../../src/core/python/validate-python';
import { SAMPLING_PARAMS_FIELDS } from '../../../src/core/python/sampling-params-fields';
import { ENGINE_ARG_NAMES } from '../../../src/core/python/engine-arg-names';
import { applyEdits, textAt } from '../shell/apply-edits';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/docs', name), 'utf8');

test("the article's snippets: DeepSeek-6B does not exist, max_batch_size is not a SamplingParams field", () => {
  const text = fixture('article_snippets.py');
  const fs = validatePython(text);
  assert.deepEqual(fs.map((f) => [f.code, f.severity, textAt(text, f.range)]), [
    ['ASC524', 'error', 'deepseek-ai/DeepSeek-6B'],
    ['ASC521', 'error', 'max_batch_size'],
  ]);
  assert.match(fs[1].message, /TypeError/);
  assert.match(fs[1].message, /max_num_seqs/);
  assert.equal(applyEdits(text, fs[0].fixes![0].edits).split('\n')[3],
    'model = AutoModelForCausalLM.from_pretrained("deepseek-ai/deepseek-coder-6.7b-base")');
  assert.equal(applyEdits(text, fs[1].fixes![0].edits).split('\n')[4], 'sampling_params = SamplingParams()');
});

test('a correct offline script is not flagged (comments and strings are not code)', () => {
  assert.deepEqual(validatePython(fixture('good_offline.py')), []);
});

test('every SamplingParams field read from vLLM is accepted, in a multi-line call', () => {
  const args = SAMPLING_PARAMS_FIELDS.map((f) => `    ${f}=None,`).join('\n');
  assert.deepEqual(validatePython(`from vllm import SamplingParams\np = SamplingParams(\n${args}\n)\n`), []);
});

test('every engine argument is accepted by LLM(...) and EngineArgs(...)', () => {
  const args = ENGINE_ARG_NAMES.map((f) => `${f}=None`).join(', ');
  assert.deepEqual(validatePython(`LLM(${args})\nEngineArgs(${args})\n`), []);
});

test('max_batch_size moves into the one LLM(...) call as max_num_seqs', () => {
  const text = 'llm = LLM(model="/m",\n          tensor_parallel_size=4)\nsp = SamplingParams(temperature=0.2, max_batch_size=256)\n';
  const f = validatePython(text).find((x) => x.code === 'ASC521')!;
  assert.equal(f.fixes![0].title, 'Move to LLM(max_num_seqs=256)');
  assert.equal(applyEdits(text, f.fixes![0].edits),
    'llm = LLM(model="/m",\n          tensor_parallel_size=4, max_num_seqs=256)\nsp = SamplingParams(temperature=0.2)\n');
});

test('unknown keywords: SamplingParams errors, engine calls warn, both with did-you-mean', () => {
  const text = 'LLM(model="m", tensor_paralel_size=2)\nSamplingParams(top_pp=0.9)\n';
  const fs = validatePython(text);
  assert.deepEqual(fs.map((f) => [f.code, f.severity]), [['ASC522', 'warning'], ['ASC520', 'error']]);
  assert.equal(applyEdits(text, fs[0].fixes![0].edits), 'LLM(model="m", tensor_parallel_size=2)\nSamplingParams(top_pp=0.9)\n');
  assert.equal(fs[1].fixes![0].title, 'Change to top_p');
});

test('device="npu" is an error from vLLM 0.10 on; the fix removes it with its comma', () => {
  const text = 'LLM(model="m", device="npu", dtype="half")\n';
  const f = validatePython(text)[0];
  assert.equal(f.code, 'ASC523');
  assert.equal(applyEdits(text, f.fixes![0].edits), 'LLM(model="m", dtype="half")\n');
  assert.deepEqual(validatePython(text, { targetVersion: 'v0.9.1' }), []);
});

test('definitions named like the calls are not calls; **kwargs are not keywords', () => {
  assert.deepEqual(validatePython('def SamplingParams(max_batch_size=1):\n    pass\nSamplingParams(**opts)\n'), []);
});

test('triple-quoted strings and f-strings do not confuse the tokenizer', () => {
  const text = 'doc = """\nSamplingParams(max_batch_size=2)\n"""\nx = f"{a}"\nSamplingParams(max_batch_size=3)\n';
  const fs = validatePython(text);
  assert.deepEqual(fs.map((f) => f.range.startLine), [4]);
});

test('--target-version: at another release a name missing from the v0.23.0 tables is a warning that says so', () => {
  const text = 'from vllm import LLM, SamplingParams\nLLM(model="m", swap_space=4)\nSamplingParams(best_of_typo=2)\n';
  const at23 = validatePython(text);
  assert.equal(at23.find((f) => f.code === 'ASC520')?.severity, 'error');
  const at13 = validatePython(text, { targetVersion: 'v0.13.0' });
  const sp = at13.find((f) => f.code === 'ASC520');
  assert.equal(sp?.severity, 'warning');
  assert.match(sp?.message ?? '', /vLLM v0\.23\.0 .*target is v0\.13\.0/);
  // swap_space is an engine argument at v0.13.0 (its own catalogue line): nothing to say there.
  assert.equal(at13.find((f) => f.code === 'ASC522'), undefined);
  assert.match(validatePython('LLM(model="m", not_an_arg=4)\n', { targetVersion: 'v0.13.0' })[0]?.message ?? '', /target is v0\.13\.0/);
});

test('did-you-mean fixes are bounded per file, as in the config engine; every unknown keyword is still reported', () => {
  const text = `SamplingParams(${Array.from({ length: MAX_SUGGESTED + 20 }, (_, i) => `temprature${i}=1`).join(', ')})\n`;
  const fs = validatePython(text).filter((f) => f.code === 'ASC520' || f.code === 'ASC521');
  assert.equal(fs.length, MAX_SUGGESTED + 20);
  assert.equal(fs.filter((f) => (f.fixes ?? []).length > 0).length, MAX_SUGGESTED);
  assert.ok((fs[0].fixes ?? []).some((x) => x.title.includes('temperature')));
});
