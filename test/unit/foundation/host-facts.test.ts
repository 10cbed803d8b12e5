import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostFacts, DEFAULT_HOST_FACTS } from '../../../src/core/settings/host-facts';
import { localeFromEnv } from '../../../src/core/l10n';

test('ascend.hosts: unknown alias gets the real defaults', () => {
  assert.deepEqual(hostFacts({}, 'kunpeng-01'), DEFAULT_HOST_FACTS);
  assert.deepEqual(DEFAULT_HOST_FACTS, { ascendPrefix: '/usr/local/Ascend', devPrefix: '/dev' });
});

test('ascend.hosts: an alias entry overrides, a non-root ~/Ascend install is kept, bad values fall back', () => {
  assert.deepEqual(hostFacts({ a: { ascendPrefix: '~/Ascend', devPrefix: '/sim/dev/' } }, 'a'), { ascendPrefix: '~/Ascend', devPrefix: '/sim/dev' });
  assert.deepEqual(hostFacts({ a: { ascendPrefix: 'relative', devPrefix: 42 } }, 'a'), DEFAULT_HOST_FACTS);
  assert.deepEqual(hostFacts({ a: 'nonsense' }, 'a'), DEFAULT_HOST_FACTS);
});

test('locale comes from VS Code NLS config first, then LANG', () => {
  assert.equal(localeFromEnv({ VSCODE_NLS_CONFIG: JSON.stringify({ locale: 'zh-CN' }), LANG: 'en_US' }), 'zh-cn');
  assert.equal(localeFromEnv({ LANG: 'zh_CN.UTF-8' }), 'zh-cn');
  assert.equal(localeFromEnv({ LANG: 'C.UTF-8' }), 'en');
  assert.equal(localeFromEnv({}), 'en');
});

test('ascend.hosts: optional etc and usr/local prefixes are read when absolute', () => {
  assert.deepEqual(hostFacts({ a: { etcPrefix: '/sim/etc', usrLocalPrefix: '/sim/usr/local' } }, 'a'),
    { ...DEFAULT_HOST_FACTS, etcPrefix: '/sim/etc', usrLocalPrefix: '/sim/usr/local' });
  assert.deepEqual(hostFacts({ a: { etcPrefix: 'etc' } }, 'a'), DEFAULT_HOST_FACTS);
});
