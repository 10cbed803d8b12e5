// Renders the monitor panel with VS Code's dark theme variables and 10 minutes of 8× 910B4 history, and saves
// a screenshot for the README. Run: node --import tsx test/webview/take-preview.ts [out.png]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle, launch, openMonitorPage, postToWebview } from './monitor-page';
import { SampleFeed } from './sample-feed';

const HOST = 'ascend-8x910b4';

async function main(): Promise<void> {
  const out = process.argv[2] ?? join(__dirname, '..', '..', 'media', 'monitor-preview.png');
  const dir = mkdtempSync(join(tmpdir(), 'monitor-preview-'));
  const script = join(dir, 'monitor.js');
  await buildBundle(script);
  const browser = await launch();
  try {
    const mp = await openMonitorPage(browser, { scriptPath: script, viewport: { width: 1280, height: 1000 } });
    const feed = new SampleFeed(HOST);
    feed.skip(620);
    await postToWebview(mp.page, [
      { type: 'init', l10n: null, hosts: [HOST, 'edge-310p'], host: HOST, windowMs: 600_000 },
      feed.next(),
      { type: 'status', host: HOST, state: 'ok', reason: null, retryInMs: null },
    ]);
    await mp.page.waitForTimeout(500);
    await mp.page.screenshot({ path: out, fullPage: true });
    if (mp.problems.length) console.error(`problems: ${mp.problems.join('; ')}`);
    await mp.close();
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
