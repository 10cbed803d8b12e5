// The version catalogue: each release line's schema against the source excerpt it was generated from, and keys
// added or removed between lines reported with the right since/until.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RELEASE_LINES } from '../../../src/core/versions/release-lines';
import { validateConfigFile } from '../../../src/core/config/index';

const root = resolve(__dirname, '../../..');
const read = (p: string): string => readFileSync(resolve(root, p), 'utf8');
type Def = { 'x-type'?: string; enum?: unknown[]; default?: unknown; 'x-hasNoForm'?: boolean; 'x-since'?: string; 'x-aliases'?: string[]; 'x-choices'?: string };
type Schema = { definitions: Record<string, Def>; 'x-source': string; 'x-otherKeys': Record<string, { since: string; removedIn?: string; lines: string[] }> };
const lines = JSON.parse(read('schemas/source/release-lines.json')) as { lines: Array<{ line: string; vllmCommit: string; vllmAscendCommit: string }> };

const snake = (k: string): string => k.replace(/-/g, '_');
/** Declarations `name: annotation = default` of a field anywhere in the excerpt's classes. */
function fieldLines(excerpt: string, key: string): string[] {
  return excerpt.split('\n').filter((l) => new RegExp(`^\\s+${snake(key)}\\s*:`).test(l));
}

for (const { line, vllmCommit, vllmAscendCommit } of lines.lines) {
  test(`${line}: the schema was generated from this line's excerpt, at the commits recorded`, () => {
    const excerpt = read(`schemas/source/${line}/vllm.py.txt`);
    const schema = JSON.parse(read(`schemas/vllm-serve@${line}.schema.json`)) as Schema;
    assert.ok(excerpt.startsWith(`# vllm-project/vllm commit ${vllmCommit}`), 'excerpt header names another commit');
    assert.ok(schema['x-source'].includes(vllmCommit));
    assert.ok(read(`schemas/source/${line}/vllm-ascend.ascend_config.txt`).includes(vllmAscendCommit));
    // Every option an explicit add_argument("--x") in the excerpt registers is in the schema.
    const explicit = [...excerpt.matchAll(/add_argument\(\s*(?:"-[\w]+",\s*)?"--([a-z0-9-]+)"/g)].map((m) => m[1]);
    assert.ok(explicit.length > 100, `only ${explicit.length} add_argument calls found`);
    for (const flag of explicit) assert.ok(schema.definitions[flag], `${line}: --${flag} missing from the schema`);
    // A sample of keys: their declaration in the excerpt agrees with the schema's type, default and choices.
    const keys = Object.keys(schema.definitions).filter((k) => !k.startsWith('no-')).sort();
    const sample = keys.filter((_, i) => i % 9 === 0).concat(['max-model-len', 'tensor-parallel-size', 'enable-prefix-caching', 'dtype', 'port']);
    for (const key of sample) {
      const d = schema.definitions[key];
      const decl = fieldLines(excerpt, key);
      const flagged = excerpt.includes(`"--${key}"`);
      assert.ok(decl.length || flagged, `${line}: ${key} is neither declared nor registered in the excerpt`);
      if (d['x-hasNoForm']) {
        const call = flagged ? excerpt.slice(excerpt.indexOf(`"--${key}"`), excerpt.indexOf(`"--${key}"`) + 400) : '';
        assert.ok(decl.some((l) => /\bbool\b/.test(l)) || /^[^)]*BooleanOptionalAction/.test(call), `${line}: ${key} has a --no- form but is neither a bool field nor a BooleanOptionalAction`);
      }
      // (quantization's enum is the NPU platform's list, from vllm-ascend, not from vLLM's excerpt.)
      for (const v of (d['x-choices'] === 'platform' ? [] : d.enum ?? []).filter((x): x is string => typeof x === 'string' && !/^\d+$/.test(x))) {
        assert.ok(excerpt.includes(`"${v}"`) || excerpt.includes(`'${v}'`), `${line}: choice ${v} of ${key} not in the excerpt`);
      }
      if (typeof d.default === 'number' && decl.length) {
        assert.ok(decl.some((l) => new RegExp(`=\\s*(?:Field\\(\\s*default=)?${String(d.default).replace('.', '\\.')}\\b`).test(l)) || !decl.some((l) => /=\s*-?[\d.]+\s*$/.test(l)),
          `${line}: default ${d.default} of ${key} differs from ${decl.join(' | ')}`);
      }
    }
  });
}

