import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfigFile } from '../../../src/core/config/index';
import { analyzeText } from '../analysis/analyze-text';

// A JSON config for `vllm serve --config` with an unknown key, a wrong type, a bad choice and a duplicate key.
const text = `{
  "model": "deepseek-ai/deepseek-coder-6.7b-base",
  "max-batch-size": 256,
  "max-model-len": "long",
  "dtype": "fp8e4",
  "tensor-parallel-size": 2,
  "tensor-parallel-size": 4
}
`;
const codes = (fs: Array<{ code?: string }> | null): string[] => [...new Set((fs ?? []).map((f) => f.code ?? ''))].sort();

test('a JSON vLLM config in the editor: schema findings are left to the JSON service, the YAML error stays', () => {
  const engine = codes(validateConfigFile({ fileName: 'serve.vllm.json', text }));
  // The engine itself (what the CLI prints) reports them all…
  for (const c of ['ASC103', 'ASC110', 'ASC112', 'ASC113', 'ASC114']) assert.ok(engine.includes(c), `engine lacks ${c}: ${engine.join(',')}`);
  // …the server leaves what jsonValidation reports to VS Code's JSON service.
  const server = analyzeText('/w/serve.vllm.json', text, { jsonService: true });
  const got = codes(server);
  assert.ok(got.includes('ASC103'), got.join(','));
  for (const c of ['ASC100', 'ASC110', 'ASC112', 'ASC113', 'ASC114']) assert.ok(!got.includes(c), `server repeats ${c}`);
  const yamlError = server?.find((f) => f.code === 'ASC103');
  assert.ok(yamlError?.fixes?.length, 'the convert-to-YAML fix is kept');
});

test('the same keys in a YAML config keep every schema finding in the server', () => {
  const yaml = 'max-batch-size: 256\nmax-model-len: long\ndtype: fp8e4\n';
  const got = codes(analyzeText('/w/serve.vllm.yaml', yaml, { jsonService: true }));
  for (const c of ['ASC110', 'ASC112', 'ASC113']) assert.ok(got.includes(c), `${c} missing: ${got.join(',')}`);
});
