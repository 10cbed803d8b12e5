/**
 * One e2e session: a code-server instance plus a Chromium page on it, wrapped so that a failing test leaves a
 * screenshot and the logs in test-results/, and every process is stopped whatever happens.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './code-server';
import { chromiumPath, resultsDir } from './paths';
import { Workbench } from './workbench';

export interface Session {
  server: CodeServer;
  wb: Workbench;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function withVSCode(opts: CodeServerOptions, fn: (s: Session) => Promise<void>): Promise<void> {
  const server = await startCodeServer(opts);
  let browser: Browser | undefined;
  let wb: Workbench | undefined;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    wb = new Workbench(page);
    await wb.ready();
    await fn({ server, wb });
  } catch (err) {
    mkdirSync(resultsDir, { recursive: true });
    const base = join(resultsDir, opts.name);
    if (wb) await wb.page.screenshot({ path: `${base}.png` }).catch(() => undefined);
    writeFileSync(`${base}.exthost.log`, server.extHostLog());
    writeFileSync(`${base}.extension.log`, server.extensionLog());
    throw err;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes; returns the last value. */
export async function eventually<T>(probe: () => T | Promise<T>, timeoutMs = 15_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!value && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, everyMs));
    value = await probe();
  }
  return value;
}

/**
 * A subtest that leaves a screenshot and the logs in test-results/ when it fails (a failing subtest does not
 * throw out of withVSCode, so it must save them itself).
 */
export async function step(
  t: { test: (name: string, fn: () => Promise<void>) => Promise<void> },
  s: Session,
  name: string,
  fn: () => Promise<void>,
): Promise<void> {
  await t.test(name, async () => {
    try {
      await fn();
    } catch (err) {
      mkdirSync(resultsDir, { recursive: true });
      const base = join(resultsDir, name.replace(/[^\w-]+/g, '-').slice(0, 80));
      await s.wb.page.screenshot({ path: `${base}.png` }).catch(() => undefined);
      writeFileSync(`${base}.exthost.log`, s.server.extHostLog());
      writeFileSync(`${base}.extension.log`, s.server.extensionLog());
      throw err;
    }
  });
}
