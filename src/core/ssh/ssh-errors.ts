/**
 * Errors a connection can end with, each with a localized message. HostKeyRefusedError means nothing was
 * sent: the key was refused inside hostVerifier, before any authentication (the CLI exits 3 for it).
 * Each is one of the transport-neutral types of host-command/host-errors.ts, which is what the runner reads.
 */
import { t } from '../l10n/index';
import { AuthError, HostKeyError, LinkLostError } from '../host-command/host-errors';
import type { HostKeyVerdict } from './host-key-verdict';

export type HostKeyRefusal = 'changed' | 'revoked' | 'unknown-strict' | 'rejected-by-user';

export class HostKeyRefusedError extends HostKeyError {
  constructor(readonly reason: HostKeyRefusal, readonly host: string, readonly port: number, readonly verdict: HostKeyVerdict) {
    super(hostKeyMessage(reason, host, port, verdict));
    this.name = 'HostKeyRefusedError';
  }
}

function hostKeyMessage(reason: HostKeyRefusal, host: string, port: number, v: HostKeyVerdict): string {
  const where = port === 22 ? host : `${host}:${port}`;
  switch (reason) {
    case 'changed': {
      const expected = v.kind === 'changed' ? v.expectedFingerprints.join(', ') : '';
      const file = v.kind === 'changed' ? v.at.map((a) => `${a.file}:${a.line}`).join(', ') : '';
      return t('The host key of {0} has CHANGED. Connection refused and nothing was sent. Expected {1} (from {2}), got {3}. If the host was really reinstalled, remove the old line from known_hosts.', where, expected, file, v.fingerprint);
    }
    case 'revoked':
      return t('The host key of {0} ({1}) is marked @revoked in known_hosts. Connection refused.', where, v.fingerprint);
    case 'unknown-strict':
      return t('The host key of {0} is not in known_hosts and StrictHostKeyChecking forbids adding it. Its fingerprint is {1}. Verify it and add it (for example with ssh-keyscan) before connecting.', where, v.fingerprint);
    case 'rejected-by-user':
      return t('The host key of {0} ({1}) was not accepted.', where, v.fingerprint);
  }
}

export class AuthFailedError extends AuthError {
  constructor(readonly host: string, readonly user: string, readonly tried: string[]) {
    super(t('Authentication to {0} as {1} failed (tried: {2}). Load your key into ssh-agent or set IdentityFile in ~/.ssh/config.', host, user, tried.join(', ') || t('nothing')));
    this.name = 'AuthFailedError';
  }
}

export class ConnectError extends LinkLostError {
  constructor(readonly host: string, readonly port: number, cause: Error) {
    super(t('Cannot connect to {0}:{1}: {2}', host, String(port), cause.message), { cause });
    this.name = 'ConnectError';
  }
}
