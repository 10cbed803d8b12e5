import { test } from 'node:test';
import assert from 'node:assert/strict';
// The one suppression (src/core/analysis/suppression.ts), applied by analyzeFile to every kind of file.
import { validateOtherDocument } from '../../../src/core/document-rules';
import { suppressionEdit } from '../../../src/core/analysis/suppression';
import { applyEdits } from '../shell/apply-edits';
import { analyzeText } from './analyze-text';

test('disable-next-line and disable-line suppress only the named codes', () => {
  const text = [
    '# ascend-llm-disable-next-line ASC511',
    'npu-smi top -n 10',
    'npu-smi top -n 1 # ascend-llm-disable-line ASC999',
    'npu-smi top # ascend-llm-disable-line',
    '',
  ].join('\n');
  const fs = analyzeText('run.sh', text)!;
  assert.deepEqual(fs.map((f) => [f.code, f.range.startLine]), [['ASC511', 2]]);
});

test('the suppression edit goes above a continued command and silences it', () => {
  const text = 'echo start\nnpu-smi quantize --model_path ./m \\\n  --output_path ./o\n';
  const fs = analyzeText('q.sh', text)!;
  assert.equal(fs[0].code, 'ASC510');
  const edit = suppressionEdit(text, 2, 'ASC510');
  const fixed = applyEdits(text, [edit]);
  assert.equal(fixed, 'echo start\n# ascend-llm-disable-next-line ASC510\nnpu-smi quantize --model_path ./m \\\n  --output_path ./o\n');
  assert.deepEqual(analyzeText('q.sh', fixed), []);
});

test('validateOtherDocument dispatches by file name', () => {
  assert.equal(validateOtherDocument('README.md', 'npu-smi top'), null);
  assert.equal(validateOtherDocument('config.yaml', 'npu-smi top'), null);
  for (const name of ['Dockerfile', 'app.Dockerfile', 'Dockerfile.npu', 'Containerfile', '/a/b/run.sh', 'x.py']) {
    assert.notEqual(validateOtherDocument(name, ''), null, name);
  }
  assert.equal(validateOtherDocument('Dockerfile', 'FROM ubuntu:22.04\n')![0].code, 'ASC501');
});

test('the same directives work in a YAML config, once: codes are case-insensitive, a reason after them is ignored', () => {
  const text = [
    'model: m',
    'enable-prefix-caching: false  # ascend-llm-disable-line asc122 (vLLM ignores false here, we know)',
    'device: npu',
    '',
  ].join('\n');
  const codes = (t: string): string[] => (analyzeText('serve.vllm.yaml', t) ?? []).map((f) => f.code);
  assert.ok(!codes(text).includes('ASC122'), codes(text).join());
  assert.ok(codes(text).includes('ASC120'), 'other findings stay');
  assert.ok(codes(text.replace(' # ascend-llm-disable-line asc122 (vLLM ignores false here, we know)', '')).includes('ASC122'));
  assert.deepEqual(codes(`# ascend-llm-disable-file ASC120\n${text}`).filter((c) => c === 'ASC120'), []);
  // The rules alone do not suppress: analyzeFile does, once.
  assert.ok(validateOtherDocument('q.sh', 'npu-smi top -n 1 # ascend-llm-disable-line ASC511\n')!.some((f) => f.code === 'ASC511'));
});
