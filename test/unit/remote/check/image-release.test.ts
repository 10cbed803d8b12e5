// Check Host reads the vllm-ascend release inside the descriptor's image (pip show), for target selection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDescriptor } from '../../../../src/core/descriptor/index';
import { analyzeHostOutputs } from '../../../../src/core/remote/check/analyze-host';
import { hostProbes } from '../../../../src/core/remote/check/probes';
import { failed, healthyHost, ok } from './host-outputs';

const HOST = { ascendPrefix: '/usr/local/Ascend', devPrefix: '/dev' };
const descriptor = parseDescriptor(`version: 1
name: coder
target: { host: kunpeng-01, chip: 910B4, vllmAscend: v0.23.0 }
model: { id: deepseek-ai/deepseek-coder-6.7b-base, hostPath: /data/models/deepseek-coder-6.7b-base }
image: { tag: quay.io/ascend/vllm-ascend:v0.23.0rc1 }
runtime: { npus: [2, 3] }
`);
// pip show's real layout (pip 24): Name / Version / Summary … lines.
const PIP_SHOW = 'Name: vllm_ascend\nVersion: 0.23.0rc1\nSummary: vLLM Ascend backend plugin\nHome-page: https://github.com/vllm-project/vllm-ascend\nLocation: /usr/local/python3.11/lib/python3.11/site-packages\n';

test('the probe runs pip show in the descriptor image without pulling it', () => {
  const p = hostProbes(HOST, descriptor).find((x) => x.id === 'vllmAscendPip');
  assert.deepEqual(p?.argv, ['docker', 'run', '--rm', '--pull=never', '--entrypoint', 'pip', 'quay.io/ascend/vllm-ascend:v0.23.0rc1', 'show', 'vllm-ascend']);
  assert.equal(hostProbes(HOST, undefined).some((x) => x.id === 'vllmAscendPip'), false);
});

test('the installed release goes into the summary; a different target.vllmAscend is a warning', () => {
  const out = healthyHost();
  out.vllmAscendPip = ok(PIP_SHOW);
  const r = analyzeHostOutputs(out, { paths: HOST, descriptor });
  assert.equal(r.summary?.vllmAscendInstalled, 'v0.23.0rc1');
  const f = r.findings.find((x) => x.id === 'vllm-ascend');
  assert.equal(f?.status, 'warn');
  assert.match(f?.detail ?? '', /vllm-ascend v0\.23\.0rc1, but target\.vllmAscend is v0\.23\.0/);
});

test('an image not on the host says so and reports no release', () => {
  const out = healthyHost();
  out.vllmAscendPip = failed("Unable to find image 'quay.io/ascend/vllm-ascend:v0.23.0rc1' locally\ndocker: Error response from daemon: No such image: quay.io/ascend/vllm-ascend:v0.23.0rc1.", 125);
  const r = analyzeHostOutputs(out, { paths: HOST, descriptor });
  assert.equal(r.summary?.vllmAscendInstalled, undefined);
  assert.match(r.findings.find((x) => x.id === 'vllm-ascend')?.detail ?? '', /not on the host yet/);
});
