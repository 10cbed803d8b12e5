import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveHost } from '../../../src/core/ssh/host-config';
import { listHostAliases } from '../../../src/core/ssh/host-aliases';
import { expandTokens, expandTilde } from '../../../src/core/ssh/config-tokens';
import { IncludeDepthError } from '../../../src/core/ssh/config-include';

/** A sandbox HOME with the given files under it (paths relative to HOME). */
function sandbox(files: Record<string, string>): { home: string; done: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'sshcfg-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(home, rel, '..'), { recursive: true });
    writeFileSync(join(home, rel), text);
  }
  return { home, done: () => rmSync(home, { recursive: true, force: true }) };
}

test('Host patterns, first value wins, defaults, and ~ / % expansion with the given HOME', () => {
  const s = sandbox({
    '.ssh/config': [
      'Host kunpeng-01',
      '  HostName 10.0.0.5',
      '  User ascend',
      '  Port 2201',
      '  IdentityFile ~/.ssh/id_%h_%r',
      '  IdentityFile %d/keys/%n-%p',
      'Host kunpeng-*',
      '  User ignored-because-first-wins',
      '  StrictHostKeyChecking accept-new',
      '  UserKnownHostsFile ~/.ssh/kh_a "~/.ssh/kh b"',
      'Host *',
      '  ProxyJump bastion',
      '  HashKnownHosts yes',
      '',
    ].join('\n'),
  });
  try {
    const h = resolveHost('kunpeng-01', { home: s.home, localUser: 'dev' });
    assert.equal(h.hostName, '10.0.0.5');
    assert.equal(h.user, 'ascend');
    assert.equal(h.port, 2201);
    assert.deepEqual(h.identityFiles, [join(s.home, '.ssh/id_10.0.0.5_ascend'), join(s.home, 'keys/kunpeng-01-2201')]);
    assert.equal(h.strictHostKeyChecking, 'accept-new');
    assert.deepEqual(h.userKnownHostsFiles, [join(s.home, '.ssh/kh_a'), join(s.home, '.ssh/kh b')]);
    assert.deepEqual(h.proxyJump, [{ host: 'bastion', user: undefined, port: undefined }]);
    assert.equal(h.hashKnownHosts, true);

    const other = resolveHost('other', { home: s.home, localUser: 'dev' });
    assert.equal(other.hostName, 'other');
    assert.equal(other.user, 'dev');
    assert.equal(other.port, 22);
    assert.equal(other.strictHostKeyChecking, 'ask');
    assert.deepEqual(other.userKnownHostsFiles, [join(s.home, '.ssh/known_hosts'), join(s.home, '.ssh/known_hosts2')]);
  } finally {
    s.done();
  }
});

test('negated patterns and ? match like OpenSSH (? is exactly one character)', () => {
  const s = sandbox({
    '.ssh/config': 'Host node? !node9\n  User n\nHost *\n  User star\n',
  });
  try {
    const u = (alias: string): string => resolveHost(alias, { home: s.home, localUser: 'dev' }).user;
    assert.equal(u('node1'), 'n');
    assert.equal(u('NODE2'), 'n');
    assert.equal(u('node9'), 'star');
    assert.equal(u('node'), 'star');
    assert.equal(u('node12'), 'star');
  } finally {
    s.done();
  }
});

test('Include: globs in sorted order, paths relative to ~/.ssh, absolute and ~ paths, only under a matching Host', () => {
  const s = sandbox({
    '.ssh/config': [
      'Include conf.d/*.conf',
      'Host gated',
      '  Include ~/.ssh/gated.inc',
      'Host *',
      '  Port 2000',
      '',
    ].join('\n'),
    '.ssh/conf.d/20-b.conf': 'Host a\n  User from-b\n  HostName b.example\n',
    '.ssh/conf.d/10-a.conf': 'Host a\n  User from-a\n',
    '.ssh/conf.d/.hidden.conf': 'Host a\n  Port 1\n',
    '.ssh/conf.d/readme.txt': 'Host a\n  Port 2\n',
    '.ssh/gated.inc': 'User gated-user\nHost inner\n  User inner-user\n',
  });
  try {
    const a = resolveHost('a', { home: s.home, localUser: 'dev' });
    assert.equal(a.user, 'from-a', '10-a.conf is read before 20-b.conf');
    assert.equal(a.hostName, 'b.example');
    assert.equal(a.port, 2000, 'dot-files and non-matching names are not included');
    assert.equal(resolveHost('gated', { home: s.home, localUser: 'dev' }).user, 'gated-user');
    // The Include under "Host gated" is not read for other hosts, not even its own Host blocks.
    assert.equal(resolveHost('inner', { home: s.home, localUser: 'dev' }).user, 'dev');
    assert.equal(resolveHost('x', { home: s.home, localUser: 'dev' }).user, 'dev');
  } finally {
    s.done();
  }
});

test('Include recursion stops at the depth limit instead of looping forever', () => {
  const s = sandbox({ '.ssh/config': 'Include config\nHost *\n  User u\n' });
  try {
    assert.throws(() => resolveHost('h', { home: s.home, localUser: 'dev' }), IncludeDepthError);
  } finally {
    s.done();
  }
});

