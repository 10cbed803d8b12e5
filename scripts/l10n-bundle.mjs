// Merges the per-area translation files l10n/zh-cn/*.json (English key -> Chinese) into the bundles that
// vscode.l10n (extension host) and @vscode/l10n (server, CLI, core, webview) load: l10n/bundle.l10n.json and
// l10n/bundle.l10n.zh-cn.json. A key defined twice with different translations is an error.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export function mergeBundles(root) {
  const dir = join(root, 'l10n', 'zh-cn');
  const zh = {};
  const origin = {};
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  for (const f of files) {
    const part = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    for (const [k, v] of Object.entries(part)) {
      if (k in zh && zh[k] !== v) throw new Error(`l10n key "${k}" translated differently in ${origin[k]} and ${f}`);
      zh[k] = v;
      origin[k] = f;
    }
  }
  const keys = Object.keys(zh).sort();
  const en = Object.fromEntries(keys.map((k) => [k, k]));
  const zhSorted = Object.fromEntries(keys.map((k) => [k, zh[k]]));
  writeFileSync(join(root, 'l10n', 'bundle.l10n.json'), JSON.stringify(en, null, 2) + '\n');
  writeFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), JSON.stringify(zhSorted, null, 2) + '\n');
  return { keys: keys.length, files: files.length };
}
