/**
 * Takes media/screenshot.png for the README from a running `npm start` (pass its URL): opens the demo's vLLM
 * config, shows the Problems panel and hovers a key.
 */
import { chromium } from 'playwright-core';
import { Workbench } from '../test/e2e/harness/workbench';

async function main(url: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu',
    '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(url);
    const wb = new Workbench(page);
    await wb.ready();
    await wb.openFile('serve.vllm.yaml');
    await page.waitForTimeout(4000);
    await wb.problems();
    await wb.openFile('serve.vllm.yaml');
    await wb.goto(6, 2);
    await wb.hoverText().catch(() => undefined);
    await page.waitForTimeout(800);
    await page.screenshot({ path: 'media/screenshot.png' });
  } finally {
    await browser.close();
  }
}

void main(process.argv[2] ?? 'http://127.0.0.1:8610/');