test('a missing Include is skipped, and Match exec never runs', () => {
  const s = sandbox({
    '.ssh/config': `Include nope/*.conf missing.conf\nMatch exec "touch MARKER"\n  User exec-user\nMatch originalhost h1\n  User matched\n`,
  });
  try {
    const marker = join(s.home, 'MARKER');
    const h = resolveHost('h1', { home: s.home, localUser: 'dev' });
    assert.equal(h.user, 'matched');
    assert.equal(existsSync(marker), false);
  } finally {
    s.done();
  }
});

test('ProxyJump lists, users and ports', () => {
  const s = sandbox({ '.ssh/config': 'Host t\n  ProxyJump admin@jump1:2222,ssh://jump2,[::1]:22\n' });
  try {
    assert.deepEqual(resolveHost('t', { home: s.home, localUser: 'dev' }).proxyJump, [
      { host: 'jump1', user: 'admin', port: 2222 },
      { host: 'jump2', user: undefined, port: undefined },
      { host: '::1', user: undefined, port: 22 },
    ]);
  } finally {
    s.done();
  }
});

test('listHostAliases gives concrete aliases from the config and its Includes, once each', () => {
  const s = sandbox({
    '.ssh/config': 'Host kunpeng-01 kunpeng-02 *.lab !bad\n  User u\nInclude more\nHost kunpeng-01\n  Port 1\n',
    '.ssh/more': 'Host bastion\n  HostName 1.2.3.4\nHost gpu?\n',
  });
  try {
    assert.deepEqual(listHostAliases({ home: s.home }), ['kunpeng-01', 'kunpeng-02', 'bastion']);
  } finally {
    s.done();
  }
});

test('token and tilde expansion', () => {
  assert.equal(expandTilde('~/.ssh/x', '/sandbox/home'), '/sandbox/home/.ssh/x');
  assert.equal(expandTilde('~', '/h'), '/h');
  assert.equal(expandTilde('/abs/~', '/h'), '/abs/~');
  assert.equal(expandTokens('%%h=%h %p %r %u %n %C', { host: 'H', port: 22, remoteUser: 'R', localUser: 'U', alias: 'N' }), '%h=H 22 R U N %C');
});

test('agrees with OpenSSH itself (ssh -G) on a config with Includes, patterns and first-wins', () => {
  const s = sandbox({});
  try {
    const ssh = join(s.home, '.ssh');
    mkdirSync(join(ssh, 'conf.d'), { recursive: true });
    writeFileSync(join(ssh, 'conf.d', '1.conf'), 'Host db-*\n  User dbadmin\n  Port 2202\n');
    writeFileSync(join(ssh, 'conf.d', '2.conf'), 'Host db-* !db-legacy\n  HostName %h.internal\n  IdentityFile /keys/%r@%h\n');
    const config = join(ssh, 'config');
    writeFileSync(config, [
      `Include ${join(ssh, 'conf.d')}/*.conf`,
      'Host db-legacy',
      '  StrictHostKeyChecking no',
      'Host *',
      '  User fallback',
      '  ProxyJump jumper',
      '  StrictHostKeyChecking accept-new',
      `  UserKnownHostsFile /kh/%h %d/x`,
      '',
    ].join('\n'));
    for (const alias of ['db-main', 'db-legacy', 'web']) {
      const r = spawnSync('ssh', ['-G', '-F', config, alias], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const g = new Map<string, string[]>();
      for (const line of r.stdout.split('\n')) {
        const [k, ...rest] = line.split(' ');
        if (k) g.set(k, [...(g.get(k) ?? []), rest.join(' ')]);
      }
      // OpenSSH expands %d from the real passwd entry; give ours the same home for this comparison.
      const realHome = g.get('userknownhostsfile')![0].split(' ')[1].replace(/\/x$/, '');
      const h = resolveHost(alias, { home: realHome, localUser: 'dev', configPath: config });
      assert.equal(h.hostName, g.get('hostname')![0], `${alias} hostname`);
      assert.equal(h.user, g.get('user')![0], `${alias} user`);
      assert.equal(String(h.port), g.get('port')![0], `${alias} port`);
      assert.equal(h.proxyJump.map((j) => j.host).join(','), g.get('proxyjump')![0], `${alias} proxyjump`);
      assert.equal(h.userKnownHostsFiles.join(' '), g.get('userknownhostsfile')![0], `${alias} known hosts`);
      const sshStrict = g.get('stricthostkeychecking')![0];
      assert.equal(h.strictHostKeyChecking, { true: 'yes', false: 'no', 'accept-new': 'accept-new', ask: 'ask' }[sshStrict], `${alias} strict`);
      // ssh -G prints IdentityFile before token expansion (ssh expands it when loading keys).
      if (alias === 'db-main') {
        assert.deepEqual(g.get('identityfile'), ['/keys/%r@%h']);
        assert.deepEqual(h.identityFiles, ['/keys/dbadmin@db-main.internal']);
      }
    }
  } finally {
    s.done();
  }
});
