// Completion, hover and symbols for config files, in English and Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configCompletions, configHover, configSymbols, classifyConfigFile, validateConfigFile } from '../../../src/core/config/index';
import { fixture } from './fixtures';

test('classifies files by name and modeline', () => {
  assert.equal(classifyConfigFile('a/serve.vllm.yaml', ''), 'vllm-serve');
  assert.equal(classifyConfigFile('vllm-config.yml', ''), 'vllm-serve');
  assert.equal(classifyConfigFile('x/ascend-deploy.yaml', ''), 'deploy');
  assert.equal(classifyConfigFile('config.vllm.json', '{}'), 'vllm-json');
  assert.equal(classifyConfigFile('other.yaml', '# ascend-llm: deploy\nversion: 1\n'), 'deploy');
  assert.equal(classifyConfigFile('other.yaml', 'a: 1\n'), null);
  assert.equal(classifyConfigFile('Dockerfile', 'FROM x'), null);
});

test('key completion: model first, then common keys, with docs', () => {
  const items = configCompletions({ fileName: 'a.vllm.yaml', text: 'dtype: half\nmax\n', line: 1, column: 3 });
  const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
  assert.equal(sorted[0].label, 'model');
  const mml = items.find((i) => i.label === 'max-model-len');
  assert.ok(mml);
  assert.equal(mml.insertText, 'max-model-len: ');
  assert.match(mml.documentation ?? '', /Maximum context length/);
  assert.ok(items.some((i) => i.label === 'no-enable-prefix-caching'));
});

test('key completion follows the file\'s underscore style', () => {
  const items = configCompletions({ fileName: 'a.vllm.yaml', text: 'tensor_parallel_size: 1\nmax_num_seqs: 8\n\n', line: 2, column: 0 });
  assert.ok(items.some((i) => i.label === 'max_model_len'));
});

test('value completion offers the allowed values', () => {
  const items = configCompletions({ fileName: 'a.vllm.yaml', text: 'dtype: \n', line: 0, column: 7 });
  assert.deepEqual(items.map((i) => i.label).sort(), ['auto', 'bfloat16', 'float', 'float16', 'float32', 'half']);
  const chips = configCompletions({ fileName: 'ascend-deploy.yaml', text: 'target:\n  chip: \n', line: 1, column: 8 });
  assert.ok(chips.some((i) => i.label === '310P3'));
});

test('descriptor completion: required keys first, nested keys, and serve keys under serve', () => {
  const top = configCompletions({ fileName: 'ascend-deploy.yaml', text: '\n', line: 0, column: 0 });
  const req = top.filter((i) => i.kind === 'key' && i.sortText?.startsWith('0')).map((i) => i.label).sort();
  assert.deepEqual(req, ['image', 'model', 'name', 'target', 'version']);
  const snippet = top.find((i) => i.kind === 'snippet');
  assert.ok(snippet);
  assert.deepEqual(validateConfigFile({ fileName: 'ascend-deploy.yaml', text: snippet.insertText })?.filter((f) => f.severity !== 'info'), []);
  const nested = configCompletions({ fileName: 'ascend-deploy.yaml', text: 'target:\n  \n', line: 1, column: 2 });
  assert.deepEqual(nested.map((i) => i.label).sort(), ['chip', 'host', 'hosts', 'vllmAscend']);
  const serve = configCompletions({ fileName: 'ascend-deploy.yaml', text: 'serve:\n  max-n\n', line: 1, column: 7 });
  assert.ok(serve.some((i) => i.label === 'max-num-seqs'));
  const ac = configCompletions({ fileName: 'x.vllm.yaml', text: 'additional-config:\n  \n', line: 1, column: 2 });
  assert.ok(ac.some((i) => i.label === 'enable_cpu_binding'));
  assert.ok(!ac.some((i) => i.label === 'torchair_graph_config'));
});

