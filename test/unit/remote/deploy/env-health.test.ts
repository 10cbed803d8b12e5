import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withEnv } from '../../../../src/core/remote/host/env-argv';
import { modelsListServed } from '../../../../src/core/remote/deploy/health-paths';

test('withEnv puts variables in the argv, refusing bad names', () => {
  assert.deepEqual(withEnv({ A: '1' }, ['prog', 'x']), ['env', 'A=1', 'prog', 'x']);
  assert.deepEqual(withEnv({}, ['prog']), ['prog']);
  assert.throws(() => withEnv({ 'A;id': '1' }, ['prog']));
});

test('the health gate reads /v1/models', () => {
  const body = '{"object":"list","data":[{"id":"deepseek-coder","object":"model","root":"/models/deepseek-coder-6.7b-base"}]}';
  assert.equal(modelsListServed(body, 'deepseek-coder'), true);
  assert.equal(modelsListServed(body, 'other'), false);
  assert.equal(modelsListServed('<html>', 'deepseek-coder'), false);
});
