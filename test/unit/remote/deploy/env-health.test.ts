import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withEnv, withSourcedFiles } from '../../../../src/core/remote/host/env-argv';
import { modelsListServed } from '../../../../src/core/remote/deploy/health-paths';
import { shellQuote } from '../../../../src/core/host-command/quote';

test('withEnv puts variables in the argv, refusing bad names', () => {
  assert.deepEqual(withEnv({ A: '1' }, ['prog', 'x']), ['env', 'A=1', 'prog', 'x']);
  assert.deepEqual(withEnv({}, ['prog']), ['prog']);
  assert.throws(() => withEnv({ 'A;id': '1' }, ['prog']));
});

test('withSourcedFiles sources the files, then runs argv verbatim (through a real sh)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envfiles-'));
  writeFileSync(join(dir, 'a.sh'), 'export FROM_A=alpha\n');
  writeFileSync(join(dir, 'b.sh'), 'export FROM_B="$FROM_A-beta"\n');
  const argv = withSourcedFiles([join(dir, 'a.sh'), join(dir, 'b.sh')], ['sh', '-c', 'printf "%s|%s|%s" "$FROM_A" "$FROM_B" "$1"', 'x', '$(id); `id`']);
  const r = spawnSync('sh', ['-c', shellQuote(argv)], { encoding: 'utf8' });
  assert.equal(r.stdout, 'alpha|alpha-beta|$(id); `id`');
  const missing = spawnSync('sh', ['-c', shellQuote(withSourcedFiles([join(dir, 'none.sh')], ['true']))], { encoding: 'utf8' });
  assert.notEqual(missing.status, 0);
});

test('the health gate reads /v1/models', () => {
  const body = '{"object":"list","data":[{"id":"deepseek-coder","object":"model","root":"/models/deepseek-coder-6.7b-base"}]}';
  assert.equal(modelsListServed(body, 'deepseek-coder'), true);
  assert.equal(modelsListServed(body, 'other'), false);
  assert.equal(modelsListServed('<html>', 'deepseek-coder'), false);
});
