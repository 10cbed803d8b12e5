import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideHostKey, type UnknownHostAnswer } from '../../../src/core/ssh/host-key-policy';
import type { StrictHostKeyChecking } from '../../../src/core/ssh/host-config';
import type { HostKeyVerdict } from '../../../src/core/ssh/host-key-verdict';

const fp = 'SHA256:abc';
const verdicts: Record<string, HostKeyVerdict> = {
  known: { kind: 'known', fingerprint: fp, at: { file: 'kh', line: 1 } },
  unknown: { kind: 'unknown', fingerprint: fp, keyType: 'ssh-ed25519', otherKnownTypes: [] },
  changed: { kind: 'changed', fingerprint: fp, expectedFingerprints: ['SHA256:old'], at: [{ file: 'kh', line: 2 }] },
  revoked: { kind: 'revoked', fingerprint: fp, at: { file: 'kh', line: 3 } },
};

async function decide(v: string, mode: StrictHostKeyChecking, answer?: UnknownHostAnswer) {
  let asked = 0;
  const d = await decideHostKey(verdicts[v], mode, 'h', 22, answer ? async () => { asked++; return answer; } : undefined);
  return { accept: d.accept, save: d.save, reason: d.error?.reason, asked };
}

test('the StrictHostKeyChecking table: changed and revoked are refused in every mode', async () => {
  for (const mode of ['yes', 'ask', 'accept-new', 'no'] as const) {
    assert.deepEqual(await decide('known', mode, 'reject'), { accept: true, save: false, reason: undefined, asked: 0 });
    assert.deepEqual(await decide('changed', mode, 'save'), { accept: false, save: false, reason: 'changed', asked: 0 });
    assert.deepEqual(await decide('revoked', mode, 'save'), { accept: false, save: false, reason: 'revoked', asked: 0 });
  }
  assert.deepEqual(await decide('unknown', 'yes', 'save'), { accept: false, save: false, reason: 'unknown-strict', asked: 0 });
  assert.deepEqual(await decide('unknown', 'accept-new', 'reject'), { accept: true, save: true, reason: undefined, asked: 0 });
  assert.deepEqual(await decide('unknown', 'no', 'reject'), { accept: true, save: true, reason: undefined, asked: 0 });
  assert.deepEqual(await decide('unknown', 'ask', 'once'), { accept: true, save: false, reason: undefined, asked: 1 });
  assert.deepEqual(await decide('unknown', 'ask', 'save'), { accept: true, save: true, reason: undefined, asked: 1 });
  assert.deepEqual(await decide('unknown', 'ask', 'reject'), { accept: false, save: false, reason: 'rejected-by-user', asked: 1 });
  assert.deepEqual(await decide('unknown', 'ask'), { accept: false, save: false, reason: 'unknown-strict', asked: 0 });
});
