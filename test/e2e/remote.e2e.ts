import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, step } from './harness/session';
import { withVSCodeAndHost } from './harness/with-host';
import { freePort } from '../support/ports';

const descriptor = (alias: string, home: string, port: number) => `version: 1
name: coder
target: { host: ${alias}, chip: 910B4, vllmAscend: v0.23.0 }
model:
  id: deepseek-ai/deepseek-coder-1.3b-base
  source: modelscope
  hostPath: ${home}/models/deepseek-coder-1.3b-base
quantization: { scheme: w8a8, outputPath: ${home}/models/deepseek-coder-1.3b-base-w8a8 }
image: { tag: quay.io/ascend/vllm-ascend:v0.23.0 }
runtime: { npus: [0, 1], shmSize: 1g, publish: { address: 127.0.0.1, port: ${port} } }
serve: { served-model-name: deepseek-coder, max-model-len: 4096, tensor-parallel-size: 2 }
`;

test('remote work from the palette against the simulated host', async (t) => {
  const port = await freePort();
  // The workspace is written before the host exists, so its descriptor uses a placeholder home, fixed below.
  await withVSCodeAndHost(
    { name: 'remote', host: { latency: { startupMs: 800, quantMs: 30_000 } }, files: { 'README.md': '# remote\n' } },
    async (s) => {
      const { wb, host, server } = s;
      writeFileSync(join(server.workspace, 'ascend-deploy.yaml'), descriptor(host.alias, host.home, port));

      await step(t, s, 'Check Host shows a rendered report and a summary', async () => {
        await wb.runCommand('Ascend: Check Host');
        const note = await wb.waitForNotification(/Host kunpeng-01: \d+ passed, \d+ warnings, \d+ failed/, 60_000);
        assert.match(note, /0 failed/);
        // The Markdown preview (a webview), not an untitled buffer: a heading and a table, not Markdown source.
        const frame = await wb.webviewFrame(30_000);
        const heading = await eventually(() => frame.locator('h1').first().textContent().catch(() => null), 15_000);
        assert.equal(heading?.trim(), 'Host check: kunpeng-01');
        const rows = await frame.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) =>
          Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));
        assert.ok(rows.some((r) => r[0] === '✔ Pass' && r[1] === 'Architecture' && r[2].startsWith('aarch64')), JSON.stringify(rows.slice(0, 5)));
        assert.ok(rows.some((r) => /npu-smi|NPU/.test(r.join(' '))));
        const tabs = await wb.page.locator('.tab').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
        assert.ok(tabs.some((x) => /Preview host-check-kunpeng-01\.md/.test(x)), JSON.stringify(tabs));
        assert.ok(!tabs.some((x) => /Untitled/.test(x)), JSON.stringify(tabs));
      });

      await step(t, s, 'Fetch Model and Deploy reach a healthy server, with the job output streamed', async () => {
        await wb.runCommand('Ascend: Fetch Model onto Host');
        await wb.waitForNotification(/^Fetch Model: /, 60_000);
        await wb.runCommand('Ascend: Deploy vLLM Server');
        const done = await wb.waitForNotification(/^Deploy: /, 120_000);
        assert.doesNotMatch(done, /fail/i);
        const recordPath = join(host.home, '.ascend-llm', 'deployments', 'coder.json');
        assert.ok(existsSync(recordPath), 'no deployment record on the host');
        const record = JSON.parse(readFileSync(recordPath, 'utf8')) as { container: string; hostPort: number };
        assert.equal(record.container, 'ascend-llm-coder');
        assert.equal(record.hostPort, port);
        const jobs = await eventually(() => server.outputChannel('Ascend Jobs'), 5_000);
        assert.match(jobs, /=== Deploy/);
      });

      await step(t, s, 'completion comes from the deployed model through the SSH forward', async () => {
        const full = readFileSync(join(__dirname, '../host/demo/complete.py'), 'utf8');
        const cut = full.indexOf('        return self.price * self.quantity');
        writeFileSync(join(server.workspace, 'inventory.py'), full.slice(0, cut));
        await wb.openFile('inventory.py');
        await wb.goto(full.slice(0, cut).split('\n').length, 1);
        await wb.page.keyboard.type('        return self.pr', { delay: 60 });
        // The first keystroke starts the (lazy) lookup of the deployment on the host; later edits get suggestions.
        const ghost = await eventually(async () => {
          const g = await wb.ghostText();
          if (!g) await wb.page.keyboard.type('i', { delay: 0 }).then(() => wb.page.keyboard.press('Backspace'));
          return g;
        }, 20_000, 1_000);
        assert.match(ghost, /^ice \* self\.quantity/);
      });

      await step(t, s, 'cancelling a running quantize stops the job on the host', async () => {
        await wb.runCommand('Ascend: Quantize Model (msModelSlim)');
        const cancel = wb.page.locator('.notification-list-item', { hasText: 'Quantize Model' }).locator('.monaco-button', { hasText: 'Cancel' }).first();
        await cancel.waitFor({ state: 'visible', timeout: 30_000 });
        const jobsDir = join(host.home, '.ascend-llm', 'jobs');
        const running = await eventually(() => existsSync(jobsDir) && readdirSync(jobsDir).some((id) =>
          /quantize/.test(id) && existsSync(join(jobsDir, id, 'pid'))), 30_000);
        assert.ok(running, 'the quantize job never started on the host');
        await cancel.click();
        await wb.waitForNotification('Quantize Model cancelled', 30_000);
        const status = await eventually(() => readdirSync(jobsDir).filter((id) => /quantize/.test(id))
          .map((id) => (existsSync(join(jobsDir, id, 'status')) ? readFileSync(join(jobsDir, id, 'status'), 'utf8').trim() : ''))
          .find((x) => x === 'cancelled'), 15_000);
        assert.equal(status, 'cancelled');
      });

      await step(t, s, 'the Jobs view lists the jobs with their status, and the Hosts view the checked host', async () => {
        await wb.runCommand('View: Show Ascend');
        const rowTexts = () => wb.page.locator('.pane-body .monaco-list-row').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
        const rows = await eventually(async () => {
          const r = await rowTexts();
          return r.some((x) => /^quantize-.*cancelled/.test(x)) && r.some((x) => /^fetch-model-.*succeeded/.test(x)) ? r : undefined;
        }, 30_000, 500);
        assert.ok(rows, `jobs view rows: ${JSON.stringify(await rowTexts())}`);
        assert.ok(rows.some((x) => /^kunpeng-01.*8× 910B4/.test(x)), JSON.stringify(rows));
      });

    },
  );
});

