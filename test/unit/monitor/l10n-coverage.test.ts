import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const DIRS = ['src/core/monitor', 'src/extension/monitor', 'webview/monitor'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('every t() string of the monitor (host and webview) has a zh-cn translation', () => {
  const zh = JSON.parse(readFileSync(join(ROOT, 'l10n/zh-cn/monitor.json'), 'utf8')) as Record<string, string>;
  const keys = new Set<string>();
  for (const f of DIRS.flatMap((d) => files(join(ROOT, d)))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) keys.add(m[1].replace(/\\(.)/g, '$1'));
  }
  assert.ok(keys.size > 40, `found ${keys.size} strings`);
  const missing = [...keys].filter((k) => !(k in zh));
  assert.deepEqual(missing, []);
  for (const k of keys) {
    const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join();
    assert.equal(placeholders(zh[k]), placeholders(k), `placeholders of "${k}"`);
  }
});
