import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageExistsArgv, imageSourceOf, planBuild, planLoad, planPull } from '../../../../src/core/remote/build/build-plan';
import { planFetchModel, verifyModelFolder } from '../../../../src/core/remote/fetch-model/fetch-plan';
import { mirrorImage } from '../../../../src/core/remote/host/mirrors';
import { PlanError } from '../../../../src/core/host-command/plan-error';
import { InputRefusedError } from '../../../../src/core/host-command/validate-input';
import { coder } from '../inputs';

test('ModelScope download, with a mirror as MODELSCOPE_DOMAIN', () => {
  const plain = planFetchModel(coder());
  assert.deepEqual(plain.steps, [
    ['mkdir', '-p', '/data/models'],
    ['modelscope', 'download', '--model', 'deepseek-ai/deepseek-coder-6.7b-base', '--local_dir', '/data/models/deepseek-coder-6.7b-base'],
  ]);
  const mirrored = planFetchModel(coder(), 'https://www.modelscope.cn/');
  assert.deepEqual(mirrored.steps[1].slice(0, 2), ['env', 'MODELSCOPE_DOMAIN=www.modelscope.cn']);
  assert.deepEqual(plain.probes.index, ['cat', '/data/models/deepseek-coder-6.7b-base/model.safetensors.index.json']);
});

test('Hugging Face download, with a mirror as HF_ENDPOINT', () => {
  const plan = planFetchModel(coder((d) => { d.model.source = 'huggingface'; }), 'hf-mirror.com');
  assert.deepEqual(plan.steps[1], ['env', 'HF_ENDPOINT=https://hf-mirror.com', 'huggingface-cli', 'download', 'deepseek-ai/deepseek-coder-6.7b-base', '--local-dir', '/data/models/deepseek-coder-6.7b-base']);
  assert.deepEqual(planFetchModel(coder((d) => { d.model.source = 'host'; })).steps, []);
  assert.throws(() => planFetchModel(coder(), 'https://x.cn/;id'), PlanError);
  assert.throws(() => planFetchModel(coder((d) => { d.model.id = "x'; touch /tmp/pwned; '"; })), InputRefusedError);
});

test('the folder check: config.json and every shard of the safetensors index', () => {
  const config = JSON.stringify({ architectures: ['LlamaForCausalLM'], model_type: 'llama' });
  const index = JSON.stringify({ metadata: { total_size: 13476839424 }, weight_map: {
    'model.embed_tokens.weight': 'model-00001-of-00002.safetensors', 'lm_head.weight': 'model-00002-of-00002.safetensors' } });
  const ok = verifyModelFolder({ configJson: config, indexJson: index, listing: ['config.json', 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors'] });
  assert.deepEqual(ok, { ok: true, problems: [], modelType: 'llama', architectures: ['LlamaForCausalLM'] });
  const partial = verifyModelFolder({ configJson: config, indexJson: index, listing: ['config.json', 'model-00001-of-00002.safetensors'] });
  assert.equal(partial.ok, false);
  assert.match(partial.problems[0], /model-00002-of-00002\.safetensors/);
  assert.equal(verifyModelFolder({ configJson: config, listing: ['config.json', 'model.safetensors'] }).ok, true);
  assert.equal(verifyModelFolder({ configJson: '{not json', listing: ['model.safetensors'] }).ok, false);
  assert.equal(verifyModelFolder({ listing: ['pytorch_model.bin'] }).problems.length, 2);
});

test('pull through the images mirror, then tag as image.tag', () => {
  assert.equal(mirrorImage('quay.io/ascend/vllm-ascend:v0.23.0', 'm.daocloud.io/quay.io'), 'm.daocloud.io/quay.io/ascend/vllm-ascend:v0.23.0');
  assert.equal(mirrorImage('quay.io/ascend/vllm-ascend:v0.23.0', 'https://quay.nju.edu.cn/'), 'quay.nju.edu.cn/ascend/vllm-ascend:v0.23.0');
  assert.equal(mirrorImage('docker.io/library/ubuntu:22.04', 'quay.nju.edu.cn'), 'docker.io/library/ubuntu:22.04');
  const plan = planPull(coder(), 'quay.nju.edu.cn');
  assert.deepEqual(plan.steps, [
    ['docker', 'pull', 'quay.nju.edu.cn/ascend/vllm-ascend:v0.23.0'],
    ['docker', 'tag', 'quay.nju.edu.cn/ascend/vllm-ascend:v0.23.0', 'ascend-llm/coder:v0.23.0'],
  ]);
  const same = planPull(coder((d) => { d.image.tag = 'quay.io/ascend/vllm-ascend:v0.23.0'; }));
  assert.deepEqual(same.steps, [['docker', 'pull', 'quay.io/ascend/vllm-ascend:v0.23.0']]);
});

test('build and load argv, and which source applies', () => {
  assert.deepEqual(planBuild(coder(), { contextDir: '/home/u/.ascend-llm/ctx/coder', dockerfilePath: '/home/u/.ascend-llm/ctx/coder/Dockerfile' }).steps,
    [['docker', 'build', '-t', 'ascend-llm/coder:v0.23.0', '-f', '/home/u/.ascend-llm/ctx/coder/Dockerfile', '/home/u/.ascend-llm/ctx/coder']]);
  assert.deepEqual(planLoad(coder(), '/tmp/vllm-ascend.tar').steps, [['docker', 'load', '-i', '/tmp/vllm-ascend.tar']]);
  assert.deepEqual(imageExistsArgv('ascend-llm/coder:v0.23.0'), ['docker', 'image', 'inspect', '--format', '{{.Id}}', 'ascend-llm/coder:v0.23.0']);
  assert.equal(imageSourceOf(coder()), 'pull');
  assert.equal(imageSourceOf(coder((d) => { d.image.dockerfile = './Dockerfile'; })), 'build');
  assert.throws(() => imageSourceOf(coder((d) => { d.image.base = undefined; })), PlanError);
  assert.throws(() => planPull(coder((d) => { d.image.base = '$(id)'; })), InputRefusedError);
});
