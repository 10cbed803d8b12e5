import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withVSCode, eventually, step } from './harness/session';
import { contributedCommands } from './contributions';
import { EXTENSION_ID } from './harness/paths';

const descriptor = `version: 1
name: coder
target:
  host: kunpeng-01
  chip: 910B4
  vllmAscend: v0.23.0
model:
  id: deepseek-ai/deepseek-coder-6.7b-base
image:
  tag: ascend-llm/coder:v0.23.0
`;

test('in a trusted workspace: activation, palette and not-yet-available commands', async (t) => {
  await withVSCode({ name: 'foundation-trusted', files: { 'ascend-deploy.yaml': descriptor } }, async (s) => {
    const { server, wb } = s;
    await step(t, s, 'the extension activates with no error in the extension host log', async () => {
      const log = await eventually(() => server.extHostLog().includes(`ExtensionService#_doActivateExtension ${EXTENSION_ID}`) && server.extHostLog(), 30_000);
      assert.ok(log, 'extension host log never showed our activation');
      const ours = await eventually(() => /activated/.test(server.extensionLog()) && server.extensionLog(), 20_000);
      assert.ok(ours, `our log never said "activated":\n${server.extensionLog()}`);
      const errors = server.extHostLog().split('\n').filter((l) => /\[error\]/i.test(l) && l.includes(EXTENSION_ID));
      assert.deepEqual(errors, []);
      assert.doesNotMatch(server.extHostLog(), new RegExp(`Activating extension '?${EXTENSION_ID.replace('.', '\\.')}'? failed`));
    });

    await step(t, s, 'every contributed command appears in the palette', async () => {
      assert.ok(contributedCommands.length >= 8);
      for (const { title } of contributedCommands) {
        const entries = await wb.paletteEntries(title);
        assert.ok(entries.some((e) => e.startsWith(title)), `"${title}" not in palette; saw ${JSON.stringify(entries)}`);
      }
    });

    await step(t, s, 'a command whose feature has not landed says so', async () => {
      await wb.runCommand('Ascend: Deploy vLLM Server');
      const text = await wb.waitForNotification('is not available yet');
      assert.match(text, /Deploy vLLM Server/);
    });
  });
});

test('in an untrusted workspace, a host command says why it is off', async () => {
  await withVSCode(
    { name: 'foundation-untrusted', workspaceTrust: true, files: { 'ascend-deploy.yaml': descriptor } },
    async ({ wb }) => {
      await wb.runCommand('Ascend: Check Host');
      const text = await wb.waitForNotification('Restricted Mode');
      assert.match(text, /Check Host/);
      assert.match(text, /Trust the workspace/);
    },
  );
});
