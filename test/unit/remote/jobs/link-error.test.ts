import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLinkError } from '../../../../src/core/remote/deploy/deploy-steps-run';
import { ConnectError } from '../../../../src/core/ssh/ssh-errors';

test('transport failures are told apart from commands that ran and failed', () => {
  for (const m of ['Not connected', 'No response from server', 'Keepalive timeout', 'connect ECONNREFUSED 127.0.0.1:22', 'read ECONNRESET', 'Timed out while waiting for handshake', 'connect ENETUNREACH 10.0.0.2:22']) {
    assert.equal(isLinkError(new Error(m)), true, m);
  }
  assert.equal(isLinkError(new ConnectError('h', 22, new Error('boom'))), true);
  for (const m of ['write .ascend-llm/deployments/coder.json: No space left on device', 'connection pool disposed', 'cancelled']) {
    assert.equal(isLinkError(new Error(m)), false, m);
  }
});
