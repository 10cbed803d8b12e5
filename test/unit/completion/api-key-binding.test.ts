/**
 * The API key is bound to the endpoint it was stored for: stored for origin A, it is never given to origin B, and
 * a client for B sends no Authorization header (checked at a real HTTP server).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  API_KEYS_SECRET, LEGACY_API_KEY_SECRET, deploymentIdentity, keyFor, migrateUnboundKey, setKeyFor, urlIdentity,
} from '../../../src/core/completion/api-key-binding';
import type { SecretStoreLike } from '../../../src/core/completion/api-key-binding';
import { VllmClient } from '../../../src/core/completion/vllm-client';

function memoryStore(initial: Record<string, string> = {}): SecretStoreLike & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: async (k) => data.get(k),
    store: async (k, v) => { data.set(k, v); },
    delete: async (k) => { data.delete(k); },
  };
}

test('identities: a URL by its origin; a deployment by host, name and host port', () => {
  assert.equal(urlIdentity('http://127.0.0.1:8000/v1'), 'http://127.0.0.1:8000');
  assert.equal(urlIdentity('HTTPS://Models.Example:443/'), 'https://models.example');
  assert.notEqual(urlIdentity('http://a.example:8000'), urlIdentity('http://a.example:8001'));
  assert.notEqual(urlIdentity('http://a.example'), urlIdentity('https://a.example'));
  assert.equal(deploymentIdentity('kunpeng-01', 'coder', 8000), 'ssh://kunpeng-01/coder:8000');
});

test('a key stored for origin A is returned for A only, never for B', async () => {
  const store = memoryStore();
  await setKeyFor(store, urlIdentity('https://a.example:8443'), 'key-a');
  assert.equal(await keyFor(store, urlIdentity('https://a.example:8443/v1')), 'key-a');
  assert.equal(await keyFor(store, urlIdentity('https://b.example:8443')), undefined);
  assert.equal(await keyFor(store, urlIdentity('http://a.example:8443')), undefined, 'another scheme is another origin');
  assert.equal(await keyFor(store, 'constructor'), undefined);
  // Another key for B keeps A's; an empty one removes only B's.
  await setKeyFor(store, urlIdentity('https://b.example:8443'), 'key-b');
  await setKeyFor(store, urlIdentity('https://b.example:8443'), '');
  assert.equal(await keyFor(store, urlIdentity('https://a.example:8443')), 'key-a');
  assert.equal(await keyFor(store, urlIdentity('https://b.example:8443')), undefined);
});

test('the server a workspace setting names (origin B) sees no Authorization header when the key was stored for A', async (t) => {
  const seen: Array<string | undefined> = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ id: 'm' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const b = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const store = memoryStore();
  await setKeyFor(store, urlIdentity('http://127.0.0.1:1'), 'secret-for-a');
  const client = new VllmClient({ baseUrl: b, apiKey: await keyFor(store, urlIdentity(b)) });
  t.after(() => client.dispose());
  await client.listModels();
  assert.deepEqual(seen, [undefined]);
  // Stored for B itself, it is sent.
  await setKeyFor(store, urlIdentity(b), 'secret-for-b');
  const withKey = new VllmClient({ baseUrl: b, apiKey: await keyFor(store, urlIdentity(b)) });
  t.after(() => withKey.dispose());
  await withKey.listModels();
  assert.deepEqual(seen, [undefined, 'Bearer secret-for-b']);
});

test('a key of an earlier version is bound once to the user-level endpoint, or never used', async () => {
  const unbound = memoryStore({ [LEGACY_API_KEY_SECRET]: 'old' });
  await migrateUnboundKey(unbound, undefined);
  assert.equal(unbound.data.get(LEGACY_API_KEY_SECRET), 'old', 'kept, unused, without a user-level endpoint');
  assert.equal(unbound.data.get(API_KEYS_SECRET), undefined);
  await migrateUnboundKey(unbound, 'http://models.internal:8000/v1');
  assert.equal(await keyFor(unbound, 'http://models.internal:8000'), 'old');
  assert.equal(unbound.data.has(LEGACY_API_KEY_SECRET), false);
});
