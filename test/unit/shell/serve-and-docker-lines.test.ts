// `vllm serve` options on script / Dockerfile lines against the engine-arg catalogue, `docker run` against the
// Ascend device rules, and `ARG VLLM_TAG` against the compatibility matrix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateShellScript } from '../../../src/core/shell/validate-shell';
import { validateDockerfile } from '../../../src/core/dockerfile/validate-dockerfile';
import type { Finding } from '../../../src/core/diagnostics';
import { applyEdits, textAt } from './apply-edits';

const codes = (f: Finding[], code: string): Finding[] => f.filter((x) => x.code === code);

test('vllm serve: --max-batch-size and --device npu on a script line are errors, with fixes', () => {
  const text = 'vllm serve deepseek-ai/deepseek-coder-6.7b-base --max-batch-size 32 --device npu --tensor-parallel-size 2\n';
  const f = validateShellScript(text);
  const unknown = codes(f, 'ASC530');
  assert.equal(unknown.length, 1);
  assert.equal(textAt(text, unknown[0].range), '--max-batch-size');
  assert.equal(unknown[0].severity, 'error');
  assert.equal(applyEdits(text, unknown[0].fixes?.[0].edits ?? []), text.replace('--max-batch-size', '--max-num-seqs'));
  const device = codes(f, 'ASC532');
  assert.equal(device.length, 1);
  assert.equal(applyEdits(text, device[0].fixes?.[0].edits ?? []), text.replace(' --device npu', ''));
});

test('vllm serve: known long, --no-, one-dash, =value, dotted and $VAR options pass; a bad choice is reported', () => {
  const ok = [
    'vllm serve /models/m --tp 2 -tp 2 --no-enable-prefix-caching --max-model-len=16384 -O3 \\',
    '  --compilation-config.mode 3 --served-model-name coder $EXTRA --dtype "${DTYPE}" --quantization ascend',
    'python -m vllm.entrypoints.openai.api_server --model /models/m --port 8000',
  ].join('\n');
  const f = validateShellScript(ok);
  // `--tp` is not an option (the alias has one dash): the one finding.
  assert.deepEqual(codes(f, 'ASC530').map((x) => textAt(ok, x.range)), ['--tp']);
  assert.deepEqual(codes(f, 'ASC531'), []);
  const bad = validateShellScript('vllm serve m --dtype fp16\n');
  assert.match(codes(bad, 'ASC531')[0].message, /"fp16" is not a choice/);
});

test('vllm serve: a unique prefix is what argparse takes (--max-model = --max-model-len); an ambiguous one is not', () => {
  assert.deepEqual(validateShellScript('vllm serve m --max-model 4096 --served-model coder\n').filter((x) => x.code.startsWith('ASC53')), []);
  assert.equal(codes(validateShellScript('vllm serve m --max-num 8\n'), 'ASC530').length, 1);
});

test('vllm serve: each target is checked against its own release line, with since / removed-in', () => {
  // --swap-space exists at v0.13.0 and is gone from v0.18.0; --max-num-scheduled-tokens is new in a later line.
  assert.deepEqual(codes(validateShellScript('vllm serve m --swap-space 16\n', { targetVersion: 'v0.13.0' }), 'ASC530'), []);
  const gone = codes(validateShellScript('vllm serve m --swap-space 16\n', { targetVersion: 'v0.23.0' }), 'ASC530')[0];
  assert.equal(gone.severity, 'error');
  assert.match(gone.message, /vllm-ascend v0\.23\.0 has no option --swap-space.*removed in v0\.18\.0/);
  const newer = codes(validateShellScript('vllm serve m --max-num-scheduled-tokens 8\n', { targetVersion: 'v0.23.0' }), 'ASC530')[0];
  assert.match(newer.message, /exists from v0\.2[45]/);
  assert.deepEqual(codes(validateShellScript('vllm serve m --max-num-scheduled-tokens 8\n', { targetVersion: 'v0.25.1rc1' }), 'ASC530'), []);
});

test('vllm serve: a target between catalogued lines is checked against the nearest older line, as a warning', () => {
  const w = codes(validateShellScript('vllm serve m --max-batch-size 8\n', { targetVersion: 'v0.14.0rc1' }), 'ASC530')[0];
  assert.equal(w.severity, 'warning');
  assert.match(w.message, /at vllm-ascend v0\.13\.0, the catalogued line nearest the target v0\.14\.0rc1/);
});

