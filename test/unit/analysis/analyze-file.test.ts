// analyzeFile: one order of analysis, the limits of limits.ts, the suppression comments once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFile } from '../../../src/core/analysis/analyze-file';
import { diskSource, siblingReader, textSource } from '../../../src/core/analysis/file-source';
import { MAX_FILE_BYTES, MAX_RULES_BYTES, MAX_SIBLING_BYTES } from '../../../src/core/analysis/limits';
import { analyzeText } from './analyze-text';

const codes = (fs: Array<{ code: string }> | null): string[] | null => fs && fs.map((f) => f.code);

/** `text` padded with comment lines to exactly `bytes` UTF-8 bytes (ASCII). */
function padTo(text: string, bytes: number): string {
  const line = `#${'x'.repeat(98)}\n`;
  let out = text + line.repeat(Math.floor((bytes - text.length) / line.length));
  out += '#'.padEnd(bytes - out.length - 1, 'x') + '\n';
  assert.equal(Buffer.byteLength(out), bytes);
  return out;
}

test('suppression comments in a YAML config silence one code on one line, or the next line', () => {
  const c = (text: string): string[] => codes(analyzeText('s.vllm.yaml', text)) ?? [];
  assert.equal(c('model: m\nenable-prefix-caching: false\ntp: 2\n').filter((x) => x === 'ASC122').length, 1);
  const same = c('model: m\nenable-prefix-caching: false  # ascend-llm-disable-line ASC122\ntp: 2\n');
  assert.ok(!same.includes('ASC122'));
  assert.ok(same.includes('ASC123'));
  assert.ok(c('model: m\nenable-prefix-caching: false  # ascend-llm-disable-line ASC110\n').includes('ASC122'));
  assert.ok(!c('model: m\n# ascend-llm-disable-next-line\ntp: 2\n').includes('ASC123'));
});

test(`a file larger than ${MAX_FILE_BYTES} bytes gets one notice; one of exactly that size is checked`, () => {
  const at = padTo('model: m\ndevice: npu\n', MAX_FILE_BYTES);
  assert.ok(codes(analyzeText('big.vllm.yaml', at))!.includes('ASC120'), 'exactly at the limit: checked');
  const over = `${at}#`;
  const f = analyzeText('big.vllm.yaml', over)!;
  assert.deepEqual(f.map((x) => [x.code, x.severity]), [['ASC101', 'info']]);
  assert.match(f[0].message, /larger than 5 MB/);
  // Multi-byte text: the limit is in UTF-8 bytes, not characters.
  const wide = `model: m\n#${'汉'.repeat(Math.ceil(MAX_FILE_BYTES / 3))}\n`;
  assert.ok(wide.length < MAX_FILE_BYTES);
  assert.deepEqual(codes(analyzeText('wide.vllm.yaml', wide)), ['ASC101']);
  // Not ours: nothing, however large.
  assert.equal(analyzeText('notes.txt', over), null);
});

test('a large file on disk is judged by its size and head, the same way, without reading it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'analyze-'));
  const path = join(dir, 'big.yaml');
  writeFileSync(path, `# ascend-llm: vllm-config\n${padTo('device: npu\n', MAX_FILE_BYTES)}`);
  const source = diskSource(path);
  let read = false;
  const spy = { ...source, text: () => { read = true; return source.text(); } };
  assert.deepEqual(codes(analyzeFile({ fileName: 'big.yaml', source: spy })), ['ASC101'], 'the modeline in the head makes it ours');
  assert.equal(read, false);
  writeFileSync(join(dir, 'at.yaml'), padTo('# ascend-llm: vllm-config\ndevice: npu\n', MAX_FILE_BYTES));
  assert.ok(codes(analyzeFile({ fileName: 'at.yaml', source: diskSource(join(dir, 'at.yaml')) }))!.includes('ASC120'));
});

