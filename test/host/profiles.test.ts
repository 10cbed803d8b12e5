// Profile tables on both sides agree; the network namespace host (root only) can have its link cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PROFILE_FACTS } from './profile-facts.js';
import { startSimHost } from './index.js';
import { sshRun } from './ssh-run.js';

interface ShimProfile { driver: string; firmware: string; cann: string; chips: Array<{ logicId: number }>; source: string }

test('profile-facts.ts agrees with the shims\' profiles, and each profile says where its layout comes from', async () => {
  const mod = (await import(join(__dirname, 'shims', 'lib', 'profiles.mjs'))) as { PROFILES: Record<string, ShimProfile> };
  assert.deepEqual(Object.keys(mod.PROFILES).sort(), Object.keys(PROFILE_FACTS).sort());
  for (const [name, f] of Object.entries(PROFILE_FACTS)) {
    const p = mod.PROFILES[name];
    assert.deepEqual([p.driver, p.firmware, p.cann, p.chips.length], [f.driver, f.firmware, f.cann, f.logicCount], name);
    assert.match(p.source, /^(fixture|description)/, name);
  }
});

test('netns host: reachable on its own address, unreachable when the link is cut', { skip: process.getuid?.() !== 0 && 'needs root' }, async () => {
  const h = await startSimHost({ netns: true });
  try {
    assert.notEqual(h.host, '127.0.0.1');
    const ok = await sshRun(h, 'uname -m');
    assert.equal(ok.stdout.trim(), 'aarch64');
    h.netns?.cut(true);
    const cut = await sshRun(h, 'true', ['-o', 'ConnectTimeout=1']);
    assert.equal(cut.code, 255);
    h.netns?.cut(false);
    assert.equal((await sshRun(h, 'true')).code, 0);
  } finally { await h.stop(); }
});
