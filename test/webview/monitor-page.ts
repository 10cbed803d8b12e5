/**
 * Serves the monitor webview the way VS Code would load it: the panel HTML from the host's own builder (same
 * CSP, nonce, script and stylesheet), from a loopback HTTP server. The page gets a stub `acquireVsCodeApi`
 * that records what the webview posts (the stub is the environment, not the thing under test) and, like VS
 * Code, a nonce'd <style> with theme variables (dark by default) and a theme class on <body>.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeNonce, panelHtml } from '../../src/core/monitor/panel-html';
import { randomBytes } from 'node:crypto';

const ROOT = join(__dirname, '..', '..');

export const DARK_THEME: Record<string, string> = {
  'foreground': '#cccccc', 'descriptionForeground': '#9d9d9d', 'editor-background': '#1f1f1f',
  'sideBar-background': '#181818', 'panel-border': '#2b2b2b', 'widget-border': '#313131', 'focusBorder': '#0078d4',
  'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', 'font-size': '13px',
  'badge-background': '#616161', 'badge-foreground': '#f8f8f8', 'testing-iconPassed': '#73c991',
  'editorWarning-foreground': '#cca700', 'editorError-foreground': '#f14c4c', 'errorForeground': '#f85149',
  'editorInfo-foreground': '#3794ff', 'charts-blue': '#3794ff', 'charts-purple': '#b180d7', 'charts-orange': '#d18616',
  'charts-red': '#f14c4c', 'list-hoverBackground': '#2a2d2e', 'editorGroupHeader-tabsBackground': '#181818',
  'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-secondaryBackground': '#313131',
  'button-secondaryForeground': '#cccccc', 'settings-dropdownBackground': '#313131', 'settings-dropdownBorder': '#3c3c3c',
  'settings-dropdownForeground': '#cccccc',
};

export interface MonitorPage {
  page: Page;
  url: string;
  /** CSP violations and console errors seen so far. */
  problems: string[];
  close(): Promise<void>;
}

export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function html(origin: string, theme: Record<string, string>, lang: string, bodyClass: string): string {
  const nonce = makeNonce((n) => randomBytes(n));
  const base = panelHtml({ cspSource: origin, nonce, scriptUri: `${origin}/dist/webview/monitor.js`,
    styleUri: `${origin}/media/monitor.css`, lang, title: 'NPU Monitor' });
  const vars = Object.entries(theme).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ');
  const stub = `<style nonce="${nonce}">:root { ${vars} }</style>
<script nonce="${nonce}">window.__name = (f) => f; /* tsx (esbuild keepNames) wraps functions in test callbacks with __name() */
window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m) });
document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));</script>
`;
  return base.replace('<script nonce', `${stub}<script nonce`).replace('<body>', `<body class="${bodyClass}">`);
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });
}

export interface PageOptions {
  theme?: Record<string, string>;
  viewport?: { width: number; height: number };
  /** The bundle to serve; defaults to dist/webview/monitor.js. */
  scriptPath?: string;
  lang?: string;
  /** VS Code's theme class on <body>: vscode-dark, vscode-light, vscode-high-contrast. */
  bodyClass?: string;
}

export async function openMonitorPage(browser: Browser, options: PageOptions = {}): Promise<MonitorPage> {
  const theme = options.theme ?? DARK_THEME;
  const viewport = options.viewport ?? { width: 1280, height: 900 };
  let origin = '';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const files: Record<string, [string, string]> = {
      '/dist/webview/monitor.js': [options.scriptPath ?? join(ROOT, 'dist/webview/monitor.js'), 'text/javascript'],
      '/media/monitor.css': [join(ROOT, 'media/monitor.css'), 'text/css'],
    };
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html(origin, theme, options.lang ?? 'en', options.bodyClass ?? 'vscode-dark'));
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (files[path]) {
      res.writeHead(200, { 'content-type': files[path][1] }).end(readFileSync(files[path][0]));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${origin}/`);
  return {
    page, url: `${origin}/`, problems,
    close: async () => {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Delivers messages to the webview exactly as VS Code does: `message` events on window. */
export async function postToWebview(page: Page, messages: unknown[]): Promise<void> {
  await page.evaluate((ms) => { for (const m of ms) window.postMessage(m, '*'); }, messages);
}

export async function posted(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted.slice());
}

/** Builds the webview bundle exactly as the build does, into `outfile`. */
export async function buildBundle(outfile: string): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(ROOT, 'webview/monitor/main.ts')], bundle: true, format: 'iife', platform: 'browser',
    target: 'es2022', minify: true, outfile, logLevel: 'warning',
  });
}

export interface FrameStats {
  /** Time between animation frames while updates were arriving. */
  frameMs: number[];
  /** Main-thread time per update: validating and applying the message plus the repaint it caused. */
  updateMs: number[];
}

/**
 * Delivers `messages` one every `framesPerUpdate` animation frames (simulated 1 Hz updates, compressed in
 * time) and records frame intervals and the cost of each update. Messages are dispatched synchronously as
 * `message` events, the way VS Code delivers them.
 */
export async function measureFrames(page: Page, messages: unknown[], framesPerUpdate: number): Promise<FrameStats> {
  return page.evaluate(({ ms, every }) => new Promise<FrameStats>((resolve) => {
    const frameMs: number[] = [];
    const updateMs: number[] = [];
    let last = -1;
    let frame = 0;
    let next = 0;
    const step = (ts: number): void => {
      if (last >= 0) frameMs.push(ts - last);
      last = ts;
      if (frame++ % every === 0) {
        if (next >= ms.length) {
          resolve({ frameMs, updateMs });
          return;
        }
        const t0 = performance.now();
        window.dispatchEvent(new MessageEvent('message', { data: ms[next++] }));
        const handled = performance.now() - t0;
        // Runs after the panel's own frame callback (registered during the dispatch) in the next frame.
        requestAnimationFrame((ts2) => updateMs.push(handled + (performance.now() - ts2)));
      }
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }), { ms: messages, every: framesPerUpdate });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
