// The generated schemas: up to date with the TSVs, and faithful to what vLLM enforces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';

const root = resolve(__dirname, '../../..');
const load = (name: string): object => JSON.parse(readFileSync(resolve(root, 'schemas', name), 'utf8')) as object;
const serve = load('vllm-serve.schema.json');
const serveZh = load('vllm-serve.schema.zh-cn.json');
const deploy = load('ascend-deploy.schema.json');
const ascend = load('vllm-ascend-additional-config.schema.json');

test('regenerating the schemas from schemas/source gives the committed files', () => {
  const r = spawnSync(process.execPath, ['scripts/gen-schemas.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

type Defs = Record<string, { enum?: unknown[]; 'x-knownValues'?: string[]; default?: unknown; 'x-removedIn'?: string; description?: string }>;
const defs = (serve as unknown as { definitions: Defs }).definitions;

test('enum only where vLLM enforces the choices', () => {
  assert.deepEqual(defs.dtype.enum, ['auto', 'bfloat16', 'float', 'float16', 'float32', 'half']);
  // tokenizer-mode choices are advisory (Literal|str): completion only, no enum.
  assert.equal(defs['tokenizer-mode'].enum, undefined);
  assert.ok(defs['tokenizer-mode']['x-knownValues']?.includes('hf'));
  // On Ascend only these quantization methods pass the platform check.
  assert.deepEqual(defs.quantization.enum, ['ascend', 'compressed-tensors', 'fp8', 'deepseek_v4_fp8', null]);
  assert.equal(defs['gpu-memory-utilization'].default, 0.92);
});

test('keys are accepted with dashes or underscores, and no-<flag> forms exist', () => {
  const v = new Ajv({ strict: false }).compile(serve);
  assert.ok(v({ 'max_num_seqs': 8, 'max-model-len': '16k', 'no-enable-prefix-caching': true, 'compilation-config.mode': 3 }));
  assert.ok(!v({ device: 'npu' }));
});

test('the additional_config schema marks removed keys with their version', () => {
  const props = (ascend as unknown as { properties: Defs }).properties;
  assert.equal(props.torchair_graph_config['x-removedIn'], 'v0.12.0rc1');
  assert.equal(props.ascend_scheduler_config['x-removedIn'], 'v0.12.0rc1');
  assert.equal(props.enable_cpu_binding['x-removedIn'], undefined);
});

test('the deploy schema requires the contract keys and checks the name', () => {
  const v = new Ajv({ strict: false, allErrors: true }).compile(deploy);
  assert.ok(v({ version: 1, name: 'coder', target: { host: 'h' }, model: { id: 'm' }, image: { tag: 't' } }));
  assert.ok(!v({ version: 1, name: 'Coder', target: { host: 'h' }, model: { id: 'm' }, image: { tag: 't' } }));
  assert.ok(!v({ version: 1, name: 'x'.repeat(41), target: { host: 'h' }, model: { id: 'm' }, image: { tag: 't' } }));
  assert.ok(!v({ name: 'coder', target: { host: 'h' }, model: { id: 'm' }, image: { tag: 't' } }));
});

test('the zh-cn schema has Chinese descriptions for the key options', () => {
  const zh = (serveZh as unknown as { definitions: Defs }).definitions;
  assert.match(zh['max-model-len'].description ?? '', /[\u4e00-\u9fff]/);
  assert.match(zh['tensor-parallel-size'].description ?? '', /[\u4e00-\u9fff]/);
  assert.equal(zh.dtype.enum?.length, defs.dtype.enum?.length);
});

/** Every `description` (and the schema's title) of a zh-cn schema, paired with the English one at the same path. */
function descriptionPairs(en: unknown, zh: unknown, path: string, out: Array<[string, string, unknown]>): void {
  if (!en || typeof en !== 'object') return;
  for (const [key, value] of Object.entries(en)) {
    const other = (zh as Record<string, unknown> | undefined)?.[key];
    if ((key === 'description' || (key === 'title' && path === '')) && typeof value === 'string') out.push([`${path}/${key}`, value, other]);
    else if (value && typeof value === 'object') descriptionPairs(value, other, `${path}/${key}`, out);
  }
}

const CJK = /[\u4e00-\u9fff]/;
/** Text that needs no translation: an identifier, a path or a URL. */
const IDENTIFIER_ONLY = /^[\w.:/@<>-]+$/;

const LINES = (JSON.parse(readFileSync(resolve(root, 'schemas/source/release-lines.json'), 'utf8')) as { lines: Array<{ line: string }> }).lines.map((l) => l.line);
for (const name of ['vllm-serve', 'vllm-ascend-additional-config', 'ascend-deploy', ...LINES.flatMap((l) => [`vllm-serve@${l}`, `vllm-ascend-additional-config@${l}`])]) {
  test(`every description in ${name}.schema.zh-cn.json is Chinese`, () => {
    const pairs: Array<[string, string, unknown]> = [];
    descriptionPairs(load(`${name}.schema.json`), load(`${name}.schema.zh-cn.json`), '', pairs);
    assert.ok(pairs.length > 10, `only ${pairs.length} descriptions found`);
    const bad = pairs.filter(([, en, zh]) => typeof zh !== 'string'
      || (!IDENTIFIER_ONLY.test(en) && (zh === en || !CJK.test(zh))));
    assert.deepEqual(bad.map(([path, en]) => `${path}: ${en}`), []);
  });
}

test('zh-cn hover text starts with the Chinese description and keeps the notes', () => {
  type Def = { description?: string; markdownDescription?: string };
  const en = (serve as unknown as { definitions: Record<string, Def> }).definitions;
  const zh = (serveZh as unknown as { definitions: Record<string, Def> }).definitions;
  for (const [key, def] of Object.entries(zh)) {
    if (!def.markdownDescription) continue;
    assert.ok(def.markdownDescription.startsWith(def.description ?? '\u0000'), key);
    assert.equal(def.markdownDescription.slice(def.description!.length), en[key].markdownDescription!.slice(en[key].description!.length), key);
  }
});
