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

test('in a trusted workspace: activation, palette, and a host command without a descriptor', async (t) => {
  // No ascend-deploy.yaml here: a vLLM config activates the extension.
  await withVSCode({ name: 'foundation-trusted', files: { 'serve.vllm.yaml': 'max-model-len: 4096\n' } }, async (s) => {
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

    await step(t, s, 'a host command in a workspace without a descriptor says what to do', async () => {
      await wb.runCommand('Ascend: Deploy vLLM Server');
      const text = await wb.waitForNotification('No ascend-deploy.yaml');
      assert.match(text, /create one first/);
      // The error names the command by its title, never by its id.
      assert.match(text, /^Deploy vLLM Server failed: No ascend-deploy\.yaml/);
      assert.doesNotMatch(text, /ascend\.deploy/);
    });
  });
});

// The Jobs view's row actions are hidden from the palette; a keybinding (or another extension) can still run them
// with any argument, so they must pass the same gate.
const jobRow = { alias: 'kunpeng-01', job: { id: 'deploy-1', status: 'running', alive: true } };
const keybindings = [
  { key: 'ctrl+alt+shift+8', command: 'ascend.jobs.cancel', args: jobRow },
  { key: 'ctrl+alt+shift+9', command: 'ascend.jobs.reattach', args: jobRow },
];

test('in an untrusted workspace, host commands and the Jobs view\'s actions say why they are off', async (t) => {
  await withVSCode(
    { name: 'foundation-untrusted', workspaceTrust: true, files: { 'ascend-deploy.yaml': descriptor }, userKeybindings: keybindings },
    async (s) => {
      const { wb, server } = s;
      await step(t, s, 'a palette host command', async () => {
        await wb.runCommand('Ascend: Check Host');
        const text = await wb.waitForNotification('Restricted Mode');
        assert.match(text, /Check Host/);
        assert.match(text, /Trust the workspace/);
      });
      for (const [key, title] of [['Control+Alt+Shift+8', 'Cancel Job'], ['Control+Alt+Shift+9', 'Re-attach to Job']]) {
        await step(t, s, `the Jobs view's "${title}"`, async () => {
          await wb.page.locator('.monaco-workbench').click({ position: { x: 600, y: 400 }, force: true });
          await wb.page.keyboard.press(key);
          const text = await wb.waitForNotification(`"${title}" is off in Restricted Mode`);
          assert.match(text, /Trust the workspace/);
          assert.doesNotMatch(server.extensionLog(), /ssh kunpeng-01: connecting|failed:/, 'the gate came after a connection attempt');
        });
      }
    },
  );
});
