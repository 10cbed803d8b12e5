/**
 * The one place that turns ssh2's failures into the typed errors of host-command/host-errors.ts: the runner
 * tells a lost link from anything else by type, so this is the only code that reads ssh2's message texts.
 */
import { t } from '../l10n/index';
import { AuthError, CancelledError, HostKeyError, LinkLostError } from '../host-command/host-errors';

/** ssh2 and socket messages that mean the transport failed (not that a command ran and failed). */
const LINK_MESSAGE = /Not connected|No response from server|Keepalive timeout|Timed out while waiting for handshake|connection (?:closed|lost|reset)|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up/i;

/** `e` as a typed error when it is a transport failure; other errors (a command's own) are returned as they are. */
export function toHostError(e: unknown): Error {
  if (e instanceof LinkLostError || e instanceof AuthError || e instanceof HostKeyError || e instanceof CancelledError) return e;
  const err = e instanceof Error ? e : new Error(String(e));
  if (LINK_MESSAGE.test(err.message)) return new LinkLostError(err.message, { cause: err });
  return err;
}

/** The message a channel that closed without an exit status ends with (the connection went under it). */
export function channelLost(): LinkLostError {
  return new LinkLostError(t('connection lost'));
}