test('the v0.23.0 line agrees with the v0.23.0 tables it shares its descriptions with', () => {
  const schema = JSON.parse(read('schemas/vllm-serve@v0.23.0.schema.json')) as Schema;
  const tsv = read('schemas/source/vllm-engine-args.tsv').split('\n').slice(2).filter(Boolean).map((l) => l.split('\t'));
  const flags = tsv.filter((r) => r[0].startsWith('--'));
  assert.deepEqual(flags.map((r) => r[0].slice(2)).sort(), Object.keys(schema.definitions).filter((k) => !schema.definitions[k] || !k.startsWith('no-') || !schema.definitions[k.slice(3)]).sort());
  for (const r of flags) assert.equal(schema.definitions[r[0].slice(2)]['x-type'], r[2], r[0]);
});

const findings = (text: string, targetVersion: string) =>
  (validateConfigFile({ fileName: 'serve.vllm.yaml', text: `model: deepseek-ai/deepseek-coder-6.7b-base\n${text}`, targetVersion }) ?? [])
    .filter((f) => ['ASC110', 'ASC120'].includes(f.code));

test('at v0.13.0 swap-space is accepted; at v0.23.0 it is reported removed in v0.18.0', () => {
  assert.deepEqual(findings('swap-space: 4\n', 'v0.13.0'), []);
  const f = findings('swap-space: 4\n', 'v0.23.0');
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'ASC120');
  assert.match(f[0].message, /removed in vllm-ascend v0\.18\.0/);
});

test('at v0.25.1rc1 its new flags are accepted; at v0.23.0 they exist from v0.24.0rc1', () => {
  assert.deepEqual(findings('max-num-scheduled-tokens: 8192\ndevice-ids: "0,1"\n', 'v0.25.1rc1'), []);
  const f = findings('max-num-scheduled-tokens: 8192\n', 'v0.23.0');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /exists from vllm-ascend v0\.24\.0rc1/);
  // An rc of the same release uses that line's schema.
  assert.deepEqual(findings('device-ids: "0,1"\n', 'v0.25.1rc2'), []);
});

test('a flag dropped between rc lines is reported removed from the line that dropped it', () => {
  // max-num-partial-prefills: still registered at the v0.25.1rc1 commit, gone at the v0.26.0rc one.
  assert.deepEqual(findings('max-num-partial-prefills: 2\n', 'v0.25.1rc1'), []);
  const f = findings('max-num-partial-prefills: 2\n', 'v0.26.0rc1');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /removed in vllm-ascend v0\.26\.0rc/);
  // calculate-kv-scales is still registered at the v0.26.0rc commit.
  assert.deepEqual(findings('calculate-kv-scales: true\n', 'v0.26.0rc1'), []);
});

test('additional_config removals are per release line: enable_sparse_c8 is read by v0.24.0rc1 and v0.25.1rc1', () => {
  const text = 'model: m\nadditional-config:\n  enable_sparse_c8: true\n';
  const at = (v: string) => (validateConfigFile({ fileName: 'serve.vllm.yaml', text, targetVersion: v }) ?? []).filter((f) => ['ASC121', 'ASC190'].includes(f.code));
  assert.deepEqual(at('v0.24.0rc1'), []);
  assert.deepEqual(at('v0.25.1rc1'), []);
  const v23 = at('v0.23.0');
  assert.equal(v23.length, 1);
  assert.equal(v23[0].code, 'ASC121');
  const v26 = at('v0.26.0rc1');
  assert.equal(v26.length, 1, JSON.stringify(v26));
});

test('every line has its own schema files, in English and Chinese', () => {
  for (const line of RELEASE_LINES) {
    for (const f of [`vllm-serve@${line}.schema.json`, `vllm-serve@${line}.schema.zh-cn.json`, `vllm-ascend-additional-config@${line}.schema.json`, `vllm-ascend-additional-config@${line}.schema.zh-cn.json`]) {
      assert.ok(read(`schemas/${f}`).length > 1000, f);
    }
  }
});
