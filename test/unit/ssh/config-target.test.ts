/**
 * The target host must be a concrete alias of ~/.ssh/config, and a ProxyCommand is refused rather than
 * silently ignored (the connection would otherwise go direct).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveHost, resolveTarget } from '../../../src/core/ssh/host-config';
import { ConfigRefusedError } from '../../../src/core/ssh/config-target';

let home: string;
before(() => {
  home = mkdtempSync(join(tmpdir(), 'cfg-target-'));
  mkdirSync(join(home, '.ssh', 'conf.d'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'config'), [
    'Include conf.d/*',
    'Host kunpeng-01 kunpeng-02',
    '  HostName 10.0.0.5',
    'Host via-proxy',
    '  ProxyCommand nc %h %p',
    'Host no-proxy',
    '  ProxyCommand none',
    'Host 10.0.0.9',
    '  User x',
    'Host *.lab !bad.lab',
    '  User lab',
    'Host *',
    '  StrictHostKeyChecking accept-new',
    '',
  ].join('\n'));
  writeFileSync(join(home, '.ssh', 'conf.d', 'extra'), 'Host included-one\n  HostName 10.1.1.1\n');
});
after(() => rmSync(home, { recursive: true, force: true }));

const opts = (): { home: string; localUser: string } => ({ home, localUser: 'me' });
const refused = (reason: string, re: RegExp) => (e: unknown): boolean => e instanceof ConfigRefusedError && e.reason === reason && re.test(e.message);

test('names written on Host lines (also in Included files) are targets', () => {
  assert.equal(resolveTarget('kunpeng-02', opts()).hostName, '10.0.0.5');
  assert.equal(resolveTarget('included-one', opts()).hostName, '10.1.1.1');
  assert.equal(resolveTarget('no-proxy', opts()).hostName, 'no-proxy');
});

test('a name only "Host *" or a wildcard matches, and any address, is refused', () => {
  assert.throws(() => resolveTarget('evil.example.com', opts()), refused('not-an-alias', /not a Host alias of ~\/\.ssh\/config/));
  assert.throws(() => resolveTarget('a.lab', opts()), refused('not-an-alias', /wildcard/));
  for (const a of ['127.0.0.1', '10.0.0.9', '::1', '[::1]', 'root@kunpeng-01', 'kunpeng-01:2222']) {
    assert.throws(() => resolveTarget(a, opts()), refused('not-an-alias', /is an address|not a Host alias/), a);
  }
});

test('ProxyCommand is refused with a message, for targets and hops alike; "none" is fine', () => {
  assert.throws(() => resolveTarget('via-proxy', opts()), refused('proxy-command', /sets ProxyCommand for via-proxy.*ProxyJump/));
  assert.throws(() => resolveHost('via-proxy', opts()), ConfigRefusedError);
});
