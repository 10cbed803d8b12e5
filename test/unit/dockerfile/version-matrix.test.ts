import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDockerfile } from '../../../src/core/dockerfile/validate-dockerfile';
import { analyzeText } from '../analysis/analyze-text';
import type { Finding } from '../../../src/core/diagnostics';
import { applyEdits, textAt } from '../shell/apply-edits';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/docs', name), 'utf8');
const VERSION_CODES = new Set(['ASC505', 'ASC506', 'ASC507', 'ASC508']);
const versionFindings = (text: string, targetVersion?: string): Finding[] =>
  validateDockerfile(text, { targetVersion }).filter((f) => VERSION_CODES.has(f.code));
const applyFirstFixes = (text: string, fs: Finding[]): string => applyEdits(text, fs.flatMap((f) => f.fixes?.[0]?.edits ?? []));

test("the article's Dockerfile names no matrix version (its CANN 6.3.0 and torch +npu are ASC502/ASC512)", () => {
  const text = fixture('article.Dockerfile');
  assert.deepEqual(versionFindings(text), []);
  assert.deepEqual(versionFindings(text, 'v0.23.0'), []);
});

test("the article's Dockerfile half fixed: CANN 8.2.rc1 base and torch 2.5.1 under vllm-ascend 0.23.0", () => {
  // What a reader gets after replacing the article's image and `+npu` pin with versions from older posts.
  const text = [
    '# Dockerfile示例',
    'FROM quay.io/ascend/cann:8.2.rc1-910b-ubuntu22.04-py3.11',
    'RUN pip install vllm==0.23.0 && \\',
    '    pip install vllm-ascend==0.23.0 torch==2.5.1 --extra-index-url https://mirrors.huaweicloud.com/ascend/repos/pypi/variant',
    'COPY ./model /models',
    'CMD ["vllm", "serve", "/models/deepseek-coder-6.7b-base"]',
    '',
  ].join('\n');
  const fs = versionFindings(text);
  assert.deepEqual(fs.map((f) => [f.code, f.severity, textAt(text, f.range)]), [
    ['ASC508', 'warning', '8.2.rc1'],
    ['ASC507', 'error', '2.5.1'],
  ]);
  assert.deepEqual(fs[0].range, { startLine: 1, startColumn: 25, endLine: 1, endColumn: 32 });
  assert.match(fs[0].message, /CANN 8\.2\.rc1 .*vllm-ascend 0\.23\.0 on line 4.*CANN 9\.1\.0/);
  assert.match(fs[1].message, /torch 2\.5\.1 .*torch 2\.10\.0/);
  assert.ok(fs.every((f) => f.docUrl?.includes('versioning_policy')));
  const fixed = applyFirstFixes(text, fs);
  assert.equal(fixed.split('\n')[1], 'FROM quay.io/ascend/cann:9.1.0-910b-ubuntu22.04-py3.12');
  assert.match(fixed.split('\n')[3], /vllm-ascend==0\.23\.0 torch==2\.10\.0 /);
  assert.deepEqual(versionFindings(fixed), []);
});

test('FROM a vllm-ascend image of another release than the target: ASC505 on the version, fix keeps chip and OS suffix', () => {
  const text = 'FROM m.daocloud.io/quay.io/ascend/vllm-ascend:v0.18.0-310p-openeuler\nRUN pip install --no-cache-dir openai\n';
  assert.deepEqual(versionFindings(text), [], 'no target and nothing to disagree with');
  const fs = versionFindings(text, 'v0.23.0');
  assert.deepEqual(fs.map((f) => [f.code, f.severity, textAt(text, f.range)]), [['ASC505', 'warning', 'v0.18.0']]);
  assert.match(fs[0].message, /the target vllm-ascend v0\.23\.0/);
  assert.equal(applyFirstFixes(text, fs).split('\n')[0], 'FROM m.daocloud.io/quay.io/ascend/vllm-ascend:v0.23.0-310p-openeuler');
});

test('no target: the image sets the row; pins of another release are flagged against it', () => {
  const text = [
    'FROM quay.io/ascend/vllm-ascend:v0.18.0',
    'RUN pip install "torch-npu==2.10.0.post4" torch==2.9.0 vllm==0.18.0',
    '',
  ].join('\n');
  const fs = versionFindings(text);
  assert.deepEqual(fs.map((f) => [f.code, textAt(text, f.range)]), [['ASC507', '2.10.0.post4']]);
  assert.match(fs[0].message, /vllm-ascend v0\.18\.0 on line 1/);
  assert.equal(fs[0].fixes?.[0].title, 'Change to 2.9.0.post1+git4c901a4');
  // A pin without the local label selects the matrix build (PEP 440).
  assert.deepEqual(versionFindings('FROM quay.io/ascend/vllm-ascend:v0.18.0\nRUN pip install torch_npu==2.9.0.post1\n'), []);
});

