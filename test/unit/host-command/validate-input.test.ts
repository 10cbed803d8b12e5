import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInput, InputRefusedError, requireValid, type InputKind } from '../../../src/core/host-command/validate-input';
import { HOSTILE_VALUES } from './hostile-values';

const KINDS: InputKind[] = ['modelId', 'imageTag', 'containerName', 'deploymentName', 'remotePath'];

test('every hostile value is refused for every kind, with a message naming the value', () => {
  for (const kind of KINDS) {
    for (const v of HOSTILE_VALUES) {
      const message = checkInput(kind, v);
      assert.ok(message, `${kind} accepted ${JSON.stringify(v)}`);
      assert.ok(message.includes(JSON.stringify(v).slice(0, 20)), message);
      assert.throws(() => requireValid(kind, v), (e: unknown) => e instanceof InputRefusedError && e.kind === kind);
    }
  }
});

test('hostile values inside an otherwise valid shape are refused too', () => {
  assert.ok(checkInput('modelId', 'deepseek-ai/$(id)'));
  assert.ok(checkInput('modelId', 'deepseek-ai/x;touch'));
  assert.ok(checkInput('modelId', '../etc/passwd'));
  assert.ok(checkInput('imageTag', 'quay.io/ascend/vllm-ascend:v0.23.0;id'));
  assert.ok(checkInput('imageTag', '-v/:/host'));
  assert.ok(checkInput('containerName', 'ascend-llm-coder\n'));
  assert.ok(checkInput('deploymentName', 'Coder'));
  assert.ok(checkInput('deploymentName', 'a'.repeat(41)));
  assert.ok(checkInput('remotePath', '/data/models/../../etc'));
  assert.ok(checkInput('remotePath', 'data/models'));
  assert.ok(checkInput('remotePath', '/data/$(id)'));
  assert.ok(checkInput('remotePath', '/data/a\0b'));
});

test('real values pass', () => {
  const ok: [InputKind, string][] = [
    ['modelId', 'deepseek-ai/deepseek-coder-6.7b-base'],
    ['modelId', 'deepseek-ai/DeepSeek-Coder-V2-Lite-Base'],
    ['modelId', 'Qwen/Qwen2.5-Coder-7B-Instruct'],
    ['imageTag', 'quay.io/ascend/vllm-ascend:v0.23.0'],
    ['imageTag', 'quay.io/ascend/vllm-ascend:v0.10.0rc1-310p'],
    ['imageTag', 'm.daocloud.io/quay.io/ascend/vllm-ascend:v0.18.0-openeuler'],
    ['imageTag', 'ascend-llm/coder:v0.23.0'],
    ['imageTag', 'localhost:5000/coder@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
    ['containerName', 'ascend-llm-coder'],
    ['deploymentName', 'coder'],
    ['deploymentName', 'coder-2'],
    ['remotePath', '/data/models/deepseek-coder-6.7b-base'],
    ['remotePath', '/root/.cache/modelscope/hub/deepseek-ai/deepseek-coder-6.7b-base'],
    ['remotePath', '/usr/local/Ascend/driver/version.info'],
  ];
  for (const [kind, v] of ok) assert.equal(checkInput(kind, v), undefined, `${kind} refused ${v}`);
});
