/**
 * The monitor webview in a real Chromium: the bundle built from source, served with the panel's own CSP, fed
 * the host's messages. Checks what a user sees (cards, values, processes, alerts, server strip), that updates
 * change it, that hostile input stays text, keyboard use, zh-cn, and that the CSP is never violated.
 * Frame times are measured in test/bench/monitor-frames.bench.ts, not here.
 * Run: node test/run-unit.mjs test/webview
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { HostMessage } from '../../src/core/monitor/protocol';
import {
  buildBundle, launch, openMonitorPage, posted, postToWebview, type MonitorPage,
} from './monitor-page';
import { chipAt, SampleFeed } from './sample-feed';

const HOST = 'ascend-8x910b4';
const init = (l10n: Record<string, string> | null = null): HostMessage =>
  ({ type: 'init', l10n, hosts: [HOST, 'edge-310p'], host: HOST, windowMs: 600_000 });

let browser: Browser;
let dir: string;
let script: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-webview-'));
  script = join(dir, 'monitor.js');
  await buildBundle(script);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(lang = 'en'): Promise<MonitorPage> {
  return openMonitorPage(browser, { scriptPath: script, lang });
}

async function cardTexts(page: Page, npuId: number): Promise<Record<string, string>> {
  return page.evaluate((id) => {
    const card = document.querySelector(`[data-chip="${id}:0"]`);
    if (!card) throw new Error(`no card for NPU ${id}`);
    const text = (sel: string) => card.querySelector(sel)?.textContent ?? '';
    return {
      title: text('.chip-title'), name: text('.chip-name'), health: text('.health'), healthClass: card.querySelector('.health')?.className ?? '',
      aicore: text('.metric-aicore .metric-value'), memory: text('.metric-memory .metric-value'),
      memoryDetail: text('.metric-memory .metric-detail'), power: text('.metric-power .metric-value'),
      temp: text('.metric-temp .metric-value'),
    };
  }, npuId);
}

async function waitFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

test('8 chip cards, processes, alerts and server metrics render and update', async () => {
  const mp = await open();
  const { page } = mp;
  try {
    assert.deepEqual(await posted(page), [{ type: 'ready' }]);
    const feed = new SampleFeed(HOST);
    await postToWebview(page, [init(), feed.next(), { type: 'status', host: HOST, state: 'ok', reason: null, retryInMs: null }]);
    await waitFrames(page);
    assert.equal(await page.locator('.chip-card').count(), 8);
    const first = chipAt(3, 0);
    const c3 = await cardTexts(page, 3);
    assert.equal(c3.title, 'NPU 3 · chip 0');
    assert.equal(c3.name, '910B4');
    assert.equal(c3.health, 'OK');
    assert.equal(c3.aicore, `${first.aicorePercent}%`);
    assert.equal(c3.power, `${first.powerW!.toFixed(1)} W`);
    assert.equal(c3.temp, `${first.tempC} °C`);
    assert.equal(c3.memory, `${Math.round((first.hbmMB!.used / first.hbmMB!.total) * 100)}%`);
    assert.equal(c3.memoryDetail, `${(first.hbmMB!.used / 1024).toFixed(1)} GB / 32.0 GB`);
    assert.equal(await page.locator('.processes tbody tr').count(), 8);
    assert.equal(await page.locator('.alerts').isHidden(), true, 'no alerts yet');
    assert.equal(await page.locator('.tile-running .tile-value').textContent(), '4');
    assert.equal(await page.locator('.poll-status').textContent(), 'Live');

    // 30 more seconds of 1 Hz updates: values move, a process appears, an alert is raised, a chip warns.
    const more: HostMessage[] = [];
    for (let i = 0; i < 30; i++) more.push(feed.next());
    await postToWebview(page, more);
    await waitFrames(page);
    const later = chipAt(3, 30);
    const c3b = await cardTexts(page, 3);
    assert.equal(c3b.aicore, `${later.aicorePercent}%`);
    assert.equal(c3b.temp, `${later.tempC} °C`);
    assert.notEqual(c3b.aicore + c3b.power, c3.aicore + c3.power, 'the card changed');
    const c5 = await cardTexts(page, 5);
    assert.equal(c5.health, 'Warning');
    assert.match(c5.healthClass, /health-warning/);
    const rows = await page.locator('.processes tbody tr').allTextContents();
    assert.equal(rows.length, 9);
    assert.ok(rows.some((r) => r.includes('52001') && r.includes('hlt_host_devmm_')), rows.join('\n'));
    assert.ok(rows.some((r) => r.includes('41000') && r.includes('vllm-coder') && r.includes('coder-6.7b')));
    assert.equal(await page.locator('.alert').count(), 1);
    assert.match(await page.locator('.alert').textContent() ?? '', /Temperature 88 °C.*cooling policy/);
    // The chip the alert names stands out in the grid: its card and its temperature value are marked.
    assert.equal(await page.locator('[data-chip="2:0"]').getAttribute('data-alert'), 'warning');
    assert.match(await page.locator('[data-chip="2:0"] .metric-temp .metric-value').getAttribute('class') ?? '', /metric-alert/);
    assert.equal(await page.locator('[data-chip="3:0"]').getAttribute('data-alert'), null);
    assert.equal(await page.locator('.metric-alert').count(), 1);
    assert.equal(await page.locator('.tile-tps .tile-value').textContent(), '280.0');

    // Sparklines are painted: the AICore canvas of a card has non-transparent pixels.
    const painted = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-chip="0:0"] .spark-aicore');
      const data = c!.getContext('2d')!.getImageData(0, 0, c!.width, c!.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    assert.ok(painted > 50, `sparkline pixels: ${painted}`);
    assert.deepEqual(mp.problems, []);
  } finally {
    await mp.close();
  }
});

test('a reset with history fills the sparklines; a sequence gap asks for a refresh', async () => {
  const mp = await open();
  const { page } = mp;
  try {
    const feed = new SampleFeed(HOST);
    feed.skip(600);
    await postToWebview(page, [init(), feed.next()]);
    await waitFrames(page);
    const points = await page.evaluate(() => (window as unknown as { monitorApp: { cards?: unknown } }).monitorApp !== undefined);
    assert.ok(points);
    // The ring of a card holds the backfill (10 minutes at 1 Hz plus the current point).
    const ringLength = await page.evaluate(() => {
      const app = (window as unknown as { monitorApp: { cards: Map<string, { ring: { length: number } }> } }).monitorApp;
      return app.cards.get('0:0')?.ring.length;
    });
    assert.equal(ringLength, 601);
    feed.next(); // lost on the way
    await postToWebview(page, [feed.next()]);
    await waitFrames(page);
    assert.deepEqual((await posted(page)).at(-1), { type: 'refresh' });
    assert.deepEqual(mp.problems, []);
  } finally {
    await mp.close();
  }
});

test('hostile and malformed messages never become markup or wrong numbers', async () => {
  const mp = await open();
  const { page } = mp;
  try {
    const feed = new SampleFeed(HOST);
    const first = feed.next();
    await postToWebview(page, [init(), first]);
    await waitFrames(page);
    const evil = '<img src=x onerror="window.__pwned=1">';
    const hostile = feed.next();
    if (hostile.type !== 'update') throw new Error('feed');
    hostile.delta.chips = [{ ...chipAt(0, 1), name: evil, health: '<b>OK</b>' }];
    hostile.delta.alerts = [{ id: 'x', kind: 'x', severity: 'error', npuId: null, chipId: null, message: evil, advice: '<script>1</script>' }];
    await postToWebview(page, [
      hostile,
      { type: 'update', host: HOST, delta: { seq: 2, reset: false, timeMs: 1, chips: [{ ...chipAt(1, 2), tempC: 'NA' }] } },
      { type: 'update', host: HOST, delta: { seq: 2, reset: false, timeMs: 1, chips: [{ ...chipAt(1, 2), tempC: Number.POSITIVE_INFINITY }] } },
      { type: 'init', l10n: { __proto__: 1 }, hosts: [], host: null, windowMs: 1 },
      { type: 'eval', code: 'window.__pwned = 1' },
    ]);
    await waitFrames(page);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('.alert script').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal((await cardTexts(page, 0)).name, evil, 'shown as text');
    assert.equal(await page.locator('.alert-message').textContent(), evil);
    assert.equal((await cardTexts(page, 1)).temp, `${chipAt(1, 0).tempC} °C`, 'the malformed updates changed nothing');
    assert.ok(mp.problems.filter((p) => p.includes('message refused')).length >= 3, mp.problems.join('\n'));
    assert.deepEqual(mp.problems.filter((p) => !p.includes('message refused')), []);
  } finally {
    await mp.close();
  }
});

test('keyboard: Tab reaches the host selector, refresh and chip cards; Enter refreshes', async () => {
  const mp = await open();
  const { page } = mp;
  try {
    const feed = new SampleFeed(HOST);
    await postToWebview(page, [init(), feed.next()]);
    await waitFrames(page);
    const focusOrder: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      focusOrder.push(await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        return a?.id || a?.dataset.chip || a?.tagName || '';
      }));
    }
    assert.deepEqual(focusOrder, ['host-select', 'refresh', '0:0', '1:0']);
    await page.focus('#refresh');
    await page.keyboard.press('Enter');
    assert.deepEqual((await posted(page)).at(-1), { type: 'refresh' });
    // Choosing the other host with the keyboard tells the host.
    await page.focus('#host-select');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.deepEqual((await posted(page)).at(-1), { type: 'selectHost', host: 'edge-310p' });
    const focusRing = await page.evaluate(() => {
      const card = document.querySelector<HTMLElement>('[data-chip="0:0"]')!;
      card.focus();
      return getComputedStyle(card).outlineStyle;
    });
    assert.equal(focusRing, 'solid');
    assert.deepEqual(mp.problems, []);
  } finally {
    await mp.close();
  }
});

test('a 310P chip (no HBM, power NA) shows its DDR memory and dashes, never zeros', async () => {
  const mp = await open();
  const { page } = mp;
  try {
    const p310 = { npuId: 32896, chipId: 0, deviceId: 0, name: '310P3', health: 'Alarm', powerW: null, tempC: 54,
      hugepages: { used: 0, total: 0 }, busId: '0000:00:00.0', aicorePercent: null, memoryMB: { used: 1904, total: 44213 }, hbmMB: null };
    await postToWebview(page, [init(), { type: 'update', host: HOST, delta: { seq: 0, reset: true, timeMs: 1000, chips: [p310], processes: [], alerts: [], server: null } }]);
    await waitFrames(page);
    const c = await cardTexts(page, 32896);
    assert.equal(c.power, '–');
    assert.equal(c.aicore, '–');
    assert.equal(c.memory, '4%');
    assert.equal(c.memoryDetail, '1.9 GB / 43.2 GB');
    assert.match(c.healthClass, /health-error/);
    assert.equal(await page.locator('[data-chip="32896:0"] .metric-memory .metric-label').textContent(), 'Memory');
    assert.equal(await page.locator('[data-chip="32896:0"] .chip-bus').textContent(), '0000:00:00.0 · device 0');
    assert.equal(await page.locator('.processes .empty').isVisible(), true);
    assert.equal(await page.locator('.server-note').isVisible(), true);
  } finally {
    await mp.close();
  }
});

test('zh-cn: the bundle the host passes localizes the panel', async () => {
  const zh = JSON.parse(readFileSync(join(__dirname, '..', '..', 'l10n', 'zh-cn', 'monitor.json'), 'utf8')) as Record<string, string>;
  const mp = await open('zh-cn');
  const { page } = mp;
  try {
    const feed = new SampleFeed(HOST);
    await postToWebview(page, [init(zh), feed.next()]);
    await waitFrames(page);
    assert.equal(await page.locator('#processes-title').textContent(), '进程');
    assert.equal((await cardTexts(page, 2)).title, 'NPU 2 · 芯片 0');
    assert.equal(await page.locator('.metric-temp .metric-label').first().textContent(), '温度');
    assert.equal(await page.locator('.tile-kv .tile-label').textContent(), 'KV 缓存');
  } finally {
    await mp.close();
  }
});
