/**
 * Every user-facing string has a Simplified Chinese translation: every t('...') / l10n.t('...') literal in
 * src/ and webview/ is a key of the zh-cn bundle, every package.nls.json key is in package.nls.zh-cn.json, and
 * every %key% in package.json exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync, mkdirSync, cpSync, existsSync } from 'node:fs';
// @ts-expect-error plain .mjs build script without types
import { mergeBundles } from '../../../scripts/l10n-bundle.mjs';

const root = join(__dirname, '../../..');

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** String literals passed as the first argument of t(...) or l10n.t(...). */
export function l10nKeys(code: string): string[] {
  const keys: string[] = [];
  const re = /(?<![\w$])(?:l10n\.)?t\(\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.)*`)/g;
  for (const m of code.matchAll(re)) {
    const lit = m[1];
    const body = lit.slice(1, -1);
    keys.push(lit.startsWith('`') ? body.replace(/\\`/g, '`') : (JSON.parse(`"${body.replace(/\\'/g, "'").replace(/"/g, '\\"').replace(/\\\\"/g, '\\"')}"`) as string));
  }
  return keys;
}

function mergedZh(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'l10n-'));
  mkdirSync(join(dir, 'l10n'));
  cpSync(join(root, 'l10n', 'zh-cn'), join(dir, 'l10n', 'zh-cn'), { recursive: true });
  mergeBundles(dir);
  return JSON.parse(readFileSync(join(dir, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
}

test('the key finder reads quotes and escapes', () => {
  assert.deepEqual(l10nKeys(`t('a {0}', x); vscode.l10n.t("b \\"q\\""); l10n.t(\`c\`); format('no'); it('no')`), ['a {0}', 'b "q"', 'c']);
  assert.deepEqual(l10nKeys(`t('it\\'s')`), ["it's"]);
});

test('every t() string in src/ and webview/ has a zh-cn translation', () => {
  const zh = mergedZh();
  const missing: string[] = [];
  for (const file of [...sources(join(root, 'src')), ...sources(join(root, 'webview'))]) {
    for (const key of l10nKeys(readFileSync(file, 'utf8'))) {
      if (!zh[key] || !zh[key].trim()) missing.push(`${file.slice(root.length + 1)}: ${key}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every zh-cn translation keeps the placeholders of its English key', () => {
  const zh = mergedZh();
  const bad = Object.entries(zh).filter(([en, cn]) => {
    const want = (en.match(/\{\d+\}/g) ?? []).sort().join();
    return want !== (cn.match(/\{\d+\}/g) ?? []).sort().join();
  });
  assert.deepEqual(bad, []);
});

test('package.nls.zh-cn.json translates every package.nls.json key, and package.json uses only known keys', () => {
  const en = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const zh = JSON.parse(readFileSync(join(root, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
  assert.deepEqual(Object.keys(en).filter((k) => !zh[k]?.trim()), []);
  const used = [...readFileSync(join(root, 'package.json'), 'utf8').matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]);
  assert.ok(used.length > 20);
  assert.deepEqual(used.filter((k) => !(k in en)), []);
});

test('every shipped JSON schema has a zh-cn twin', () => {
  const dir = join(root, 'schemas');
  if (!existsSync(dir)) return;
  const files = readdirSync(dir).filter((f) => f.endsWith('.schema.json'));
  for (const f of files) assert.ok(readdirSync(dir).includes(f.replace(/\.schema\.json$/, '.schema.zh-cn.json')), `${f} lacks zh-cn`);
});
