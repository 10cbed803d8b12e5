import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateShellScript } from '../../../src/core/shell/validate-shell';
import type { Finding } from '../../../src/core/diagnostics';
import { applyEdits, textAt } from './apply-edits';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/docs', name), 'utf8');
const VERSION_CODES = new Set(['ASC505', 'ASC506', 'ASC507', 'ASC508']);
const versionFindings = (text: string, targetVersion?: string): Finding[] =>
  validateShellScript(text, { targetVersion }).filter((f) => VERSION_CODES.has(f.code));

test("the article's install script and its `pip install vllm torch==1.13.1+npu` name no matrix version", () => {
  assert.deepEqual(versionFindings(fixture('article-install.sh')), []);
  const snippet = 'pip install vllm torch==1.13.1+npu -f https://download.pytorch.org/whl/torch_stable.html\n';
  assert.deepEqual(versionFindings(snippet, 'v0.23.0'), []);
  assert.deepEqual(validateShellScript(snippet).map((f) => f.code), ['ASC512', 'ASC513']);
});

test('vllm and vllm-ascend pins of different numbers: ASC506 on the vllm version, fixed to the pair', () => {
  const text = 'pip install vllm==0.18.0\npip install vllm-ascend==0.23.0 --extra-index-url https://mirrors.huaweicloud.com/ascend/repos/pypi/variant\n';
  const fs = versionFindings(text);
  assert.deepEqual(fs.map((f) => [f.code, f.severity, textAt(text, f.range)]), [['ASC506', 'error', '0.18.0']]);
  assert.match(fs[0].message, /vllm-ascend 0\.23\.0 on line 2/);
  const fixed = applyEdits(text, fs[0].fixes![0].edits);
  assert.equal(fixed.split('\n')[0], 'pip install vllm==0.23.0');
  assert.deepEqual(versionFindings(fixed), []);
});

test('the target decides when it is known: every piece of another row is flagged with the right value', () => {
  const text = [
    'docker pull quay.io/ascend/vllm-ascend:v0.13.0',
    'python3 -m pip install torch==2.8.0 \\',
    '    torch_npu==2.8.0.post2 vllm==0.13.0',
    '',
  ].join('\n');
  assert.deepEqual(versionFindings(text), [], 'consistent with itself (the v0.13.0 row)');
  assert.deepEqual(versionFindings(text, 'v0.13.0'), []);
  const fs = versionFindings(text, 'v0.23.0');
  assert.deepEqual(fs.map((f) => [f.code, textAt(text, f.range), f.fixes?.[0]?.edits[0].newText]), [
    ['ASC505', 'v0.13.0', 'v0.23.0'],
    ['ASC507', '2.8.0', '2.10.0'],
    ['ASC507', '2.8.0.post2', '2.10.0.post4'],
    ['ASC506', '0.13.0', '0.23.0'],
  ]);
  assert.deepEqual(fs[2].range, { startLine: 2, startColumn: 15, endLine: 2, endColumn: 26 }, 'exact range on the continuation line');
  assert.ok(fs.every((f) => f.message.includes('the target vllm-ascend v0.23.0')));
});

test('pins outside pip install, and heredoc bodies, are not checked', () => {
  const text = [
    'FROM=quay.io/ascend/vllm-ascend:v0.23.0',
    'echo "torch==2.1.0 is old"',
    'cat > requirements.txt <<EOF',
    'torch==2.1.0',
    'EOF',
    '',
  ].join('\n');
  assert.deepEqual(versionFindings(text), []);
});

test('uv pip and pip3 pins are read; the +cpu torch of x86 hosts is the same release', () => {
  assert.deepEqual(versionFindings('uv pip install vllm-ascend==0.23.0 torch==2.10.0+cpu\n'), []);
  const text = 'pip3 install vllm-ascend==0.23.0 torch==2.9.0+cpu\n';
  assert.deepEqual(versionFindings(text).map((f) => [f.code, textAt(text, f.range)]), [['ASC507', '2.9.0+cpu']]);
});

test('version findings carry a doc link, and a fix wherever one value is right', () => {
  const text = 'docker run --rm quay.io/ascend/vllm-ascend:v0.18.0-a3 bash\npip install torch-npu==2.9.0.post1 torch==2.9.0\n';
  const fs = versionFindings(text, 'v0.23.0');
  assert.equal(fs.length, 3);
  for (const f of fs) {
    assert.match(f.docUrl ?? '', /versioning_policy/);
    assert.equal(f.fixes?.length, 1, `${f.code} ${textAt(text, f.range)}`);
  }
  const fixed = applyEdits(text, fs.flatMap((f) => f.fixes![0].edits));
  assert.equal(fixed, 'docker run --rm quay.io/ascend/vllm-ascend:v0.23.0-a3 bash\npip install torch-npu==2.10.0.post4 torch==2.10.0\n');
  assert.deepEqual(versionFindings(fixed, 'v0.23.0'), []);
});
