/** What completion may read: enabled languages only, and never secret files as context for another prompt. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretFile, languageEnabled, mayShareAsContext } from '../../../src/core/completion/context-policy';

test('languages: the language entry, else "*", else on; a key named like an Object method is just a key', () => {
  assert.equal(languageEnabled({ '*': true, plaintext: false }, 'plaintext'), false);
  assert.equal(languageEnabled({ '*': true, plaintext: false }, 'python'), true);
  assert.equal(languageEnabled({ '*': false, python: true }, 'go'), false);
  assert.equal(languageEnabled({}, 'go'), true);
  assert.equal(languageEnabled({ '*': false }, 'constructor'), false);
});

test('secret files: .env, ssh config and keys, certificates, credentials, anywhere in the tree', () => {
  for (const p of ['/w/.env', '/w/app/.env.local', 'prod.env', '/home/u/.ssh/config', 'C:\\Users\\u\\.ssh\\known_hosts', '/w/deploy/ssh_config',
    '/w/certs/server.pem', '/w/tls/site.key', '/home/u/id_ed25519', '/home/u/keys/id_rsa.pub', '/w/.npmrc', '/home/u/.aws/credentials',
    '/w/.kube/config', '/w/secrets.yaml', '/w/.git-credentials']) {
    assert.equal(isSecretFile(p), true, p);
  }
  for (const p of ['/w/src/main.py', '/w/environment.py', '/w/docs/ssh.md', '/w/keyboard.ts', '/w/src/config.ts', '/w/ascend-deploy.yaml', '/w/identity.go']) {
    assert.equal(isSecretFile(p), false, p);
  }
});

test('a hostile pattern-like name does not slow matching (linear scan, no regex)', () => {
  const name = `${'a'.repeat(5000)}b`;
  assert.equal(isSecretFile(`/w/${name}`, ['*a*a*a*a*a*a*a*a*a*c']), false);
});

test('context: an enabled language and not a secret file', () => {
  const langs = { '*': true, dotenv: true, plaintext: false };
  assert.equal(mayShareAsContext({ languageId: 'python', path: '/w/util.py' }, langs), true);
  assert.equal(mayShareAsContext({ languageId: 'plaintext', path: '/w/notes.txt' }, langs), false);
  assert.equal(mayShareAsContext({ languageId: 'dotenv', path: '/w/.env' }, langs), false);
  assert.equal(mayShareAsContext({ languageId: 'ssh_config', path: '/home/u/.ssh/config' }, langs), false);
});
