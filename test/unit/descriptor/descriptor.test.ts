import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DescriptorError, loadDescriptor, parseDescriptor, resolveRelative } from '../../../src/core/descriptor/index';
import { CODER_YAML } from '../remote/inputs';

test('the docs/contracts.md §1 sketch loads into typed fields', () => {
  const d = parseDescriptor(CODER_YAML);
  assert.equal(d.name, 'coder');
  assert.equal(d.target.vllmAscend, 'v0.23.0');
  assert.deepEqual(d.runtime.npus, [2, 3]);
  assert.deepEqual(d.runtime.publish, { address: '127.0.0.1', port: 8000 });
  assert.deepEqual(d.runtime.env, { PYTORCH_NPU_ALLOC_CONF: 'expandable_segments:True' });
  assert.equal(d.serve['max-model-len'], 16384);
});

test('every problem is reported at once', () => {
  const bad = 'version: 2\nname: Bad_Name\ntarget: {}\nmodel: { id: x, source: ftp }\nruntime: { npus: [1, 1], shmSize: lots }\n';
  assert.throws(() => parseDescriptor(bad, 'x.yaml'), (e: unknown) => {
    assert.ok(e instanceof DescriptorError);
    const all = e.problems.join('\n');
    for (const part of ['"version" must be 1', 'Invalid deployment name', '"target.host" is required', '"model.source" must be one of', 'runtime.npus', 'runtime.shmSize', '"image" is required']) {
      assert.ok(all.includes(part), `missing "${part}" in:\n${all}`);
    }
    return true;
  });
});

test('YAML syntax errors name the line', () => {
  assert.throws(() => parseDescriptor('version: 1\nname: [unclosed\n'), /line \d+/);
});

test('serve.config is read relative to the descriptor and merged under inline keys', async () => {
  const yaml = CODER_YAML.replace('serve:\n  served-model-name: deepseek-coder\n', 'serve:\n  config: ./serve.vllm.yaml\n  served-model-name: inline-name\n');
  const asked: string[] = [];
  const d = await loadDescriptor(yaml, '/ws/proj/ascend-deploy.yaml', (p) => {
    asked.push(p);
    return 'served-model-name: from-file\ndtype: bfloat16\nmax-model-len: 8192\n';
  });
  assert.deepEqual(asked, ['/ws/proj/serve.vllm.yaml']);
  assert.equal(d.serveConfigPath, '/ws/proj/serve.vllm.yaml');
  assert.equal(d.serve['served-model-name'], 'inline-name');
  assert.equal(d.serve.dtype, 'bfloat16');
  assert.equal(d.serve['max-model-len'], 16384);
});

test('a missing serve.config file is a clear error', async () => {
  const yaml = CODER_YAML.replace('serve:\n', 'serve:\n  config: conf/serve.yaml\n');
  await assert.rejects(loadDescriptor(yaml, '/ws/ascend-deploy.yaml', () => undefined), /Cannot read the serve config file \/ws\/conf\/serve\.yaml/);
});

test('serve.config must be YAML', () => {
  assert.throws(() => parseDescriptor(CODER_YAML.replace('serve:\n', 'serve:\n  config: serve.json\n')), /yaml or \.yml/);
});

test('relative paths keep the descriptor separator style and resolve ..', () => {
  assert.equal(resolveRelative('/a/b/ascend-deploy.yaml', '../c/s.yaml'), '/a/c/s.yaml');
  assert.equal(resolveRelative('C:\\w\\ascend-deploy.yaml', 'sub\\s.yaml'), 'C:\\w\\sub\\s.yaml');
  assert.equal(resolveRelative('/a/ascend-deploy.yaml', '/abs/s.yaml'), '/abs/s.yaml');
});
