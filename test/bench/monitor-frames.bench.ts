// Frame times of the NPU monitor webview in Chromium (webview frame time).
// Run: node --import tsx test/bench/monitor-frames.bench.ts [--updates N] [--frames-per-update K] [--json]
//
// The webview bundle is built from source and served with the panel's CSP (test/webview/monitor-page.ts).
// It starts with a full 10-minute history (8× 910B4 at 1 Hz: 600 points per sparkline, 32 sparklines) and then
// receives N more 1 Hz updates, compressed in time to one every K animation frames (default: 600 updates, one
// every 2 frames, i.e. 10 simulated minutes in about 20 s). Reported:
//  - frame interval: time between animation frames while updates arrive (16.7 ms = 60 fps, no dropped frame);
//  - update cost: main-thread time to validate and apply one message plus the repaint it causes (an upper
//    bound: it is measured from the frame's start time).
// Headless Chromium with --disable-gpu draws canvases in software, so this is a pessimistic setting.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { buildBundle, launch, measureFrames, openMonitorPage, percentile, postToWebview } from '../webview/monitor-page';
import { SampleFeed } from '../webview/sample-feed';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) || fallback : fallback;
};
const UPDATES = opt('--updates', 600);
const EVERY = opt('--frames-per-update', 2);
const HOST = 'ascend-8x910b4';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'monitor-bench-'));
  const script = join(dir, 'monitor.js');
  await buildBundle(script);
  const browser = await launch();
  try {
    const mp = await openMonitorPage(browser, { scriptPath: script });
    const feed = new SampleFeed(HOST);
    feed.skip(600);
    await postToWebview(mp.page, [{ type: 'init', l10n: null, hosts: [HOST], host: HOST, windowMs: 600_000 }, feed.next()]);
    await mp.page.waitForTimeout(500);
    const messages = Array.from({ length: UPDATES }, () => feed.next());
    const stats = await measureFrames(mp.page, messages, EVERY);
    const summary = {
      chips: 8, sparklines: 32, pointsPerSparkline: 600, updates: UPDATES, framesPerUpdate: EVERY,
      frameIntervalMs: { p50: percentile(stats.frameMs, 50), p95: percentile(stats.frameMs, 95), p99: percentile(stats.frameMs, 99), max: Math.max(...stats.frameMs) },
      framesOver33ms: stats.frameMs.filter((f) => f > 33.4).length,
      // where the long frames fall (index into the frame list: 0 is the first interval, right after the page's
      // own start-up work; updates arrive every framesPerUpdate frames from there)
      longFrames: stats.frameMs.map((ms, i) => ({ i, ms })).filter((x) => x.ms > 33.4),
      frames: stats.frameMs.length,
      updateCostMs: { p50: percentile(stats.updateMs, 50), p95: percentile(stats.updateMs, 95), max: Math.max(...stats.updateMs) },
      problems: mp.problems,
      machine: { cpus: cpus().length, loadavg1m: loadavg()[0] },
    };
    await mp.close();
    if (args.includes('--json')) console.log(JSON.stringify(summary, null, 2));
    else {
      const f = (n: number): string => n.toFixed(1);
      console.log(`monitor webview, 8 chips × 4 sparklines × 600 points, ${UPDATES} updates (1 every ${EVERY} frames)`);
      console.log(`frame interval  p50 ${f(summary.frameIntervalMs.p50)} ms  p95 ${f(summary.frameIntervalMs.p95)} ms  p99 ${f(summary.frameIntervalMs.p99)} ms  max ${f(summary.frameIntervalMs.max)} ms  (${summary.framesOver33ms}/${summary.frames} frames > 33 ms)`);
      if (summary.longFrames.length) console.log(`long frames (index: ms): ${summary.longFrames.map((x) => `${x.i}: ${f(x.ms)}`).join(', ')}`);
      console.log(`update cost     p50 ${summary.updateCostMs.p50.toFixed(2)} ms  p95 ${summary.updateCostMs.p95.toFixed(2)} ms  max ${f(summary.updateCostMs.max)} ms`);
      console.log(`machine: ${summary.machine.cpus} CPUs, load average ${summary.machine.loadavg1m.toFixed(1)}`);
      if (summary.problems.length) console.log(`problems: ${summary.problems.join('; ')}`);
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
