import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withVSCode, eventually, step } from './harness/session';
import { startSimVllm } from '../bench/completion/sim-vllm';

// The simulated vLLM's oracle knows this file, so it answers with its true continuation like a good model.
const full = `def fibonacci(n: int) -> int:
    """Return the n-th Fibonacci number."""
    if n < 2:
        return n
    return fibonacci(n - 1) + fibonacci(n - 2)


def factorial(n: int) -> int:
    """Return n!."""
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result
`;
const start = full.slice(0, full.indexOf('    return fibonacci'));
const fact = full.slice(full.indexOf('def factorial'));
// Ends mid-line: typing "1" completes the line, so the suggestion is the next line.
const factStart = fact.slice(0, fact.indexOf('result = ') + 'result = '.length);

test('inline completion from the model: ghost text, Tab accepts, status bar latency', async (t) => {
  const sim = await startSimVllm({ 'maths.py': full, 'fact.py': fact }, { ttftMs: 60, itlMs: 6 });
  try {
    await withVSCode(
      {
        name: 'completion',
        files: { 'maths.py': start, 'fact.py': factStart },
        userSettings: { 'ascend.completion.endpoint': sim.url, 'editor.inlineSuggest.enabled': true },
      },
      async (s) => {
        const { wb } = s;
        await wb.openFile('maths.py');
        await wb.goto(5, 1);

        await step(t, s, 'typing shows ghost text from the model; its first piece grows to the whole line without a keystroke', async () => {
          await wb.page.keyboard.type('    return fib', { delay: 40 });
          // The provider returns the first piece at once and re-triggers the suggestion when the line is complete:
          // with no further keystroke, only that re-trigger can bring the whole line.
          const ghost = await eventually(async () => {
            const g = (await wb.ghostText()).replace(/\u00a0/g, ' ');
            return g.includes('fibonacci(n - 2)') ? g : undefined;
          }, 8_000, 50);
          assert.match(ghost ?? '', /^onacci\(n - 1\) \+ fibonacci\(n - 2\)/);
        });

        await step(t, s, 'accept next word takes one word; the rest stays on screen from the cache', async () => {
          const before = (await wb.ghostText()).replace(/\u00a0/g, ' ');
          // (The editor's view lines include the ghost text, so the word taken shows as a shorter ghost text.)
          const shorter = async () => {
            const g = (await wb.ghostText()).replace(/\u00a0/g, ' ');
            return g && g !== before && before.endsWith(g) ? g : undefined;
          };
          let rest: string | undefined;
          // The key is pressed again only while nothing was taken (the suggestion-visible context can lag under load).
          for (let attempt = 0; attempt < 3 && !rest; attempt++) {
            await wb.page.keyboard.press('Control+ArrowRight'); // editor.action.inlineSuggest.acceptNextWord
            rest = await eventually(shorter, 2_000, 50);
          }
          assert.ok(rest, `no word accepted, or the rest is gone: ${JSON.stringify(await wb.ghostText())}`);
          assert.ok(rest.startsWith('(n - 1) + fibonacci(n - 2)'), rest);
          const line = (await wb.editorText()).split('\n').find((l) => l.startsWith('    return fib'));
          assert.equal(line, '    return fibonacci(n - 1) + fibonacci(n - 2)');
        });

        await step(t, s, 'Tab accepts the suggestion', async () => {
          await wb.page.keyboard.press('Tab');
          const text = await eventually(async () => {
            const x = await wb.editorText();
            return x.includes('return fibonacci(n - 1) + fibonacci(n - 2)') ? x : undefined;
          }, 5_000);
          assert.ok(text, `accepted text not in the editor: ${await wb.editorText()}`);
        });

        await step(t, s, 'at the end of a line the next line is suggested, and Tab accepts it', async () => {
          await wb.openFile('fact.py');
          await wb.goto(3, 14);
          await wb.page.keyboard.type('1', { delay: 40 }); // "    result = 1": the line is complete
          // The first piece ("for") comes first and grows to the whole line.
          const ghost = await eventually(async () => {
            const g = (await wb.ghostText()).trim();
            return g === 'for i in range(2, n + 1):' ? g : undefined;
          }, 8_000, 50);
          assert.equal(ghost, 'for i in range(2, n + 1):', `ghost text: ${JSON.stringify(await wb.ghostText())}`);
          await wb.page.keyboard.press('Tab');
          const after = await eventually(async () => {
            const x = await wb.editorText();
            return x.includes('    result = 1\n    for i in range(2, n + 1):') ? x : undefined;
          }, 5_000);
          assert.ok(after, `the next line was not accepted: ${await wb.editorText()}`);
        });

        await step(t, s, 'the status bar shows the latency of misses', async () => {
          const item = await eventually(async () => (await wb.statusBar()).find((x) => /Ascend \d+\/\d+ ms/.test(x)), 10_000, 500);
          assert.ok(item, `status bar: ${JSON.stringify(await wb.statusBar())}`);
        });
      },
    );
  } finally {
    await sim.stop();
  }
});
