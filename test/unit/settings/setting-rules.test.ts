import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { effectiveSetting, reloadsForChange, reloadsOnTrust, RESTRICTED_SETTINGS } from '../../../src/core/settings/setting-rules';

const root = join(__dirname, '../../..');

test('the restricted settings are exactly package.json\'s restrictedConfigurations', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } } };
  assert.deepEqual([...RESTRICTED_SETTINGS].sort(), [...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort());
});

test('untrusted: a restricted setting takes the user\'s value, never the workspace\'s merged one', () => {
  const merged = () => ({ evil: {} }); // what VS Code merges when the workspace sets it
  assert.deepEqual(effectiveSetting('ascend.hosts', false, merged, () => ({ globalValue: { mine: {} }, defaultValue: {} }), {}), { mine: {} });
  assert.deepEqual(effectiveSetting('ascend.hosts', false, merged, () => ({ defaultValue: {} }), { x: 1 }), {});
  assert.equal(effectiveSetting('ascend.completion.endpoint', false, () => 'http://evil:1', () => undefined, ''), '');
});

test('trusted, or a setting that is not restricted: VS Code\'s merged value, else the fallback', () => {
  assert.deepEqual(effectiveSetting<Record<string, object>>('ascend.hosts', true, () => ({ ws: {} }), () => ({ globalValue: { mine: {} } }), {}), { ws: {} });
  assert.equal(effectiveSetting('ascend.monitor.intervalMs', false, () => 500, () => ({ globalValue: 2000 }), 1000), 500);
  assert.equal(effectiveSetting('ascend.monitor.intervalMs', true, () => undefined, () => undefined, 1000), 1000);
});

const table = { monitor: ['ascend.monitor'], hosts: ['ascend.hosts'], both: ['ascend.monitor.statusBar', 'ascend.images.mirror'] } as const;

test('a change reloads the features whose sections it affects, and only those', () => {
  const affects = (changed: string[]) => (section: string) => changed.some((c) => c === section || c.startsWith(`${section}.`) || section.startsWith(`${c}.`));
  assert.deepEqual(reloadsForChange(table, affects(['ascend.monitor.intervalMs'])), ['monitor']);
  assert.deepEqual(reloadsForChange(table, affects(['ascend.monitor.statusBar'])), ['monitor', 'both']);
  assert.deepEqual(reloadsForChange(table, affects(['ascend.hosts'])), ['hosts']);
  assert.deepEqual(reloadsForChange(table, affects(['ascend.completion.enabled'])), []);
});

test('granting trust reloads the features that read a restricted setting', () => {
  assert.deepEqual(reloadsOnTrust(table), ['hosts', 'both']);
  assert.deepEqual(reloadsOnTrust({ all: ['ascend'] }), ['all'], 'a whole section covers the restricted settings in it');
  assert.deepEqual(reloadsOnTrust({ monitor: ['ascend.monitor'] }), []);
});
