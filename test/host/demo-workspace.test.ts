// The demo workspace npm start opens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { DEMO_CORPUS_FILE, writeDemoWorkspace } from './demo-workspace.js';

test('the descriptor is valid and points at the host; the vLLM config and Dockerfile carry the article mistakes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simhost-demo-'));
  try {
    writeDemoWorkspace(dir, { alias: 'kunpeng-sim', home: '/tmp/h' });
    const desc = parse(readFileSync(join(dir, 'ascend-deploy.yaml'), 'utf8')) as { target: { host: string }; model: { hostPath: string } };
    const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'ascend-deploy.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.ok(validate(desc), JSON.stringify(validate.errors));
    assert.equal(desc.target.host, 'kunpeng-sim');
    assert.equal(desc.model.hostPath, '/tmp/h/models/deepseek-coder-6.7b-base');
    const serve = parse(readFileSync(join(dir, 'serve.vllm.yaml'), 'utf8')) as Record<string, unknown>;
    assert.equal(serve.device, 'npu');
    assert.equal(serve.max_batch_size, 256);
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /ascend-cann-toolkit:6\.3\.0/);
    assert.match(dockerfile, /torch==1\.13\.1\+npu/);
    const py = readFileSync(join(dir, 'inventory.py'), 'utf8');
    assert.ok(py.length > 100 && readFileSync(DEMO_CORPUS_FILE, 'utf8').startsWith(py));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
