import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Fingerprint } from '../../../src/core/ssh/fingerprint';
import { checkHostKey } from '../../../src/core/ssh/host-key-verdict';
import { appendKnownHost, formatKnownHostsLine } from '../../../src/core/ssh/known-hosts-append';
import { blobOfPublicLine, generateKey, makeTempDir } from './real-sshd';

let dir = '';
const keys: Record<string, { line: string; blob: Buffer }> = {};

before(() => {
  dir = makeTempDir('knownhosts-');
  for (const [name, type] of [['a', 'ed25519'], ['b', 'ed25519'], ['c', 'ecdsa'], ['r', 'rsa']]) {
    const [, pub] = generateKey(join(dir, name), '', type);
    keys[name] = { line: pub.split(/\s+/).slice(0, 2).join(' '), blob: blobOfPublicLine(pub) };
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

test('SHA256 fingerprints are formatted exactly like ssh-keygen -l', () => {
  for (const name of ['a', 'c', 'r']) {
    const out = spawnSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, `${name}.pub`)], { encoding: 'utf8' }).stdout;
    assert.equal(sha256Fingerprint(keys[name].blob), out.split(' ')[1]);
  }
});

test('plain entries: exact name, [host]:port for other ports, wildcards and negation', () => {
  const f = file('plain', [
    '# comment',
    `kunpeng-01,10.0.0.5 ${keys.a.line}`,
    `[10.0.0.5]:2222 ${keys.b.line}`,
    `*.lab,!secret.lab ${keys.c.line}`,
  ]);
  const v = (host: string, port: number, k: string): string => checkHostKey({ host, port, keyBlob: keys[k].blob, files: [f] }).kind;
  assert.equal(v('kunpeng-01', 22, 'a'), 'known');
  assert.equal(v('KUNPENG-01', 22, 'a'), 'known');
  assert.equal(v('10.0.0.5', 2222, 'b'), 'known');
  assert.equal(v('10.0.0.5', 2222, 'a'), 'changed', 'the port-2222 entry has another ed25519 key');
  assert.equal(v('10.0.0.5', 22, 'b'), 'changed');
  assert.equal(v('x.lab', 22, 'c'), 'known');
  assert.equal(v('secret.lab', 22, 'c'), 'unknown', 'negated pattern');
  assert.equal(v('elsewhere', 22, 'a'), 'unknown');
});

test('hashed entries written by ssh-keygen -H are matched by HMAC-SHA1', () => {
  const f = file('hashed', [`kunpeng-01 ${keys.a.line}`, `[127.0.0.1]:2200 ${keys.c.line}`]);
  const r = spawnSync('ssh-keygen', ['-H', '-f', f], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const text = readFileSync(f, 'utf8');
  assert.ok(!text.includes('kunpeng-01') && text.startsWith('|1|'), 'file is hashed');
  assert.equal(checkHostKey({ host: 'kunpeng-01', port: 22, keyBlob: keys.a.blob, files: [f] }).kind, 'known');
  assert.equal(checkHostKey({ host: '127.0.0.1', port: 2200, keyBlob: keys.c.blob, files: [f] }).kind, 'known');
  assert.equal(checkHostKey({ host: '127.0.0.1', port: 2201, keyBlob: keys.c.blob, files: [f] }).kind, 'unknown');
  const changed = checkHostKey({ host: 'kunpeng-01', port: 22, keyBlob: keys.b.blob, files: [f] });
  assert.equal(changed.kind, 'changed');
  if (changed.kind === 'changed') {
    assert.deepEqual(changed.expectedFingerprints, [sha256Fingerprint(keys.a.blob)]);
    assert.equal(changed.fingerprint, sha256Fingerprint(keys.b.blob));
    assert.deepEqual(changed.at, [{ file: f, line: 1 }]);
  }
});

test('@revoked wins over a plain entry; @cert-authority lines never vouch for a key', () => {
  const f = file('marked', [
    `kunpeng-01 ${keys.a.line}`,
    `@revoked * ${keys.a.line}`,
    `@cert-authority kunpeng-02 ${keys.b.line}`,
  ]);
  assert.equal(checkHostKey({ host: 'kunpeng-01', port: 22, keyBlob: keys.a.blob, files: [f] }).kind, 'revoked');
  assert.equal(checkHostKey({ host: 'kunpeng-02', port: 22, keyBlob: keys.b.blob, files: [f] }).kind, 'unknown');
});

test('several files are read in order; a key of another type is unknown, with the known types listed', () => {
  const f1 = file('one', [`other ${keys.a.line}`]);
  const f2 = file('two', [`kunpeng-01 ${keys.a.line}`]);
  assert.equal(checkHostKey({ host: 'kunpeng-01', port: 22, keyBlob: keys.a.blob, files: [join(dir, 'missing'), f1, f2] }).kind, 'known');
  const v = checkHostKey({ host: 'kunpeng-01', port: 22, keyBlob: keys.r.blob, files: [f1, f2] });
  assert.equal(v.kind, 'unknown');
  if (v.kind === 'unknown') {
    assert.deepEqual(v.otherKnownTypes, ['ssh-ed25519']);
    assert.equal(v.keyType, 'ssh-rsa');
  }
});

test('appended lines (plain and hashed) are found by OpenSSH itself (ssh-keygen -F) and by us', () => {
  const f = join(dir, 'sub', 'known_hosts');
  writeFileSync(join(dir, 'nonl'), 'x');
  appendKnownHost(f, formatKnownHostsLine('127.0.0.1', 2222, keys.a.blob, true));
  appendKnownHost(f, formatKnownHostsLine('kunpeng-01', 22, keys.c.blob, false));
  for (const [name, key] of [['[127.0.0.1]:2222', 'a'], ['kunpeng-01', 'c']]) {
    const r = spawnSync('ssh-keygen', ['-F', name, '-f', f], { encoding: 'utf8' });
    assert.equal(r.status, 0, `ssh-keygen -F ${name}: ${r.stdout}${r.stderr}`);
    assert.ok(r.stdout.includes(keys[key].line.split(' ')[1]));
  }
  assert.equal(checkHostKey({ host: '127.0.0.1', port: 2222, keyBlob: keys.a.blob, files: [f] }).kind, 'known');
  assert.ok(readFileSync(f, 'utf8').startsWith('|1|'));
  // A file without a final newline gets one before the new line.
  appendKnownHost(join(dir, 'nonl'), formatKnownHostsLine('h', 22, keys.a.blob, false));
  assert.equal(readFileSync(join(dir, 'nonl'), 'utf8').split('\n')[1].split(' ')[0], 'h');
});
