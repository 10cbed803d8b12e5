/**
 * Secrets (runtime.env HF_TOKEN-like names, serve.api-key) never reach the docker argv, the record's runArgv or
 * the pending marker: they go to a per-deploy env file written by a `write-file` step, and docker reads it with
 * --env-file. The health gate authenticates with the key it holds in memory only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNpuSmiMapping } from '../../../../src/core/npu/index';
import { planDockerRun } from '../../../../src/core/remote/deploy/docker-run-argv';
import { chooseDeployStrategy } from '../../../../src/core/remote/deploy/deploy-strategy';
import { isSecretName, redactText } from '../../../../src/core/remote/deploy/secret-env';
import { undoAfterFailure } from '../../../../src/core/remote/deploy/deploy-steps';
import { coder, HOST, npuFixture } from '../inputs';

const mapping = parseNpuSmiMapping(npuFixture('910b4-info-m-25.0.rc1.1.txt'));
const NOW = new Date('2026-11-28T04:00:00Z');
const withSecrets = coder((d) => {
  d.runtime.env = { HF_TOKEN: 'hf_abcdefSECRET', MY_API_KEY: 'k-123456', DB_PASSWORD: 'pw-98765', VLLM_LOGGING_LEVEL: 'INFO' };
  d.serve['api-key'] = 'sk-local-key-42';
});
const SECRET_VALUES = ['hf_abcdefSECRET', 'k-123456', 'pw-98765', 'sk-local-key-42'];

test('secret names: *_TOKEN, *_KEY, *SECRET*, *PASSWORD*; ordinary ones are not', () => {
  for (const n of ['HF_TOKEN', 'GITHUB_TOKEN', 'OPENAI_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'MY_SECRET', 'DB_PASSWORD', 'KEY']) assert.ok(isSecretName(n), n);
  for (const n of ['PYTORCH_NPU_ALLOC_CONF', 'ASCEND_RT_VISIBLE_DEVICES', 'HF_ENDPOINT', 'TOKENIZERS_PARALLELISM', 'KEYBOARD']) assert.ok(!isSecretName(n), n);
});

test('the docker run argv holds no secret value: they go through --env-file, ordinary ones stay -e', () => {
  const plan = planDockerRun({ descriptor: withSecrets, mapping, paths: HOST, secretsFile: '.ascend-llm/secrets/x.env' });
  const joined = plan.argv.join(' ');
  for (const v of SECRET_VALUES) assert.ok(!joined.includes(v), `${v} in ${joined}`);
  assert.ok(!plan.argv.includes('--api-key'));
  assert.equal(plan.argv[plan.argv.indexOf('--env-file') + 1], '.ascend-llm/secrets/x.env');
  assert.ok(plan.argv.includes('VLLM_LOGGING_LEVEL=INFO'));
  assert.deepEqual(new Map(plan.secretEnv), new Map([['VLLM_API_KEY', 'sk-local-key-42'], ['HF_TOKEN', 'hf_abcdefSECRET'], ['MY_API_KEY', 'k-123456'], ['DB_PASSWORD', 'pw-98765']]));
  assert.ok(plan.argv.indexOf('--env-file') < plan.argv.indexOf(plan.image), 'a docker option, before the image');
});

test('no secrets: no env file', () => {
  const plan = planDockerRun({ descriptor: coder(), mapping, paths: HOST });
  assert.equal(plan.envFile, undefined);
  assert.ok(!plan.argv.includes('--env-file'));
});

test('the plan writes a per-deploy env file before docker run, removes it on failure, and keeps secrets out of the record', () => {
  const plan = chooseDeployStrategy({ descriptor: withSecrets, mapping, paths: HOST, busyNpus: [], now: NOW, home: '/home/u' });
  assert.deepEqual(plan.steps.map((s) => s.id), ['remove-stale', 'secrets', 'run', 'wait-new', 'smoke', 'record']);
  const write = plan.steps[1];
  assert.ok(write.kind === 'write-file');
  assert.equal(write.path, '/home/u/.ascend-llm/secrets/ascend-llm-coder-20261128T040000.env', 'absolute: docker reads --env-file from its working folder');
  assert.equal(plan.run.argv[plan.run.argv.indexOf('--env-file') + 1], write.path);
  for (const v of SECRET_VALUES) assert.ok(write.text.includes(v));
  assert.match(write.title, /mode 600/);
  const record = JSON.stringify(plan.record);
  for (const v of SECRET_VALUES) assert.ok(!record.includes(v), `${v} in the record`);
  const wait = plan.steps[3];
  assert.ok(wait.kind === 'wait-healthy' && wait.apiKey === 'sk-local-key-42');
  const undo = undoAfterFailure(plan.steps, 2).map((s) => s.id);
  assert.deepEqual(undo, ['new-logs', 'remove-new', 'remove-secrets']);
});

test('redactText hides every secret value in container output', () => {
  assert.equal(redactText('token=hf_abcdefSECRET key sk-local-key-42 ok', SECRET_VALUES), 'token=*** key *** ok');
});
