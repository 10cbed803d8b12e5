import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withVSCode, eventually, step } from './harness/session';
import type { Problem } from './harness/workbench';

// The article's config (000_1bc7bb7b57242b09.txt), as a vLLM serve config, and its Dockerfile commands.
const articleConfig = `model: deepseek-ai/DeepSeek-6B
tensor_parallel_size: 4
dtype: half
device: npu
max_batch_size: 256
max-model-len: 4096
`;
const articleDockerfile = `FROM ascend-cann-toolkit:6.3.0
RUN dnf install -y python3.9
RUN pip install torch==1.13.1+npu -f https://download.pytorch.org/whl/torch_stable.html
CMD ["python", "-m", "vllm.entrypoints.api_server", "--model", "/models/deepseek"]
`;

const has = (problems: Problem[], file: string, line: number, re: RegExp) =>
  problems.some((p) => p.file.startsWith(file) && p.line === line && re.test(p.message));

test('config editing: diagnostics in Problems, a quick fix, and hover docs', async (t) => {
  await withVSCode(
    { name: 'config-editing', files: { 'serve.vllm.yaml': articleConfig, Dockerfile: articleDockerfile } },
    async (s) => {
      const { wb } = s;
      await wb.openFile('serve.vllm.yaml');

      await step(t, s, 'the Problems panel lists the article mistakes at their lines', async () => {
        const problems = await eventually(async () => {
          const ps = await wb.problems();
          return has(ps, 'serve.vllm.yaml', 4, /device/) ? ps : undefined;
        }, 45_000, 1_000);
        assert.ok(problems, 'no diagnostics for serve.vllm.yaml');
        assert.ok(has(problems, 'serve.vllm.yaml', 1, /DeepSeek-6B/), JSON.stringify(problems, null, 1));
        assert.ok(has(problems, 'serve.vllm.yaml', 5, /max_batch_size/), JSON.stringify(problems, null, 1));
        assert.ok(problems.filter((p) => p.file.startsWith('serve.vllm.yaml')).every((p) => p.severity !== 'error' || p.line !== 6),
          'max-model-len: 4096 is valid and must not be flagged');
      });

      await step(t, s, 'a quick fix deletes the removed "device" key', async () => {
        await wb.goto(4, 2);
        await wb.applyQuickFix('Delete "device"');
        const text = await eventually(async () => {
          const x = await wb.editorText();
          return x.includes('device: npu') ? undefined : x;
        }, 10_000);
        assert.ok(text, 'the device line is still there');
        assert.match(text, /max_batch_size: 256/);
      });

      await step(t, s, 'hover on a key shows its documentation', async () => {
        const text = await wb.editorText();
        const line = text.split('\n').findIndex((l) => l.startsWith('max-model-len')) + 1;
        assert.ok(line > 0);
        await wb.goto(line, 3);
        const hover = await wb.hoverText();
        assert.match(hover, /max-model-len|max_model_len/);
        assert.match(hover, /context length|Model context|integer/i);
      });

      await step(t, s, 'the Dockerfile gets the Ascend rules', async () => {
        await wb.openFile('Dockerfile');
        const problems = await eventually(async () => {
          const ps = await wb.problems();
          return ps.some((p) => p.file.startsWith('Dockerfile')) ? ps : undefined;
        }, 30_000, 1_000);
        assert.ok(problems, 'no diagnostics for Dockerfile');
        assert.ok(has(problems, 'Dockerfile', 1, /ascend-cann-toolkit|vllm-ascend/), JSON.stringify(problems, null, 1));
        assert.ok(has(problems, 'Dockerfile', 4, /api_server|vllm serve/), JSON.stringify(problems, null, 1));
      });
    },
  );
});