test('a binary file gets one notice', () => {
  const f = analyzeText('bin.vllm.yaml', 'model: x\u0000\u0001\u0002')!;
  assert.deepEqual(f.map((x) => x.code), ['ASC101']);
  assert.match(f[0].message, /binary/);
  assert.deepEqual(codes(analyzeText('blob.py', 'SamplingParams(max_batch_size=1)\u0000')), ['ASC101']);
});

test('a generated 4 MB Dockerfile: the rules are skipped with one notice saying why', () => {
  const unit = 'FROM quay.io/ascend/vllm-ascend:v0.23.0\nRUN pip install torch==2.9.0 && npu-smi top -n 10\n';
  const big = unit.repeat(Math.ceil((4 * 1024 * 1024) / unit.length));
  const f = analyzeText('/w/Dockerfile', big)!;
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'ASC101');
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /larger than 256 KB/);
  assert.match(f[0].message, /Dockerfiles/);
});

test('under the cap the rules run; one byte over, they do not (Dockerfile, shell, Python)', () => {
  const cases: Array<[string, string, string, number]> = [
    ['Dockerfile', 'FROM ubuntu:22.04\nRUN npu-smi top -n 10\n', 'ASC501', MAX_RULES_BYTES.dockerfile],
    ['run.sh', 'npu-smi top -n 10\n', 'ASC511', MAX_RULES_BYTES.shell],
    ['infer.py', 'SamplingParams(max_batch_size=1)\n', 'ASC521', MAX_RULES_BYTES.python],
  ];
  for (const [name, head, code, cap] of cases) {
    const at = padTo(head, cap);
    const found = codes(analyzeText(name, at))!;
    assert.ok(found.includes(code), `${name} at the cap: ${found.join()}`);
    assert.deepEqual(codes(analyzeText(name, `${at}#`)), ['ASC101'], name);
  }
});

test('one order: a YAML config by name or modeline wins over a Dockerfile-like name', () => {
  assert.ok(codes(analyzeText('Dockerfile.vllm.yaml', 'device: npu\n'))!.includes('ASC120'));
  assert.ok(codes(analyzeText('dockerfile.yaml', '# ascend-llm: vllm-config\ndevice: npu\n'))!.includes('ASC120'));
  assert.deepEqual(codes(analyzeText('Dockerfile.npu', 'FROM ubuntu:22.04\n')), ['ASC501']);
  assert.equal(analyzeText('README.md', 'npu-smi top'), null);
});

test(`a sibling file larger than ${MAX_SIBLING_BYTES} bytes is not read (both readers)`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'analyze-sib-'));
  const descriptor = 'serve:\n  config: serve.yaml\n';
  writeFileSync(join(dir, 'ascend-deploy.yaml'), descriptor);
  const serve = 'device: npu\n';
  const disk = siblingReader({ base: dir });
  assert.ok(codes(analyzeText('serve.yaml', serve, { readSibling: disk }))!.includes('ASC120'), 'named by the descriptor: a serve config');
  writeFileSync(join(dir, 'ascend-deploy.yaml'), padTo(descriptor, MAX_SIBLING_BYTES + 1));
  assert.equal(analyzeText('serve.yaml', serve, { readSibling: disk }), null, 'the descriptor is too large to read');
  const open = siblingReader({ openText: (p) => (p === '/w/ascend-deploy.yaml' ? padTo(descriptor, MAX_SIBLING_BYTES + 1) : undefined) });
  assert.equal(analyzeText('/w/serve.yaml', serve, { readSibling: open }), null);
  const openSmall = siblingReader({ openText: (p) => (p === '/w/ascend-deploy.yaml' ? descriptor : undefined) });
  assert.ok(codes(analyzeText('/w/serve.yaml', serve, { readSibling: openSmall }))!.includes('ASC120'));
});

test('the text source sizes UTF-8 without encoding short texts', () => {
  assert.equal(textSource('ab').largerThan(1), true);
  assert.equal(textSource('汉').largerThan(2), true);
  assert.equal(textSource('汉').largerThan(3), false);
});
