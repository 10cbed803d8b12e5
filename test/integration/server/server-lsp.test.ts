import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, CompletionRequest, DocumentSymbolRequest, HoverRequest, type CodeAction, type CompletionItem, type MarkupContent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startHarness } from './lsp-harness';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/docs', name), 'utf8');
const codes = (p: { diagnostics: Array<{ code?: number | string }> }): Array<string | number | undefined> => p.diagnostics.map((d) => d.code);

test('opening the article Dockerfile publishes its diagnostics with codes, ranges and doc links', async () => {
  const h = await startHarness();
  try {
    const uri = 'file:///work/project/Dockerfile';
    h.open(uri, fixture('article.Dockerfile'), 'dockerfile');
    const p = await h.diagnosticsFor(uri);
    assert.equal(p.version, 1);
    assert.deepEqual(codes(p), ['ASC502', 'ASC512', 'ASC513', 'ASC516']);
    assert.deepEqual(p.diagnostics[0].range, { start: { line: 1, character: 5 }, end: { line: 1, character: 63 } });
    assert.equal(p.diagnostics[0].severity, 1);
    assert.equal(p.diagnostics[0].source, 'ascend-llm');
    for (const d of p.diagnostics) assert.match(d.codeDescription?.href ?? '', /^https:\/\//);
  } finally {
    h.dispose();
  }
});

test('a quick fix from a code action, applied, makes the diagnostic go away', async () => {
  const h = await startHarness();
  try {
    const uri = 'file:///work/project/Dockerfile';
    const text = fixture('article.Dockerfile');
    h.open(uri, text, 'dockerfile');
    const p = await h.diagnosticsFor(uri);
    const diag = p.diagnostics.find((d) => d.code === 'ASC502')!;
    const actions = (await h.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Use quay.io/ascend/vllm-ascend:v0.23.0'), titles.join(' | '));
    assert.ok(titles.includes('Disable ASC502 for this line'), titles.join(' | '));
    const fix = actions.find((a) => a.title === 'Use quay.io/ascend/vllm-ascend:v0.23.0')!;
    assert.equal(fix.isPreferred, true);
    const doc = TextDocument.create(uri, 'dockerfile', 1, text);
    const fixed = TextDocument.applyEdits(doc, fix.edit!.changes![uri]);
    h.change(uri, 2, fixed);
    const after = await h.diagnosticsFor(uri, (x) => x.version === 2);
    assert.ok(!codes(after).includes('ASC502'));
    assert.ok(codes(after).includes('ASC512'));

    const disable = actions.find((a) => a.title === 'Disable ASC502 for this line')!;
    h.change(uri, 3, TextDocument.applyEdits(doc, disable.edit!.changes![uri]));
    const suppressed = await h.diagnosticsFor(uri, (x) => x.version === 3);
    assert.deepEqual(codes(suppressed), ['ASC512', 'ASC513', 'ASC516']);
  } finally {
    h.dispose();
  }
});

test('hover over a finding shows its message, code and link', async () => {
  const h = await startHarness();
  try {
    const uri = 'file:///work/project/install.sh';
    h.open(uri, 'pip install vllm torch==1.13.1+npu\n', 'shellscript');
    await h.diagnosticsFor(uri);
    const hover = await h.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 20 } });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /ASC512/);
    assert.match(value, /torch-npu/);
    assert.match(value, /https:\/\/docs\.vllm\.ai/);
    const none = await h.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.equal(none, null);
  } finally {
    h.dispose();
  }
});

test('hover on a valid Python keyword names what it is', async () => {
  const h = await startHarness();
  try {
    const uri = 'file:///work/project/offline.py';
    h.open(uri, 'llm = LLM(model="m",\n          max_num_seqs=256)\nsp = SamplingParams(max_tokens=64)\n', 'python');
    await h.diagnosticsFor(uri);
    const engine = await h.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 14 } });
    assert.match((engine?.contents as MarkupContent).value, /`max_num_seqs`.*`--max-num-seqs`.*engine argument/);
    const sampling = await h.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 22 } });
    assert.match((sampling?.contents as MarkupContent).value, /`max_tokens`.*SamplingParams field/);
  } finally {
    h.dispose();
  }
});

