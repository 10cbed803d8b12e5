/**
 * Turns a known_hosts verdict and StrictHostKeyChecking into accept / refuse, asking the user only where ssh
 * would ask. Runs inside hostVerifier, so it decides before any authentication happens.
 *
 * | verdict | yes | ask | accept-new | no |
 * |---|---|---|---|---|
 * | known | accept | accept | accept | accept |
 * | unknown | refuse | ask | accept + save | accept + save |
 * | changed | refuse | refuse | refuse | refuse |
 * | revoked | refuse | refuse | refuse | refuse |
 *
 * "changed" is refused even with `no`: ssh then only drops password/keyboard-interactive auth, but we would
 * rather not talk to a host that may be someone else.
 */
import type { StrictHostKeyChecking } from './host-config';
import type { HostKeyVerdict } from './host-key-verdict';
import { HostKeyRefusedError } from './ssh-errors';

export type UnknownHostAnswer = 'once' | 'save' | 'reject';

export interface UnknownHostInfo {
  host: string;
  port: number;
  fingerprint: string;
  keyType: string;
  otherKnownTypes: string[];
}

export type OnUnknownHost = (info: UnknownHostInfo) => Promise<UnknownHostAnswer>;

export interface HostKeyDecision {
  accept: boolean;
  save: boolean;
  error?: HostKeyRefusedError;
}

export async function decideHostKey(
  verdict: HostKeyVerdict,
  mode: StrictHostKeyChecking,
  host: string,
  port: number,
  onUnknownHost: OnUnknownHost | undefined,
): Promise<HostKeyDecision> {
  const refuse = (reason: HostKeyRefusedError['reason']): HostKeyDecision =>
    ({ accept: false, save: false, error: new HostKeyRefusedError(reason, host, port, verdict) });
  switch (verdict.kind) {
    case 'known': return { accept: true, save: false };
    case 'changed': return refuse('changed');
    case 'revoked': return refuse('revoked');
    case 'unknown':
      if (mode === 'yes') return refuse('unknown-strict');
      if (mode === 'accept-new' || mode === 'no') return { accept: true, save: true };
      if (!onUnknownHost) return refuse('unknown-strict');
      {
        const answer = await onUnknownHost({ host, port, fingerprint: verdict.fingerprint, keyType: verdict.keyType, otherKnownTypes: verdict.otherKnownTypes });
        if (answer === 'reject') return refuse('rejected-by-user');
        return { accept: true, save: answer === 'save' };
      }
  }
}
