import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import type { Frame } from 'playwright-core';
import { eventually, step } from './harness/session';
import { withVSCodeAndHost } from './harness/with-host';
import { sshRun } from '../host/ssh-run';
import { freePort } from '../support/ports';

// The NPU monitor in code-server against the simulated 8× 910B4 host: 8 chips whose values
// update, a vLLM deployment in the process table, a temperature fault's alert, the status-bar summary.
const IMG = 'quay.io/ascend/vllm-ascend:v0.23.0';
const ROOT = join(__dirname, '..', '..');

/** One completion from the simulated server (straight to its loopback port), to put load on the NPUs. */
function complete(port: number, maxTokens: number): Promise<void> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ model: 'coder', prompt: 'def fib(n):', max_tokens: maxTokens });
    request({ host: '127.0.0.1', port, path: '/v1/completions', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    }).on('error', () => resolve()).end(body);
  });
}

/** Each chip card's text, keyed by its data-chip. */
async function cards(frame: Frame): Promise<Record<string, string>> {
  return frame.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll<HTMLElement>('.chip-card'))
    .map((c) => [c.dataset.chip ?? '', (c.textContent ?? '').replace(/\s+/g, ' ').trim()])));
}

test('NPU monitor: live chips, the deployment in the process table, a temperature alert, the status bar', async (t) => {
  const port = await freePort();
  await withVSCodeAndHost(
    { name: 'monitor', host: { latency: { startupMs: 300 } }, userSettings: { 'ascend.monitor.hiddenIntervalMs': 2000 } },
    async (s) => {
      const { wb, host } = s;

      await step(t, s, 'a vLLM deployment runs on the simulated host', async () => {
        const D = host.devPrefix;
        const A = host.ascendPrefix;
        const run = ['docker run -d --name ascend-llm-coder',
          `--device ${D}/davinci0 --device ${D}/davinci1 --device ${D}/davinci_manager --device ${D}/devmm_svm --device ${D}/hisi_hdc`,
          `-v ${A}/driver/lib64:/usr/local/Ascend/driver/lib64 -v ${A}/driver/version.info:/usr/local/Ascend/driver/version.info`,
          `-v ${host.usrLocalPrefix}/bin/npu-smi:/usr/local/bin/npu-smi -p 127.0.0.1:${port}:8000`,
          `${IMG} vllm serve /root/.cache/coder --served-model-name coder --tensor-parallel-size 2`].join(' ');
        const record = JSON.stringify({ name: 'coder', host: host.alias, container: 'ascend-llm-coder', image: IMG, modelId: 'deepseek-ai/deepseek-coder-6.7b-instruct',
          servedModelName: 'coder', hostPort: port, containerPort: 8000, npus: [0, 1], startedAt: new Date().toISOString(), status: 'running' });
        const r = await sshRun(host, `${run} && mkdir -p ~/.ascend-llm/deployments && printf '%s\\n' '${record}' > ~/.ascend-llm/deployments/coder.json`
          + ' && for i in $(seq 100); do docker logs ascend-llm-coder 2>&1 | grep -q "startup complete" && echo ready && break; sleep 0.1; done');
        assert.match(r.stdout, /ready/, r.stderr);
      });

      let frame: Frame | undefined;
      await step(t, s, 'the panel opens and shows 8 chips whose values update', async () => {
        await wb.runCommand('Ascend: Open NPU Monitor');
        frame = await wb.webviewFrame(60_000);
        const f = frame;
        const first = await eventually(async () => {
          const c = await cards(f);
          return Object.keys(c).length === 8 && Object.values(c).every((x) => /910B4/.test(x)) ? c : undefined;
        }, 60_000, 500);
        assert.ok(first, `chips: ${JSON.stringify(await cards(f))}`);
        assert.deepEqual(Object.keys(first).sort(), ['0:0', '1:0', '2:0', '3:0', '4:0', '5:0', '6:0', '7:0']);
        const changed = await eventually(async () => {
          const c = await cards(f);
          return Object.keys(c).some((k) => c[k] !== first[k]) ? c : undefined;
        }, 30_000, 500);
        assert.ok(changed, 'no chip value changed in 30 s');
        assert.equal(await f.locator('.poll-status').textContent(), 'Live');
      });

      await step(t, s, 'the deployment appears in the process table with its container', async () => {
        const f = frame!;
        const rows = await eventually(async () => {
          const r = await f.locator('.processes tbody tr').allTextContents();
          return r.filter((x) => /ascend-llm-coder/.test(x) && /coder/.test(x)).length >= 2 ? r : undefined;
        }, 45_000, 500);
        assert.ok(rows, `process rows: ${JSON.stringify(await f.locator('.processes tbody tr').allTextContents())}`);
        assert.ok(rows.some((x) => /VLLMWorker_TP|python/.test(x)), JSON.stringify(rows));
        const served = await eventually(async () => {
          const v = await f.locator('.tile-running .tile-value').textContent().catch(() => null);
          return v !== null && /^\d+$/.test(v.trim()) ? v : undefined;
        }, 30_000, 500);
        assert.ok(served, 'the server strip shows no running-requests count from /metrics');
      });

      await step(t, s, 'a temperature fault raises its alert', async () => {
        const f = frame!;
        host.control.setFault('high-temp', true);
        const alert = await eventually(async () => {
          const texts = await f.locator('.alert').allTextContents();
          return texts.find((x) => /96 °C/.test(x));
        }, 30_000, 500);
        assert.ok(alert, `alerts: ${JSON.stringify(await f.locator('.alert').allTextContents())}`);
        assert.match(alert, /cooling/);
      });

      // The README's image is refreshed only on request (ASCEND_REFRESH_SCREENSHOTS=1); a normal run writes its
      // screenshot to test-results/ and leaves media/ alone.
      const refresh = process.env.ASCEND_REFRESH_SCREENSHOTS === '1';
      await step(t, s, 'the panel under load: server tiles and AICore move, screenshot', async () => {
        const f = frame!;
        // Requests keep NPUs 0 and 1 busy and give the server strip real numbers; then a taller window shows
        // the chips, the alert and the process table together.
        host.control.setLatency({ ttftMs: 120, itlMs: 40, jitterMs: 5 });
        let loading = true;
        const client = async (): Promise<void> => { while (loading) await complete(port, 200); };
        const load = Promise.all(Array.from({ length: 4 }, (_, i) => new Promise<void>((r) => setTimeout(r, i * 300)).then(client)));
        await wb.runCommand('View: Toggle Primary Side Bar Visibility');
        await wb.page.setViewportSize({ width: 1400, height: 1010 });
        const busy = await eventually(async () => {
          const tps = await f.locator('.tile-tps .tile-value').textContent().catch(() => null);
          const c = await cards(f);
          return tps && Number(tps) > 0 && /AICore\s*[1-9]\d*%/.test(c['0:0'] ?? '') ? tps : undefined;
        }, 40_000, 500);
        assert.ok(busy, `no load shown: ${JSON.stringify(await cards(f))}`);
        if (refresh) await new Promise((r) => setTimeout(r, 8000)); // a few more points on the sparklines
        const stillBusy = await eventually(async () => /AICore\s*[1-9]\d*%/.test((await cards(f))['0:0'] ?? ''), 10_000, 250);
        assert.ok(stillBusy, 'the load ended before the screenshot');
        const shotDir = join(ROOT, refresh ? 'media' : 'test-results');
        mkdirSync(shotDir, { recursive: true });
        await wb.page.screenshot({ path: join(shotDir, 'monitor.png') });
        loading = false;
        await load;
        await wb.page.setViewportSize({ width: 1400, height: 900 });
      });

      await step(t, s, 'the status-bar summary appears when the panel is closed', async () => {
        await wb.runCommand('View: Close All Editors');
        const item = await eventually(async () => (await wb.statusBar()).find((x) => x.includes(`${host.alias}:`) && /8 chips/.test(x)), 30_000, 500);
        assert.ok(item, `status bar: ${JSON.stringify(await wb.statusBar())}`);
        assert.match(item, /1 alerts|alert/);
        host.control.setFault('high-temp', false);
      });
    },
  );
});