test('vllm serve in a Dockerfile CMD is checked too', () => {
  const df = 'FROM quay.io/ascend/vllm-ascend:v0.23.0\nCMD vllm serve /models/m --max-batch-size 8\n';
  assert.equal(codes(validateDockerfile(df), 'ASC530').length, 1);
});

const RUN = (devices: string, rest = ''): string => `docker run --rm --name v ${devices} -v /usr/local/dcmi:/usr/local/dcmi -p 8000:8000 ${rest}quay.io/ascend/vllm-ascend:v0.23.0`;

test('docker run: NPUs without /dev/davinci_manager is an error; the fix adds the missing devices', () => {
  const text = `${RUN('--device /dev/davinci0 --device /dev/devmm_svm')}\n`;
  const e = codes(validateShellScript(text), 'ASC533')[0];
  assert.equal(e.severity, 'error');
  assert.match(e.message, /\/dev\/davinci_manager, \/dev\/hisi_hdc/);
  const fixed = applyEdits(text, e.fixes?.[0].edits ?? []);
  assert.deepEqual(codes(validateShellScript(fixed), 'ASC533'), []);
  const all = RUN('--device /dev/davinci0 --device /dev/davinci_manager --device /dev/devmm_svm --device /dev/hisi_hdc');
  assert.deepEqual(codes(validateShellScript(all), 'ASC533'), []);
  assert.deepEqual(codes(validateShellScript(RUN('--privileged --device /dev/davinci0')), 'ASC533'), []);
});

test('docker run: ASCEND_RT_VISIBLE_DEVICES must name the container\'s ids 0..n-1', () => {
  const devs = '--device /dev/davinci4 --device /dev/davinci5 --device /dev/davinci_manager --device /dev/devmm_svm --device /dev/hisi_hdc';
  const text = `${RUN(devs, '-e ASCEND_RT_VISIBLE_DEVICES=4,5 ')}\n`;
  const e = codes(validateShellScript(text), 'ASC534')[0];
  assert.match(e.message, /maps 2 NPU\(s\).*\(0,1\)/);
  assert.equal(applyEdits(text, e.fixes?.[0].edits ?? []), text.replace('=4,5', '=0,1'));
  assert.deepEqual(codes(validateShellScript(RUN(devs, '-e ASCEND_RT_VISIBLE_DEVICES=0,1 ')), 'ASC534'), []);
});

test('docker run: vllm serve --host 127.0.0.1 in a published container is an error; --net=host is fine', () => {
  const devs = '--device /dev/davinci0 --device /dev/davinci_manager --device /dev/devmm_svm --device /dev/hisi_hdc';
  const text = `${RUN(devs)} vllm serve /models/m --host 127.0.0.1 --port 8000\n`;
  const e = codes(validateShellScript(text), 'ASC535')[0];
  assert.equal(textAt(text, e.range), '127.0.0.1');
  assert.deepEqual(codes(validateShellScript(text.replace('-p 8000:8000', '--net=host')), 'ASC535'), []);
  assert.deepEqual(codes(validateShellScript(text.replace('127.0.0.1', '0.0.0.0')), 'ASC535'), []);
});

test('Dockerfile ARG VLLM_TAG must be the vLLM the target vllm-ascend pairs with', () => {
  const df = 'FROM quay.io/ascend/cann:9.1.0-910b-ubuntu22.04-py3.12\nARG VLLM_TAG=v0.13.0\nRUN git clone --depth 1 $VLLM_REPO --branch $VLLM_TAG /vllm-workspace/vllm\n';
  const e = codes(validateDockerfile(df, { targetVersion: 'v0.23.0' }), 'ASC506')[0];
  assert.equal(textAt(df, e.range), 'v0.13.0');
  assert.equal(e.fixes?.[0].edits[0].newText, 'v0.23.0');
  assert.deepEqual(codes(validateDockerfile(df.replace('v0.13.0', 'v0.23.0'), { targetVersion: 'v0.23.0' }), 'ASC506'), []);
  // Without a target, the file's own vllm-ascend mention is the reference.
  const own = 'FROM quay.io/ascend/vllm-ascend:v0.18.0\nARG VLLM_TAG=v0.13.0\n';
  assert.equal(codes(validateDockerfile(own), 'ASC506').length, 1);
});
