import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { eventually, step, withVSCode } from './harness/session';
import { layOutLocalHost } from '../host/local-host';
import { freePort } from '../support/ports';

// VS Code ON the Ascend server (Remote-SSH / code-server there): code-server runs with the simulated host's shims
// on its PATH and HOME at the host's home — no sshd anywhere — and the descriptor says `target.host: local`.
// Check Host, Fetch Model + Deploy, the NPU monitor and ghost text from the deployed model all run on this machine.
const descriptor = (home: string, port: number) => `version: 1
name: coder
target: { host: local, chip: 910B4, vllmAscend: v0.23.0 }
model:
  id: deepseek-ai/deepseek-coder-1.3b-base
  source: modelscope
  hostPath: ${home}/models/deepseek-coder-1.3b-base
image: { tag: quay.io/ascend/vllm-ascend:v0.23.0 }
runtime: { npus: [0, 1], shmSize: 1g, publish: { address: 127.0.0.1, port: ${port} } }
serve: { served-model-name: deepseek-coder, max-model-len: 4096, tensor-parallel-size: 2 }
`;

async function cards(frame: Frame): Promise<Record<string, string>> {
  return frame.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll<HTMLElement>('.chip-card'))
    .map((c) => [c.dataset.chip ?? '', (c.textContent ?? '').replace(/\s+/g, ' ').trim()])));
}

test('target.host: local — VS Code on the Ascend server itself, no SSH', async (t) => {
  const port = await freePort();
  const host = layOutLocalHost({ latency: { startupMs: 800 } });
  try {
    await withVSCode(
      {
        name: 'local-target',
        home: host.home,
        env: { PATH: `${host.binDir}:${process.env.PATH ?? '/usr/bin:/bin'}` },
        userSettings: { 'ascend.hosts': { local: host.hostsEntry } },
        files: { 'ascend-deploy.yaml': descriptor(host.home, port) },
      },
      async (s) => {
        const { wb, server } = s;

        await step(t, s, 'Check Host checks this machine and opens its report', async () => {
          await wb.runCommand('Ascend: Check Host');
          const note = await wb.waitForNotification(/Host local: \d+ passed, \d+ warnings, \d+ failed/, 60_000);
          assert.match(note, /0 failed/);
          const frame = await wb.webviewFrame(30_000);
          const heading = await eventually(() => frame.locator('h1').first().textContent().catch(() => null), 15_000);
          assert.equal(heading?.trim(), 'Host check: local');
          const rows = await frame.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) =>
            Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));
          assert.ok(rows.some((r) => r[0] === '✔ Pass' && r[1] === 'Architecture' && r[2].startsWith('aarch64')), JSON.stringify(rows.slice(0, 5)));
          await wb.runCommand('View: Close All Editors');
          assert.equal(existsSync(join(host.home, '.ssh', 'known_hosts')), false, 'no SSH was involved');
        });

        await step(t, s, 'Fetch Model and Deploy reach a healthy server on this machine', async () => {
          await wb.runCommand('Ascend: Fetch Model onto Host');
          await wb.waitForNotification(/^Fetch Model: /, 60_000);
          await wb.runCommand('Ascend: Deploy vLLM Server');
          const done = await wb.waitForNotification(/^Deploy: /, 120_000);
          assert.doesNotMatch(done, /fail/i);
          const record = JSON.parse(readFileSync(join(host.home, '.ascend-llm', 'deployments', 'coder.json'), 'utf8')) as { container: string; hostPort: number };
          assert.equal(record.hostPort, port);
          const models = await (await fetch(`http://127.0.0.1:${port}/v1/models`)).json() as { data: Array<{ id: string }> };
          assert.ok(models.data.some((m) => m.id === 'deepseek-coder'), 'the server answers on its own loopback port');
          assert.match(await eventually(() => server.outputChannel('Ascend Jobs'), 5_000), /=== Deploy/);
        });

        await step(t, s, 'the NPU monitor shows this machine\'s 8 chips and the deployment', async () => {
          await wb.runCommand('View: Close All Editors');
          await wb.runCommand('Ascend: Open NPU Monitor');
          const f = await wb.webviewFrame(60_000);
          const first = await eventually(async () => {
            const c = await cards(f);
            return Object.keys(c).length === 8 && Object.values(c).every((x) => /910B4/.test(x)) ? c : undefined;
          }, 60_000, 500);
          assert.ok(first, `chips: ${JSON.stringify(await cards(f))}`);
          const rows = await eventually(async () => {
            const r = await f.locator('.processes tbody tr').allTextContents();
            return r.some((x) => /ascend-llm-coder/.test(x)) ? r : undefined;
          }, 45_000, 500);
          assert.ok(rows, 'the deployment is not in the process table');
          await wb.runCommand('View: Close All Editors');
        });

        await step(t, s, 'ghost text comes from the deployed model on its loopback port (no forward)', async () => {
          const full = readFileSync(join(__dirname, '../host/demo/complete.py'), 'utf8');
          const cut = full.indexOf('        return self.price * self.quantity');
          writeFileSync(join(server.workspace, 'inventory.py'), full.slice(0, cut));
          await wb.openFile('inventory.py');
          await wb.goto(full.slice(0, cut).split('\n').length, 1);
          await wb.page.keyboard.type('        return self.pr', { delay: 60 });
          const ghost = await eventually(async () => {
            const g = await wb.ghostText();
            if (!g) await wb.page.keyboard.type('i', { delay: 0 }).then(() => wb.page.keyboard.press('Backspace'));
            return g;
          }, 20_000, 1_000);
          assert.match(ghost, /^ice \* self\.quantity/);
          assert.match(server.extensionLog(), new RegExp(`completion: deployment coder on local:${port} via 127\\.0\\.0\\.1:${port}`));
        });
      },
    );
  } finally {
    await host.stop();
  }
});
