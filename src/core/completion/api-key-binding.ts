/**
 * The completion API key is bound to the endpoint it was stored for: SecretStorage holds one JSON map from an
 * endpoint identity to its key, and a key is only ever handed to a client for that same identity. A workspace
 * that names another `ascend.completion.endpoint` therefore gets no key (its server sees no Authorization header).
 * Identities: a configured URL by its origin (scheme, host, port: `https://a.example:8443`), a deployment reached
 * through the SSH forward by host alias, deployment name and host port (`ssh://kunpeng-01/coder:8000`), never by the
 * forward's local port, which changes per session.
 */
export interface SecretStoreLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** The map of bound keys. */
export const API_KEYS_SECRET = 'ascend.completion.apiKeys';
/** The key of earlier versions, bound to nothing; read only to bind it once (see migrateUnboundKey). */
export const LEGACY_API_KEY_SECRET = 'ascend.completion.apiKey';

/** A configured endpoint URL's identity: its origin, lower-cased, default ports dropped (WHATWG URL). */
export function urlIdentity(url: string): string {
  return new URL(url.trim()).origin.toLowerCase();
}

export function deploymentIdentity(hostAlias: string, deployment: string, hostPort: number): string {
  return `ssh://${hostAlias}/${deployment}:${hostPort}`;
}

async function readMap(store: SecretStoreLike): Promise<Record<string, string>> {
  const raw = await store.get(API_KEYS_SECRET);
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' && v) out[k] = v;
    return out;
  } catch {
    return {};
  }
}

/** The key stored for exactly this identity, or undefined. */
export async function keyFor(store: SecretStoreLike, identity: string): Promise<string | undefined> {
  const map = await readMap(store);
  return Object.hasOwn(map, identity) ? map[identity] : undefined;
}

/** Stores (or with an empty key removes) the key for one identity; other identities' keys are kept. */
export async function setKeyFor(store: SecretStoreLike, identity: string, key: string): Promise<void> {
  const map = await readMap(store);
  if (key) map[identity] = key;
  else delete map[identity];
  await store.store(API_KEYS_SECRET, JSON.stringify(map));
}

/**
 * A key stored by an earlier version (bound to nothing) is bound once to the endpoint the user set in their own
 * (user-level) settings, which is where it was meant for; without one it stays unused, and is never sent.
 */
export async function migrateUnboundKey(store: SecretStoreLike, userEndpoint: string | undefined): Promise<void> {
  const legacy = await store.get(LEGACY_API_KEY_SECRET);
  if (!legacy) return;
  let identity: string | undefined;
  try {
    identity = userEndpoint?.trim() ? urlIdentity(userEndpoint) : undefined;
  } catch {
    identity = undefined;
  }
  if (!identity) return;
  if ((await keyFor(store, identity)) === undefined) await setKeyFor(store, identity, legacy);
  await store.delete(LEGACY_API_KEY_SECRET);
}
