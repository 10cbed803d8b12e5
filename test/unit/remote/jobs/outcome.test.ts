import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeOf } from '../../../../src/core/remote/jobs/job-run';

test('a job state and its log become an outcome with the §7 diagnosis', () => {
  const failed = outcomeOf({ id: 'j', status: 'failed', exitCode: 1, alive: false }, 'loading\ndcmi module initialize failed. ret is -8005\n', false);
  assert.equal(failed.status, 'failed');
  assert.equal(failed.exitCode, 1);
  assert.ok(failed.diagnosis.length >= 1);
  assert.equal(failed.diagnosis[0].line, 2);
  assert.equal(outcomeOf({ id: 'j', status: 'succeeded', exitCode: 0, alive: false }, '', false).status, 'succeeded');
  assert.equal(outcomeOf({ id: 'j', status: 'failed', exitCode: 143, alive: false }, '', true).status, 'cancelled');
  assert.equal(outcomeOf({ id: 'j', status: 'lost', alive: false }, '', false).status, 'failed');
});
