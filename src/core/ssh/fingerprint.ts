/**
 * Host key fingerprints exactly as OpenSSH prints them: `SHA256:` followed by the base64 of the SHA-256 of the
 * key blob, without `=` padding (ssh-keygen -l, "ED25519 key fingerprint is SHA256:...").
 */
import { createHash } from 'node:crypto';

export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named at the start of an SSH public key blob (e.g. "ssh-ed25519"), or "" if malformed. */
export function keyTypeOfBlob(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return '';
  const len = keyBlob.readUInt32BE(0);
  if (len > keyBlob.length - 4 || len > 64) return '';
  return keyBlob.subarray(4, 4 + len).toString('latin1');
}