test('completion: SamplingParams fields in Python, official images after FROM', async () => {
  const h = await startHarness();
  try {
    const py = 'file:///work/project/run.py';
    const pyText = 'from vllm import SamplingParams\np = SamplingParams(temperature=0.2, ';
    h.open(py, pyText, 'python');
    const items = (await h.client.sendRequest(CompletionRequest.type, { textDocument: { uri: py }, position: { line: 1, character: 37 } })) as CompletionItem[];
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('max_tokens'));
    assert.ok(!labels.includes('max_batch_size'));
    assert.equal(items.find((i) => i.label === 'top_p')?.insertText, 'top_p=');

    const df = 'file:///work/project/Dockerfile';
    h.open(df, 'FROM ', 'dockerfile');
    const images = (await h.client.sendRequest(CompletionRequest.type, { textDocument: { uri: df }, position: { line: 0, character: 5 } })) as CompletionItem[];
    assert.ok(images.some((i) => i.label === 'quay.io/ascend/vllm-ascend:v0.23.0'));
    assert.ok(images.some((i) => i.label === 'quay.io/ascend/vllm-ascend:v0.23.0-310p'));
  } finally {
    h.dispose();
  }
});

test('document symbols list the Dockerfile stages', async () => {
  const h = await startHarness();
  try {
    const uri = 'file:///work/project/Dockerfile';
    h.open(uri, 'FROM quay.io/ascend/vllm-ascend:v0.23.0 AS base\nRUN echo\nFROM base\n', 'dockerfile');
    const symbols = (await h.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as Array<{ name: string }>;
    assert.deepEqual(symbols.map((s) => s.name), ['FROM base', 'FROM base']);
  } finally {
    h.dispose();
  }
});

test('a 4 MB Dockerfile as you type: one notice that the rules are skipped, and no outline (no parse)', async () => {
  const h = await startHarness();
  try {
    const uri = 'file:///work/project/big/Dockerfile';
    const unit = 'FROM quay.io/ascend/vllm-ascend:v0.23.0 AS base\nRUN npu-smi top -n 10\n';
    const text = unit.repeat(Math.ceil((4 * 1024 * 1024) / unit.length));
    h.open(uri, text, 'dockerfile');
    const p = await h.diagnosticsFor(uri);
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity]), [['ASC101', 3]]);
    assert.match(p.diagnostics[0].message, /256 KB/);
    h.change(uri, 2, `${text}RUN echo more\n`);
    assert.equal((await h.diagnosticsFor(uri, (x) => x.version === 2)).diagnostics.length, 1);
    const symbols = (await h.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as unknown[];
    assert.deepEqual(symbols, []);
  } finally {
    h.dispose();
  }
});

test('a YAML config with a Dockerfile-like name is a config for every feature, as for its diagnostics', async () => {
  const h = await startHarness();
  try {
    const uri = 'file:///work/project/Dockerfile.vllm.yaml';
    h.open(uri, 'model: m\ndevice: npu\n', 'yaml');
    assert.ok((await h.diagnosticsFor(uri)).diagnostics.some((d) => d.code === 'ASC120'));
    const symbols = (await h.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as Array<{ name: string }>;
    assert.deepEqual(symbols.map((s) => s.name), ['model', 'device']);
  } finally {
    h.dispose();
  }
});

test('results for a stale version are dropped: a change during validation wins', async () => {
  // The client answers workspace/configuration after 150 ms, so the first validation (version 1) is still waiting
  // when version 2 arrives; version 1's findings must never be published.
  const h = await startHarness({ configurationDelayMs: 150 });
  try {
    const uri = 'file:///work/project/monitor.sh';
    h.open(uri, 'npu-smi top -n 10\n', 'shellscript');
    h.change(uri, 2, 'npu-smi quantize --model_path ./m\n');
    const p = await h.diagnosticsFor(uri);
    assert.equal(p.version, 2);
    assert.deepEqual(codes(p), ['ASC510']);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(h.published.filter((x) => x.uri === uri).map((x) => x.version), [2]);
  } finally {
    h.dispose();
  }
});

test('a burst of changes: every publish matches its own version, and the last version is published', async () => {
  const h = await startHarness({ debounceMs: 40 });
  try {
    const uri = 'file:///work/project/burst.sh';
    const textOf = (v: number): string => (v % 2 === 0 ? 'npu-smi top\n' : 'npu-smi info\n');
    h.open(uri, textOf(1), 'shellscript');
    for (let v = 2; v <= 12; v++) {
      h.change(uri, v, textOf(v));
      await new Promise((r) => setTimeout(r, 5));
    }
    await h.diagnosticsFor(uri, (x) => x.version === 12);
    const mine = h.published.filter((x) => x.uri === uri);
    for (const p of mine) assert.deepEqual(codes(p), p.version! % 2 === 0 ? ['ASC511'] : [], `version ${p.version}`);
    const versions = mine.map((x) => x.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
  } finally {
    h.dispose();
  }
});

test('target version: the setting, else the workspace descriptor, else v0.23.0', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'ascend-ws-'));
  writeFileSync(join(ws, 'ascend-deploy.yaml'), 'version: 1\nname: coder\ntarget:\n  host: h\n  vllmAscend: v0.11.0\n');
  const text = 'dnf install -y python3.9\n';
  const withDescriptor = await startHarness({ workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }] });
  try {
    const uri = pathToFileURL(join(ws, 'setup.sh')).href;
    withDescriptor.open(uri, text, 'shellscript');
    assert.deepEqual(codes(await withDescriptor.diagnosticsFor(uri)), []);
    withDescriptor.setSettings({ targetVersion: 'v0.23.0' });
    assert.deepEqual(codes(await withDescriptor.diagnosticsFor(uri, (p) => p.diagnostics.length > 0)), ['ASC517']);
  } finally {
    withDescriptor.dispose();
  }
  const plain = await startHarness();
  try {
    plain.open('file:///elsewhere/setup.sh', text, 'shellscript');
    assert.deepEqual(codes(await plain.diagnosticsFor('file:///elsewhere/setup.sh')), ['ASC517']);
  } finally {
    plain.dispose();
  }
});

