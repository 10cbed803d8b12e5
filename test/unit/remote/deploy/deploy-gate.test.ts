/**
 * The pre-deploy gate runs the validator (src/core/config's public entry) on the descriptor and its serve
 * config for the target version: errors refuse the deploy, listing them; force goes past them, saying so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDescriptor } from '../../../../src/core/descriptor/index';
import { DeployRefusedError, preDeployErrors, runGate } from '../../../../src/core/remote/deploy/deploy-gate';

const DESCRIPTOR = (serve: string): string => `version: 1
name: coder
target: { host: kunpeng-01, chip: 910B4, vllmAscend: v0.23.0 }
model: { id: deepseek-ai/deepseek-coder-1.3b-base, source: modelscope, hostPath: /data/models/deepseek-coder-1.3b-base }
image: { tag: "quay.io/ascend/vllm-ascend:v0.23.0" }
runtime: { npus: [0, 1], shmSize: 1g, publish: { address: 127.0.0.1, port: 8000 } }
serve: ${serve}
`;

async function setup(files: Record<string, string>, file = '/ws/deploy-test.yaml') {
  const read = (p: string): string | undefined => files[p];
  const d = await loadDescriptor(files[file], file, read);
  return { d, gate: { descriptorFile: file, read } };
}

test('an ASC133 error inline (max-model-len over the model window) refuses the deploy, naming file, line and code', async () => {
  const { d, gate } = await setup({ '/ws/deploy-test.yaml': DESCRIPTOR('{ served-model-name: deepseek-coder, max-model-len: 999999, tensor-parallel-size: 2 }') });
  const errors = preDeployErrors(d, gate);
  assert.ok(errors.some((e) => e.code === 'ASC133' && e.file === 'deploy-test.yaml' && e.line === 7), JSON.stringify(errors));
  assert.throws(() => runGate(d, gate, () => undefined), (e: unknown) => e instanceof DeployRefusedError && /ASC133/.test(e.message) && /--force/.test(e.message));
});

test('errors in the serve.config file are found: beside the descriptor with its model facts, elsewhere as a vLLM config', async () => {
  const sibling = await setup({
    '/ws/deploy-test.yaml': DESCRIPTOR('{ config: serve.yaml }'),
    '/ws/serve.yaml': 'served-model-name: deepseek-coder\nmax-model-len: 999999\ntensor-parallel-size: 2\n',
  });
  const errors = preDeployErrors(sibling.d, sibling.gate);
  assert.ok(errors.some((e) => e.code === 'ASC133' && e.file === 'serve.yaml' && e.line === 2), JSON.stringify(errors));
  const elsewhere = await setup({
    '/ws/deploy-test.yaml': DESCRIPTOR('{ config: conf/serve.yaml }'),
    '/ws/conf/serve.yaml': 'served-model-name: deepseek-coder\nno-such-option: 1\n',
  });
  const other = preDeployErrors(elsewhere.d, elsewhere.gate);
  assert.ok(other.some((e) => e.code === 'ASC110' && e.file === 'conf/serve.yaml'), JSON.stringify(other));
});

test('a clean descriptor passes; force deploys past errors and logs them', async () => {
  const clean = await setup({ '/ws/deploy-test.yaml': DESCRIPTOR('{ served-model-name: deepseek-coder, max-model-len: 4096, tensor-parallel-size: 2 }') });
  assert.deepEqual(preDeployErrors(clean.d, clean.gate), []);
  const bad = await setup({ '/ws/deploy-test.yaml': DESCRIPTOR('{ served-model-name: deepseek-coder, max-model-len: 999999, tensor-parallel-size: 2 }') });
  const logged: string[] = [];
  const passed = runGate(bad.d, { ...bad.gate, force: true }, (m) => logged.push(m));
  assert.ok(passed.length > 0);
  assert.match(logged.join('\n'), /Deploying despite \d+ validator error\(s\) \(forced\):[\s\S]*ASC133/);
});
