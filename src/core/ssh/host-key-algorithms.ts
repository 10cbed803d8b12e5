/**
 * The host key algorithms to offer, with the types already in known_hosts first (as ssh orders them), so a
 * host we know by its ed25519 key is not asked for an ecdsa key we have never seen.
 */
const DEFAULT_ORDER = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/** Key types (as written in known_hosts) -> the algorithms that present such a key. */
function algorithmsFor(keyType: string): string[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return DEFAULT_ORDER.includes(keyType) ? [keyType] : [];
}

export function hostKeyAlgorithms(knownTypes: readonly string[]): string[] {
  const first = knownTypes.flatMap(algorithmsFor);
  return [...new Set([...first, ...DEFAULT_ORDER])];
}