test('files over 5 MB and binary files are skipped with a notice', async () => {
  const h = await startHarness();
  try {
    const big = 'file:///work/project/big.sh';
    h.open(big, `${'echo npu-smi top\n'.repeat(330_000)}`, 'shellscript');
    const p = await h.diagnosticsFor(big);
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity]), [['ASC101', 3]]);
    assert.match(p.diagnostics[0].message, /5 MB/);
    const bin = 'file:///work/project/blob.py';
    h.open(bin, 'SamplingParams(max_batch_size=1)\u0000\u0001\u0002', 'python');
    const b = await h.diagnosticsFor(bin);
    assert.deepEqual(codes(b), ['ASC101']);
    assert.match(b.diagnostics[0].message, /binary/);
  } finally {
    h.dispose();
  }
});

// The server with the real config engine (src/core/config) wired as in main.ts.
const SERVE = 'model: /models/deepseek-coder-6.7b-base\ntensor-parallel-size: 4\ndevice: npu\ndtype: half\n';

test('a serve config gets the config engine: diagnostics, hover, completion, symbols, quick fixes', async () => {
  const h = await startHarness();
  try {
    const uri = 'file:///work/project/serve.vllm.yaml';
    h.open(uri, SERVE, 'yaml');
    const p = await h.diagnosticsFor(uri);
    const removed = p.diagnostics.find((d) => d.code === 'ASC120');
    assert.ok(removed, JSON.stringify(p.diagnostics));
    assert.deepEqual(removed.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 6 } });
    assert.match(removed.codeDescription?.href ?? '', /^https:\/\//);

    const hover = await h.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 3 } });
    assert.match((hover?.contents as MarkupContent).value, /tensor-parallel-size/);

    const items = (await h.client.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 4, character: 0 } })) as CompletionItem[];
    assert.ok(items.length > 10);

    const symbols = (await h.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as Array<{ name: string }>;
    assert.deepEqual(symbols.map((s) => s.name), ['model', 'tensor-parallel-size', 'device', 'dtype']);

    const actions = (await h.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: removed.range, context: { diagnostics: [removed] },
    })) as CodeAction[];
    assert.ok(actions.some((a) => a.title === 'Disable ASC120 for this line'));
  } finally {
    h.dispose();
  }
});

test("the article's JSON config is flagged (vLLM accepts only YAML for --config)", async () => {
  const h = await startHarness();
  try {
    const uri = 'file:///work/project/vllm-config.json';
    h.open(uri, '{"model": "deepseek-6b-int8","tensor_parallel_size": 4,"dtype": "half","device": "npu"}', 'json');
    const p = await h.diagnosticsFor(uri);
    assert.ok(p.diagnostics.some((d) => d.code === 'ASC103'), JSON.stringify(p.diagnostics.map((d) => d.code)));
  } finally {
    h.dispose();
  }
});

test('Dockerfiles still go to the Dockerfile rules when the config engine is wired', async () => {
  const h = await startHarness();
  try {
    const uri = 'file:///work/project/Dockerfile';
    h.open(uri, 'FROM ubuntu:22.04\n', 'dockerfile');
    assert.deepEqual((await h.diagnosticsFor(uri)).diagnostics.map((d) => d.code), ['ASC501']);
  } finally {
    h.dispose();
  }
});

test('serve keys named like Object.prototype members get diagnostics, not silence', async () => {
  const h = await startHarness();
  try {
    const uri = 'file:///work/project/proto.vllm.yaml';
    const keys = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];
    h.open(uri, `model: m\n${keys.map((k) => `${k}: 1`).join('\n')}\n`, 'yaml');
    const p = await h.diagnosticsFor(uri);
    assert.deepEqual(p.diagnostics.filter((d) => d.code === 'ASC110').map((d) => d.range.start.line), [1, 2, 3, 4, 5]);
  } finally {
    h.dispose();
  }
});
