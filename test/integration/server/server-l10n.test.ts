// Its own file: @vscode/l10n holds one bundle per process, and node --test runs each file in its own process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startHarness } from './lsp-harness';

test('the server speaks the language of the bundle the client names', async () => {
  const zh = readFileSync(join(__dirname, '../../../l10n/zh-cn/rules.json'), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'ascend-l10n-'));
  const bundle = join(dir, 'bundle.l10n.zh-cn.json');
  writeFileSync(bundle, zh);
  const h = await startHarness({ initializationOptions: { l10nBundleUri: pathToFileURL(bundle).href, locale: 'zh-cn' } });
  try {
    const uri = 'file:///work/project/monitor.sh';
    h.open(uri, 'npu-smi top -n 10\n', 'shellscript');
    const p = await h.diagnosticsFor(uri);
    assert.equal(p.diagnostics[0].code, 'ASC511');
    assert.match(p.diagnostics[0].message, /npu-smi 没有 "top" 命令/);
  } finally {
    h.dispose();
  }
});