test('a deploy whose container fails shows its last log lines and the diagnosis', async (t) => {
  const port = await freePort();
  await withVSCodeAndHost(
    {
      name: 'remote-failing-deploy',
      // The host's Ascend prefix set wrong: the container starts without the driver mounts and vLLM exits.
      hostSettings: (host) => ({ ascendPrefix: join(host.home, 'no-such-ascend') }),
      files: { 'README.md': '# failing deploy\n' },
    },
    async (s) => {
      const { wb, host, server } = s;
      writeFileSync(join(server.workspace, 'ascend-deploy.yaml'), descriptor(host.alias, host.home, port).replace('name: coder', 'name: broken'));
      await step(t, s, 'the deploy fails with the diagnosis, and Ascend Jobs shows the last log lines under their heading', async () => {
        await wb.runCommand('Ascend: Fetch Model onto Host');
        await wb.waitForNotification(/^Fetch Model: /, 60_000);
        await wb.runCommand('Ascend: Deploy vLLM Server');
        const note = await wb.waitForNotification(/^Deploy: Deploy failed/, 180_000);
        assert.match(note, /driver|Ascend platform/i, note); // a cause from the known-error catalogue
        const jobs = await eventually(() => {
          const text = server.outputChannel('Ascend Jobs');
          return /Last log lines of ascend-llm-broken/.test(text) && /Diagnosis/.test(text) ? text : undefined;
        }, 10_000);
        assert.ok(jobs, server.outputChannel('Ascend Jobs').slice(-3000));
        const lines = jobs.split('\n');
        const at = lines.findIndex((l) => /Last log lines of ascend-llm-broken/.test(l));
        assert.match(lines.slice(at + 1, at + 60).join('\n'), /Failed to infer device type/, lines.slice(at, at + 10).join('\n'));
        assert.ok(!jobs.includes('\x1b'), 'no raw terminal escapes in the output');
      });
    },
  );
});