test('no target and no vllm-ascend: torch and torch_npu are checked against each other', () => {
  const text = 'FROM quay.io/ascend/vllm-ascend:${TAG}\nRUN pip3 install torch==2.10.0 torch_npu==2.9.0.post1+git4c901a4\n';
  const fs = versionFindings(text);
  assert.deepEqual(fs.map((f) => [f.code, textAt(text, f.range)]), [['ASC507', '2.10.0']]);
  assert.match(fs[0].message, /torch_npu 2\.9\.0\.post1\+git4c901a4 on line 2.*torch 2\.9\.0/);
  assert.equal(applyFirstFixes(text, fs).split('\n')[1], 'RUN pip3 install torch==2.9.0 torch_npu==2.9.0.post1+git4c901a4');
});

test('when two matrix rows fit, the finding names both and offers no fix', () => {
  // torch 2.5.1 is in the v0.9.1 row (CANN 8.2.RC1) and the v0.7.3 row (CANN 8.1.RC1).
  const text = 'FROM quay.io/ascend/cann:9.1.0-910b-ubuntu22.04-py3.12\nRUN pip install torch==2.5.1\n';
  const fs = versionFindings(text);
  assert.deepEqual(fs.map((f) => [f.code, textAt(text, f.range)]), [['ASC508', '9.1.0']]);
  assert.match(fs[0].message, /8\.2\.rc1 \(vllm-ascend v0\.9\.1\) \/ 8\.1\.rc1 \(vllm-ascend v0\.7\.3\)/);
  assert.deepEqual(fs[0].fixes, []);
});

test('rc releases pair with the final vLLM; a vllm pin of another number is ASC506', () => {
  assert.deepEqual(versionFindings('FROM quay.io/ascend/vllm-ascend:v0.10.0rc1\nRUN pip install vllm==0.10.0\n'), []);
  const text = 'FROM quay.io/ascend/vllm-ascend:v0.10.0rc1\nRUN pip install vllm==0.10.1 vllm-ascend==0.10.0rc1\n';
  const fs = versionFindings(text);
  assert.deepEqual(fs.map((f) => [f.code, f.severity, textAt(text, f.range)]), [['ASC506', 'error', '0.10.1']]);
  assert.equal(fs[0].fixes?.[0].edits[0].newText, '0.10.0');
});

test('ARG image defaults and git clone -b tags count; a target outside the matrix still fixes vllm and vllm-ascend', () => {
  const text = [
    'ARG BASE=quay.io/ascend/vllm-ascend:v0.11.0',
    'FROM ${BASE}',
    'RUN git clone --depth 1 -b v0.11.0 https://github.com/vllm-project/vllm.git /vllm-workspace/vllm',
    'RUN git clone --branch v0.12.0 https://github.com/vllm-project/vllm-ascend.git',
    '',
  ].join('\n');
  const fs = versionFindings(text, 'v0.12.0');
  assert.deepEqual(fs.map((f) => [f.code, textAt(text, f.range), f.fixes?.[0].edits[0].newText]), [
    ['ASC505', 'v0.11.0', 'v0.12.0'],
    ['ASC506', 'v0.11.0', 'v0.12.0'],
  ]);
  const none = versionFindings(text);
  assert.deepEqual(none.map((f) => [f.code, textAt(text, f.range)]), [['ASC505', 'v0.12.0']], 'without a target the ARG image is the reference');
});

test('a consistent Dockerfile has no version findings, with or without the matching target', () => {
  const text = [
    'FROM quay.io/ascend/cann:8.5.1-910b-ubuntu22.04-py3.11 AS build',
    'RUN pip install vllm==0.18.0 && pip install vllm-ascend==0.18.0 torch==2.9.0 torch-npu==2.9.0.post1+git4c901a4 \\',
    '      --extra-index-url https://mirrors.huaweicloud.com/ascend/repos/pypi/variant',
    'FROM quay.io/ascend/vllm-ascend:v0.18.0-a3',
    '',
  ].join('\n');
  assert.deepEqual(versionFindings(text), []);
  assert.deepEqual(versionFindings(text, 'v0.18.0'), []);
  assert.deepEqual(validateDockerfile(fixture('good.Dockerfile'), { targetVersion: 'v0.23.0' }), []);
});

test('version findings can be suppressed per line by code', () => {
  const text = 'FROM quay.io/ascend/vllm-ascend:v0.23.0\nRUN pip install torch==2.9.0 # ascend-llm-disable-line ASC507\n';
  assert.deepEqual(analyzeText('Dockerfile', text)?.map((f) => f.code), []);
  const unsuppressed = text.replace(' # ascend-llm-disable-line ASC507', '');
  assert.deepEqual(analyzeText('Dockerfile', unsuppressed)?.map((f) => f.code), ['ASC507']);
});
