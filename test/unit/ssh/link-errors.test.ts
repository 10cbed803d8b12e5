import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHostError } from '../../../src/core/ssh/link-errors';
import { AuthFailedError, ConnectError, HostKeyRefusedError } from '../../../src/core/ssh/ssh-errors';
import { AuthError, CancelledError, HostKeyError, LinkLostError } from '../../../src/core/host-command/host-errors';

test('ssh2 transport failures become LinkLostError; a command that ran and failed stays what it was', () => {
  for (const m of ['Not connected', 'No response from server', 'Keepalive timeout', 'connect ECONNREFUSED 127.0.0.1:22', 'read ECONNRESET', 'Timed out while waiting for handshake', 'connect ENETUNREACH 10.0.0.2:22']) {
    const e = toHostError(new Error(m));
    assert.ok(e instanceof LinkLostError, m);
    assert.equal((e as LinkLostError).permanent, false, m);
    assert.equal(e.message, m);
  }
  for (const m of ['write .ascend-llm/deployments/coder.json: No space left on device', 'cancelled', 'job exists']) {
    const e = new Error(m);
    assert.equal(toHostError(e), e, m);
  }
});

test('the ssh errors are the typed host errors the runner reads', () => {
  assert.ok(new ConnectError('h', 22, new Error('boom')) instanceof LinkLostError);
  assert.ok(new AuthFailedError('h', 'u', ['agent']) instanceof AuthError);
  const verdict = { kind: 'unknown', fingerprint: 'SHA256:x' } as unknown as ConstructorParameters<typeof HostKeyRefusedError>[3];
  assert.ok(new HostKeyRefusedError('unknown-strict', 'h', 22, verdict) instanceof HostKeyError);
  const c = new CancelledError();
  assert.equal(toHostError(c), c);
});
