// Schemas go to other YAML tools only where our language server is not active, and never through yamlValidation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { kindByName } from '../../../src/core/config/files';
import { OFFER_SCHEME, SERVER_SCHEMES, offerUri, offeredFile, schemaToOffer } from '../../../src/core/config/yaml-schema-offer';

const root = resolve(__dirname, '../../..');
const offer = (resource: string, serverActive: boolean, text?: string): string | undefined =>
  schemaToOffer({ resource, serverActive, text });

test('while our server is active, no file: document gets a schema from us', () => {
  for (const r of ['file:///w/serve.vllm.yaml', 'file:///w/vllm-config.yml', 'file:///w/ascend-deploy.yaml']) {
    assert.equal(offer(r, true), undefined, r);
  }
  assert.equal(offer('file:///w/other.yaml', true, '# ascend-llm: vllm-config\nmodel: m\n'), undefined);
});

test('where the server is not active, our config files get their schema', () => {
  assert.equal(offer('file:///w/serve.vllm.yaml', false), 'vllm-serve');
  assert.equal(offer('file:///w/sub/ASCEND-DEPLOY.yml', false), 'ascend-deploy');
  assert.equal(offer('file:///w/my%20dir/vllm-config.yaml', false), 'vllm-serve');
  assert.equal(offer('file:///w/other.yaml', false, '---\n# ascend-llm: deploy\n'), 'ascend-deploy');
  // Documents the client does not send to the server: untitled editors, git and diff views.
  assert.equal(offer('untitled:Untitled-1', true, '# ascend-llm: vllm-serve\n'), 'vllm-serve');
  assert.equal(offer('git:/w/serve.vllm.yaml?%7B%22ref%22%3A%22HEAD%22%7D', true), 'vllm-serve');
});

test('files that are not ours never get a schema', () => {
  assert.equal(offer('file:///w/k8s.yaml', false, 'apiVersion: v1\n'), undefined);
  assert.equal(offer('untitled:Untitled-2', false, 'model: x\n'), undefined);
  assert.equal(offer('file:///w/serve.vllm.json', false), undefined); // JSON: jsonValidation covers it
  assert.equal(offer('file:///w/serve.vllm.yaml.bak', false), undefined);
});

test('a bare path or a Windows path counts as a file: document', () => {
  assert.equal(offer('/w/serve.vllm.yaml', true), undefined);
  assert.equal(offer('c:\\w\\serve.vllm.yaml', true), undefined);
  assert.equal(offer('c:\\w\\serve.vllm.yaml', false), 'vllm-serve');
});

test('schema URIs follow the locale and resolve only to our schema files', () => {
  assert.equal(offerUri('vllm-serve', 'en'), `${OFFER_SCHEME}://schemas/vllm-serve.schema.json`);
  assert.equal(offerUri('ascend-deploy', 'zh-cn'), `${OFFER_SCHEME}://schemas/ascend-deploy.schema.zh-cn.json`);
  for (const s of ['vllm-serve', 'ascend-deploy'] as const) {
    for (const locale of ['en', 'zh-cn']) {
      const file = offeredFile(offerUri(s, locale));
      assert.ok(file && existsSync(resolve(root, 'schemas', file)), `${s} ${locale}`);
    }
  }
  for (const bad of [`${OFFER_SCHEME}://schemas/../package.json`, `${OFFER_SCHEME}://schemas/x.schema.json`,
    'https://schemas/vllm-serve.schema.json', `${OFFER_SCHEME}://schemas/vllm-serve.schema.json/../../a`]) {
    assert.equal(offeredFile(bad), undefined, bad);
  }
});

test('SERVER_SCHEMES are the schemes of the language client document selector', () => {
  const client = readFileSync(resolve(root, 'src/extension/language-client.ts'), 'utf8');
  const selector = /const DOCUMENT_SELECTOR = \[([\s\S]*?)\];/.exec(client)?.[1] ?? '';
  const schemes = new Set([...selector.matchAll(/scheme:\s*'([^']+)'/g)].map((m) => m[1]));
  assert.ok(schemes.size > 0);
  assert.deepEqual([...schemes].sort(), [...SERVER_SCHEMES].sort());
  assert.match(client, /offerSchemasToYamlTools\(/);
});

test('package.json: no yamlValidation; jsonValidation covers our JSON config names with an existing schema', () => {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    contributes: { yamlValidation?: unknown; jsonValidation?: Array<{ fileMatch: string | string[]; url: string }> };
  };
  assert.equal(pkg.contributes.yamlValidation, undefined);
  const json = pkg.contributes.jsonValidation ?? [];
  assert.ok(json.length > 0);
  for (const entry of json) {
    assert.ok(existsSync(resolve(root, entry.url)), entry.url);
    for (const pattern of [entry.fileMatch].flat()) {
      assert.equal(kindByName(pattern.replace('*', 'x')), 'vllm-json', pattern);
    }
  }
  const matched = json.flatMap((e) => [e.fileMatch].flat());
  assert.ok(matched.includes('*.vllm.json') && matched.includes('vllm-config.json'));
});
