// The language server and `ascend-llm validate` give the same findings for the same file: both run analyzeFile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { command, type JsonFinding } from '../../../src/cli/commands/validate';
import type { CliIO } from '../../../src/cli/types';
import { MAX_FILE_BYTES, MAX_RULES_BYTES } from '../../../src/core/analysis/limits';
import { startHarness } from './lsp-harness';

const FIXTURES = resolve(__dirname, '../../fixtures');

type Row = [number, number, number, number, string, string, string];

async function viaCli(dir: string, file: string, flags: string[] = []): Promise<Row[] | 'skipped'> {
  const o = { out: '', err: '' };
  const io: CliIO = { stdout: (s) => { o.out += s; }, stderr: (s) => { o.err += s; }, readStdin: async () => '', env: {}, cwd: dir };
  await command.run(['--format', 'json', ...flags, file], io);
  const items = JSON.parse(o.out) as JsonFinding[];
  if (items.length === 0) {
    // JSON lists findings only; the text format says when a file is not one we check.
    const text = { err: '' };
    await command.run([...flags, file], { ...io, stdout: () => undefined, stderr: (s) => { text.err += s; } });
    if (/not a file ascend-llm checks/.test(text.err)) return 'skipped';
  }
  return items.map((f) => [f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1, f.severity, f.code, f.message]);
}

const SEVERITY = ['', 'error', 'warning', 'info'];

test('server and CLI: the same findings, file by file (configs with siblings, Dockerfiles, scripts, Python, the limits)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'same-findings-'));
  cpSync(join(FIXTURES, 'config'), dir, { recursive: true });
  for (const f of ['article.Dockerfile', 'article-install.sh', 'article_snippets.py', 'good.Dockerfile']) cpSync(join(FIXTURES, 'docs', f), join(dir, f));
  writeFileSync(join(dir, 'Dockerfile.vllm.yaml'), 'device: npu\ntensor-parallel-size: 3\n');
  writeFileSync(join(dir, 'suppressed.sh'), '# ascend-llm-disable-next-line ASC511\nnpu-smi top -n 10\nnpu-smi top # ascend-llm-disable-line\nnpu-smi top -n 1\n');
  writeFileSync(join(dir, 'huge.Dockerfile'), `FROM ubuntu:22.04\n${'RUN echo hello\n'.repeat(Math.ceil(MAX_RULES_BYTES.dockerfile / 15))}`);
  writeFileSync(join(dir, 'huge.vllm.yaml'), `device: npu\n#${'y'.repeat(MAX_FILE_BYTES)}\n`);
  writeFileSync(join(dir, 'blob.py'), 'SamplingParams(max_batch_size=1)\u0000');
  writeFileSync(join(dir, 'notes.yaml'), 'services: {}\n');
  writeFileSync(join(dir, 'bad.vllm.json'), '{\n  "model": "m",\n  "max-batch-size": 256,\n  "dtype": "fp8e4",\n  "tensor-parallel-size": 2,\n  "tensor-parallel-size": 4\n}\n');
  const files = [
    'article.vllm.yaml', 'mistakes.vllm.yaml', 'good.vllm.yaml', 'broken.vllm.yaml', 'article-config.vllm.json', 'bad.vllm.json',
    'deploy-ref/serve.yaml', 'deploy-ref/ascend-deploy.yaml', 'deploy-910b/ascend-deploy.yaml', 'deploy-310p/ascend-deploy.yaml',
    'article.Dockerfile', 'good.Dockerfile', 'article-install.sh', 'article_snippets.py',
    'Dockerfile.vllm.yaml', 'suppressed.sh', 'huge.Dockerfile', 'huge.vllm.yaml', 'blob.py', 'notes.yaml',
  ];
  // One target for both: opening a nested descriptor would otherwise change the server's default (see below).
  const h = await startHarness({ workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }], settings: { targetVersion: 'v0.23.0' } });
  try {
    let compared = 0;
    for (const file of files) {
      const cli = await viaCli(dir, file, ['--target-version', 'v0.23.0']);
      const uri = pathToFileURL(join(dir, file)).href;
      h.open(uri, readFileSync(join(dir, file), 'utf8'));
      if (cli === 'skipped') {
        // Not ours: the server publishes nothing for it. A later file's diagnostics arrive after this one's turn.
        continue;
      }
      const p = await h.diagnosticsFor(uri);
      let server: Row[] = p.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, SEVERITY[d.severity ?? 0], String(d.code), d.message]);
      let expected = cli;
      if (file.endsWith('.json')) {
        // The one documented difference: in the editor, VS Code's JSON service reports the schema findings.
        const jsonService = new Set(['ASC100', 'ASC110', 'ASC112', 'ASC113', 'ASC114']);
        expected = cli.filter((r) => !jsonService.has(r[5]));
        if (file === 'bad.vllm.json') assert.ok(cli.length > expected.length, 'the CLI reports the schema findings of a JSON config');
      }
      server = server.map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[6].split(dir + '/').join('')]);
      assert.deepEqual(server, expected, file);
      assert.ok(file === 'good.vllm.yaml' || file === 'good.Dockerfile' || expected.length > 0, `${file} has findings to compare`);
      compared++;
    }
    assert.equal(compared, files.length - 1);
    // A file opened after notes.yaml is validated after it: by then notes.yaml had its turn.
    const last = pathToFileURL(join(dir, 'last.sh')).href;
    h.open(last, 'npu-smi top\n');
    await h.diagnosticsFor(last);
    assert.ok(!h.published.some((p) => p.uri.endsWith('/notes.yaml')), 'a file that is not ours gets no diagnostics');
  } finally {
    h.dispose();
  }
});

test('server and CLI: the same default target, from the workspace ascend-deploy.yaml', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'same-target-'));
  writeFileSync(join(dir, 'ascend-deploy.yaml'), 'version: 1\nname: n\ntarget:\n  host: h\n  vllmAscend: v0.13.0\nmodel:\n  id: m\nimage:\n  tag: t\n');
  const text = 'pip install torch==2.1.0+npu\n';
  writeFileSync(join(dir, 'setup.sh'), text);
  const cli = await viaCli(dir, 'setup.sh');
  assert.ok(cli !== 'skipped' && cli.some((r) => r[6].includes('vllm-ascend==0.13.0')), JSON.stringify(cli));
  const h = await startHarness({ workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }] });
  try {
    const uri = pathToFileURL(join(dir, 'setup.sh')).href;
    h.open(uri, text);
    const p = await h.diagnosticsFor(uri);
    assert.deepEqual(p.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, SEVERITY[d.severity ?? 0], String(d.code), d.message]), cli);
  } finally {
    h.dispose();
  }
});