test('the serve snippet is a working config', () => {
  const snippet = configCompletions({ fileName: 'a.vllm.yaml', text: '', line: 0, column: 0 }).find((i) => i.kind === 'snippet');
  assert.ok(snippet);
  assert.deepEqual(validateConfigFile({ fileName: 'a.vllm.yaml', text: snippet.insertText })?.filter((f) => f.severity !== 'info'), []);
});

test('hover shows type, default, allowed values, version and link', () => {
  const h = configHover({ fileName: 'a.vllm.yaml', text: 'model: m\ndtype: half\n', line: 1, column: 2 });
  assert.ok(h);
  assert.match(h, /`--dtype`/);
  assert.match(h, /Default: `"auto"`/);
  assert.match(h, /Allowed values: `auto`, `bfloat16`/);
  assert.match(h, /vLLM v0\.23\.0 \/ vllm-ascend v0\.23\.0/);
  assert.match(h, /\(https:\/\/github\.com\/vllm-project\/vllm\/blob\/[0-9a-f]{40}\//);
  const onValue = configHover({ fileName: 'a.vllm.yaml', text: 'model: m\ndtype: half\n', line: 1, column: 8 });
  assert.equal(onValue, h);
  assert.equal(configHover({ fileName: 'a.vllm.yaml', text: 'bogus: 1\n', line: 0, column: 2 }), null);
});

test('hover in Chinese uses the zh-cn schema', () => {
  const h = configHover({ fileName: 'a.vllm.yaml', text: 'max-model-len: 4096\n', line: 0, column: 3, locale: 'zh-cn' });
  assert.match(h ?? '', /每个请求的最大上下文长度/);
  const d = configHover({ fileName: 'ascend-deploy.yaml', text: 'target:\n  host: a\n', line: 1, column: 3, locale: 'zh-cn' });
  assert.match(d ?? '', /Host 别名/);
});

test('hover on a removed additional-config key says so', () => {
  const h = configHover({ fileName: 'a.vllm.yaml', text: 'additional-config:\n  torchair_graph_config:\n    enabled: true\n', line: 1, column: 5 });
  assert.match(h ?? '', /Removed in vllm-ascend v0\.12\.0rc1/);
});

test('document symbols nest and carry key ranges', () => {
  const s = configSymbols({ fileName: 'ascend-deploy.yaml', text: fixture('deploy-910b/ascend-deploy.yaml') });
  assert.deepEqual(s.map((x) => x.name), ['version', 'name', 'target', 'model', 'image', 'runtime', 'serve']);
  const target = s[2];
  assert.deepEqual(target.children?.map((x) => x.name), ['host', 'chip', 'vllmAscend']);
  assert.deepEqual(target.selectionRange, { startLine: 2, startColumn: 0, endLine: 2, endColumn: 6 });
  assert.equal(target.range.startLine, 2);
  assert.equal(target.children?.[1].detail, '910B4');
});

test('no input crashes the engine: every prefix of the fixtures, while typing', () => {
  const files: Array<[string, string]> = [
    ['a.vllm.yaml', fixture('mistakes.vllm.yaml')],
    ['ascend-deploy.yaml', fixture('deploy-310p/ascend-deploy.yaml')],
    ['c.vllm.json', fixture('article-config.vllm.json')],
    ['ascend-deploy.yaml', ''],
    ['x.vllm.yaml', '- a\n- b\n'],
    ['x.vllm.yaml', 'a: [\n'],
  ];
  for (const [name, text] of files) {
    for (let n = 0; n <= text.length; n += 11) {
      const part = text.slice(0, n);
      const lines = part.split('\n');
      const line = lines.length - 1;
      const column = lines[line].length;
      assert.ok(Array.isArray(validateConfigFile({ fileName: name, text: part })));
      configCompletions({ fileName: name, text: part, line, column });
      configHover({ fileName: name, text: part, line, column: Math.max(0, column - 1) });
      configSymbols({ fileName: name, text: part });
    }
  }
});
