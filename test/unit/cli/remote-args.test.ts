import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRemoteArgs, UsageError } from '../../../src/cli/remote-args';

test('value flags take the next argument or =value; boolean flags take none', () => {
  const a = parseRemoteArgs(['--descriptor', 'a.yaml', '--json', '--tail=20', '--ascend-prefix=/opt/Ascend'], ['descriptor', 'json', 'tail', 'ascend-prefix']);
  assert.equal(a.descriptor, 'a.yaml');
  assert.equal(a.json, true);
  assert.equal(a.tail, 20);
  assert.equal(a.ascendPrefix, '/opt/Ascend');
  assert.equal(a.follow, false);
});

test('unknown options, positionals, missing values and missing required flags are usage errors', () => {
  assert.throws(() => parseRemoteArgs(['--follow'], ['descriptor']), UsageError);
  assert.throws(() => parseRemoteArgs(['file.yaml'], ['descriptor']), UsageError);
  assert.throws(() => parseRemoteArgs(['--descriptor'], ['descriptor']), UsageError);
  assert.throws(() => parseRemoteArgs(['--descriptor='], ['descriptor']), UsageError);
  assert.throws(() => parseRemoteArgs(['--json=yes'], ['json']), UsageError);
  assert.throws(() => parseRemoteArgs([], ['host'], ['host']), /--host/);
  assert.throws(() => parseRemoteArgs(['--tail', '-3'], ['tail']), UsageError);
  assert.throws(() => parseRemoteArgs(['--dev-prefix', 'dev'], ['dev-prefix']), /absolute/);
});

test('--allow-downtime and --follow are booleans', () => {
  const a = parseRemoteArgs(['--allow-downtime', '--follow', '--host', 'h'], ['allow-downtime', 'follow', 'host'], ['host']);
  assert.deepEqual([a.allowDowntime, a.follow, a.host], [true, true, 'h']);
});
