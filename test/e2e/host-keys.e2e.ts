import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { step } from './harness/session';
import { withVSCodeAndHost } from './harness/with-host';

const descriptor = (alias: string) => `version: 1
name: coder
target: { host: ${alias}, chip: 910B4, vllmAscend: v0.23.0 }
model: { id: deepseek-ai/deepseek-coder-1.3b-base }
image: { tag: quay.io/ascend/vllm-ascend:v0.23.0 }
`;

/** `SHA256:…` of a public key line, as `ssh-keygen -lf` prints it. */
function fingerprintOf(pubLine: string, dir: string): string {
  const file = join(dir, `fp-${Date.now()}.pub`);
  writeFileSync(file, `${pubLine}\n`);
  return execFileSync('ssh-keygen', ['-lf', file], { encoding: 'utf8' }).split(' ')[1];
}

/** Auth attempts sshd logged (VERBOSE logs every accepted or failed key). */
const authLines = (log: string): string[] => log.split('\n').filter((l) => /Accepted publickey|Failed publickey|Postponed publickey/.test(l));

test('host keys in VS Code: unknown asks with the fingerprint and is saved; changed is refused before auth', async (t) => {
  await withVSCodeAndHost({ name: 'host-keys', files: { 'README.md': '# keys\n' } }, async (s) => {
    const { wb, host, server } = s;
    writeFileSync(join(server.workspace, 'ascend-deploy.yaml'), descriptor(host.alias));
    // The user's ~/.ssh: known_hosts empty, and the config asks (OpenSSH's default) instead of refusing.
    const sshDir = join(server.home, '.ssh');
    const knownHosts = join(sshDir, 'known_hosts');
    writeFileSync(knownHosts, '');
    const config = join(sshDir, 'config');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/StrictHostKeyChecking yes/, 'StrictHostKeyChecking ask'));
    const realKey = host.knownHostsLine.split(' ').slice(1).join(' ');
    const realFp = fingerprintOf(realKey, sshDir);

    await step(t, s, 'an unknown key opens a modal with its SHA256 fingerprint; Accept and Save writes known_hosts', async () => {
      await wb.runCommand('Ascend: Check Host');
      const dialog = wb.page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 30_000 });
      const text = (await dialog.textContent()) ?? '';
      assert.match(text, /can't be established/);
      assert.ok(text.includes(realFp), `dialog lacks ${realFp}: ${text}`);
      assert.deepEqual(authLines(readFileSync(host.sshdLogPath, 'utf8')), [], 'authenticated before the key was accepted');
      await dialog.locator('.dialog-buttons a.monaco-button', { hasText: 'Accept and Save' }).click();
      await wb.waitForNotification(/Host kunpeng-01: \d+ passed/, 60_000);
      // The detector sees real authentications (so its silence in the next step means something).
      assert.ok(authLines(readFileSync(host.sshdLogPath, 'utf8')).length > 0, 'sshd logged no authentication');
      const saved = readFileSync(knownHosts, 'utf8');
      assert.ok(saved.includes(realKey), `known_hosts: ${saved}`);
    });

    await step(t, s, 'a changed key is refused with both fingerprints, and sshd sees no authentication', async () => {
      // Another key for the same host in known_hosts: what a reinstalled (or impersonated) host looks like.
      const other = join(sshDir, 'other_host_key');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
      const otherKey = readFileSync(`${other}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
      const pattern = host.knownHostsLine.split(' ')[0];
      writeFileSync(knownHosts, `${pattern} ${otherKey}\n`);
      const authBefore = authLines(readFileSync(host.sshdLogPath, 'utf8')).length;
      // The pooled connection from the first step stays up; ask the palette to drop it by reloading the window.
      await wb.runCommand('Developer: Reload Window');
      await wb.ready();
      await wb.runCommand('Ascend: Check Host');
      const refused = await wb.waitForNotification(/CHANGED/, 60_000);
      assert.ok(refused.includes(realFp), refused);
      assert.ok(refused.includes(fingerprintOf(otherKey, sshDir)), refused);
      await wb.page.waitForTimeout(1000); // sshd writes its log lines as the session ends
      const after = authLines(readFileSync(host.sshdLogPath, 'utf8')).length;
      assert.equal(after, authBefore, 'sshd logged an authentication attempt after the changed key');
    });
  });
});
