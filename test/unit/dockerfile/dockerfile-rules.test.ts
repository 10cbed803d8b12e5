import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDockerfile } from '../../../src/core/dockerfile/validate-dockerfile';
import { applyEdits, textAt } from '../shell/apply-edits';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/docs', name), 'utf8');

test("the article's Dockerfile: old CANN image, +npu torch, torch_stable index, demo api_server", () => {
  const text = fixture('article.Dockerfile');
  const fs = validateDockerfile(text);
  assert.deepEqual(fs.map((f) => f.code), ['ASC502', 'ASC512', 'ASC513', 'ASC516']);
  assert.equal(textAt(text, fs[0].range), 'swr.cn-south-1.myhuaweicloud.com/ascend-cann-toolkit:6.3.0');
  assert.equal(fs[0].severity, 'error');
  assert.equal(textAt(text, fs[1].range), 'torch==1.13.1+npu');
  assert.equal(textAt(text, fs[3].range), 'vllm.entrypoints.api_server');
  assert.match(fs[0].message, /quay\.io\/ascend\/vllm-ascend:v0\.23\.0/);
});

test('the base-image fixes name the right images for the target', () => {
  const text = fixture('article.Dockerfile');
  const f = validateDockerfile(text, { targetVersion: 'v0.23.0' })[0];
  assert.deepEqual(f.fixes?.map((x) => applyEdits(text, x.edits).split('\n')[1]), [
    'FROM quay.io/ascend/vllm-ascend:v0.23.0',
    'FROM quay.io/ascend/cann:9.1.0-910b-ubuntu22.04-py3.12',
  ]);
  const fixed = applyEdits(text, f.fixes![0].edits);
  assert.deepEqual(validateDockerfile(fixed).filter((x) => x.code === 'ASC502' || x.code === 'ASC501'), []);
});

test('a correct Dockerfile has no findings', () => {
  assert.deepEqual(validateDockerfile(fixture('good.Dockerfile')), []);
});

test('images outside quay.io/ascend are "not a vllm-ascend image"; mirrors, stages and variables are fine', () => {
  const text = 'FROM ubuntu:22.04\n';
  const fs = validateDockerfile(text);
  assert.deepEqual(fs.map((f) => [f.code, f.severity, textAt(text, f.range)]), [['ASC501', 'warning', 'ubuntu:22.04']]);
  const ok = [
    'ARG BASE=quay.io/ascend/vllm-ascend:v0.23.0',
    'FROM m.daocloud.io/quay.io/ascend/vllm-ascend:v0.23.0-310p AS build',
    'FROM quay.nju.edu.cn/ascend/cann:9.1.0-910b-ubuntu22.04-py3.12',
    'FROM build',
    'FROM ${BASE}',
    '',
  ].join('\n');
  assert.deepEqual(validateDockerfile(ok), []);
});

test('FROM --platform=linux/amd64 is an error with a fix to linux/arm64', () => {
  const text = 'FROM --platform=linux/amd64 quay.io/ascend/vllm-ascend:v0.23.0\n';
  const fs = validateDockerfile(text);
  assert.deepEqual(fs.map((f) => f.code), ['ASC503']);
  assert.equal(textAt(text, fs[0].range), 'linux/amd64');
  assert.equal(applyEdits(text, fs[0].fixes![0].edits), 'FROM --platform=linux/arm64 quay.io/ascend/vllm-ascend:v0.23.0\n');
  assert.deepEqual(validateDockerfile('FROM --platform=$BUILDPLATFORM quay.io/ascend/vllm-ascend:v0.23.0\n'), []);
});

test('article commands inside multi-line RUN and ENV instructions', () => {
  const text = [
    'FROM quay.io/ascend/vllm-ascend:v0.23.0',
    'ENV USE_ARM_NEON=1',
    'RUN git clone https://github.com/vllm-project/vllm.git && \\',
    '    cd vllm && \\',
    '    # a comment line inside the continuation',
    '    pip install -e .[npu]',
    'RUN npu-smi top -n 10',
    '',
  ].join('\n');
  const fs = validateDockerfile(text);
  assert.deepEqual(fs.map((f) => f.code), ['ASC515', 'ASC514', 'ASC511']);
  assert.equal(textAt(text, fs[1].range), '.[npu]');
  assert.equal(fs[1].range.startLine, 5);
  assert.equal(applyEdits(text, fs[0].fixes![0].edits).split('\n')[1], 'RUN git clone https://github.com/vllm-project/vllm.git && \\');
});

test('what the Docker builder rejects is reported as ASC500', () => {
  const fs = validateDockerfile('FROM quay.io/ascend/vllm-ascend:v0.23.0\nEXPOSE notaport\n');
  assert.ok(fs.some((f) => f.code === 'ASC500' && f.severity === 'error' && f.range.startLine === 1), JSON.stringify(fs));
});
