import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateOtherDocument } from '../../../src/core/document-rules';
import { suppressionEdit } from '../../../src/core/suppression';
import { applyEdits } from './apply-edits';

test('disable-next-line and disable-line suppress only the named codes', () => {
  const text = [
    '# ascend-llm-disable-next-line ASC511',
    'npu-smi top -n 10',
    'npu-smi top -n 1 # ascend-llm-disable-line ASC999',
    'npu-smi top # ascend-llm-disable-line',
    '',
  ].join('\n');
  const fs = validateOtherDocument('run.sh', text)!;
  assert.deepEqual(fs.map((f) => [f.code, f.range.startLine]), [['ASC511', 2]]);
});

test('the suppression edit goes above a continued command and silences it', () => {
  const text = 'echo start\nnpu-smi quantize --model_path ./m \\\n  --output_path ./o\n';
  const fs = validateOtherDocument('q.sh', text)!;
  assert.equal(fs[0].code, 'ASC510');
  const edit = suppressionEdit(text, 2, 'ASC510');
  const fixed = applyEdits(text, [edit]);
  assert.equal(fixed, 'echo start\n# ascend-llm-disable-next-line ASC510\nnpu-smi quantize --model_path ./m \\\n  --output_path ./o\n');
  assert.deepEqual(validateOtherDocument('q.sh', fixed), []);
});

test('validateOtherDocument dispatches by file name', () => {
  assert.equal(validateOtherDocument('README.md', 'npu-smi top'), null);
  assert.equal(validateOtherDocument('config.yaml', 'npu-smi top'), null);
  for (const name of ['Dockerfile', 'app.Dockerfile', 'Dockerfile.npu', 'Containerfile', '/a/b/run.sh', 'x.py']) {
    assert.notEqual(validateOtherDocument(name, ''), null, name);
  }
  assert.equal(validateOtherDocument('Dockerfile', 'FROM ubuntu:22.04\n')![0].code, 'ASC501');
});
