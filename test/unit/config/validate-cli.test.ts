// `ascend-llm validate`: text, JSON and SARIF output and exit codes, through command.run with a collecting io.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from '../../../src/cli/commands/validate';
import { MAX_FILE_BYTES } from '../../../src/core/analysis/limits';
import type { CliIO } from '../../../src/cli/types';
import { FIXTURES } from './fixtures';

function io(cwd = FIXTURES): CliIO & { out: string; err: string } {
  const o = { out: '', err: '' };
  return Object.assign(o, {
    stdout: (s: string) => { o.out += s; },
    stderr: (s: string) => { o.err += s; },
    readStdin: async () => '',
    env: {},
    cwd,
  });
}

test('json: 1-based positions, exit 1 on errors', async () => {
  const c = io();
  const code = await command.run(['--format', 'json', 'article.vllm.yaml'], c);
  assert.equal(code, 1);
  const items = JSON.parse(c.out) as Array<Record<string, unknown>>;
  const device = items.find((i) => i.code === 'ASC120');
  assert.deepEqual(device, {
    file: 'article.vllm.yaml', line: 5, column: 1, endLine: 5, endColumn: 7, severity: 'error', code: 'ASC120',
    message: device?.message,
  });
  assert.ok(items.every((i) => ['error', 'warning', 'info'].includes(String(i.severity))));
});

test('exit 0 when only warnings or notes', async () => {
  const c = io();
  assert.equal(await command.run(['good.vllm.yaml', 'deploy-910b/ascend-deploy.yaml'], c), 0);
  assert.match(c.out, /0 errors/);
});

test('sarif 2.1.0 with rules and regions', async () => {
  const c = io();
  const code = await command.run(['--format=sarif', '--target-version', '0.23.0', 'mistakes.vllm.yaml'], c);
  assert.equal(code, 1);
  const sarif = JSON.parse(c.out) as { version: string; runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }> }> };
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.ok(run.tool.driver.rules.some((r) => r.id === 'ASC123' && r.helpUri?.startsWith('https://')));
  const alias = run.results.find((r) => r.ruleId === 'ASC123');
  assert.equal(alias?.level, 'error');
  assert.deepEqual(alias?.locations[0].physicalLocation.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 3 });
  assert.equal(alias?.locations[0].physicalLocation.artifactLocation.uri, 'mistakes.vllm.yaml');
  assert.ok(run.results.some((r) => r.level === 'warning'));
});

test('usage errors exit 2', async () => {
  assert.equal(await command.run([], io()), 2);
  assert.equal(await command.run(['--format', 'xml', 'a.vllm.yaml'], io()), 2);
  assert.equal(await command.run(['--bogus', 'a.vllm.yaml'], io()), 2);
  const c = io();
  assert.equal(await command.run(['no-such-file.vllm.yaml'], c), 2);
  assert.match(c.err, /no-such-file/);
});

test('the target version changes the verdict', async () => {
  const c = io();
  await command.run(['--format', 'json', '--target-version', 'v0.11.0', 'mistakes.vllm.yaml'], c);
  const codes = (JSON.parse(c.out) as Array<{ code: string }>).map((i) => i.code);
  assert.ok(!codes.includes('ASC121'));
  assert.ok(!codes.includes('ASC122'));
});

test('a file larger than 5 MiB is skipped with a notice, without reading it all', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'validate-'));
  writeFileSync(join(dir, 'big.vllm.yaml'), `model: x\n#${'y'.repeat(MAX_FILE_BYTES)}\n`);
  const c = io(dir);
  assert.equal(await command.run(['--format', 'json', 'big.vllm.yaml'], c), 0);
  assert.deepEqual((JSON.parse(c.out) as Array<{ code: string }>).map((i) => i.code), ['ASC101']);
});

test('other documents go to the Dockerfile/shell/Python rules; unknown files are skipped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'validate-'));
  writeFileSync(join(dir, 'notes.txt'), 'hello\n');
  const c = io(dir);
  assert.equal(await command.run(['notes.txt'], c), 0);
  assert.match(c.err, /skipped/);
});

test('--target-version overrides the descriptor and the image: the file is checked against that release line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ascend-target-'));
  writeFileSync(join(dir, 'serve.vllm.yaml'), 'model: deepseek-ai/deepseek-coder-6.7b-base\nswap-space: 4\n');
  writeFileSync(join(dir, 'ascend-deploy.yaml'), 'version: 1\nname: coder\ntarget:\n  host: h\n  vllmAscend: v0.23.0\nmodel:\n  id: deepseek-ai/deepseek-coder-6.7b-base\nimage:\n  tag: quay.io/ascend/vllm-ascend:v0.23.0\nserve:\n  config: serve.vllm.yaml\n');
  const at = async (args: string[]): Promise<Array<{ code: string; message: string }>> => {
    const c = io(dir);
    await command.run(['--format', 'json', ...args, 'serve.vllm.yaml'], c);
    return (JSON.parse(c.out) as Array<{ code: string; message: string }>).filter((f) => f.code === 'ASC120');
  };
  const own = await at([]);
  assert.equal(own.length, 1);
  assert.match(own[0].message, /removed in vllm-ascend v0\.18\.0 \(this file targets v0\.23\.0\)/);
  assert.deepEqual(await at(['--target-version', 'v0.13.0']), []);
  assert.equal((await at(['--target-version', '0.26.0rc'])).length, 1);
});

const PROTOTYPE_KEYS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

test('serve keys named like Object.prototype members: text output lists them, no crash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'validate-proto-'));
  writeFileSync(join(dir, 'proto.vllm.yaml'), `model: m\n${PROTOTYPE_KEYS.map((k) => `${k}: 1`).join('\n')}\n`);
  const c = io(dir);
  assert.equal(await command.run(['proto.vllm.yaml'], c), 1);
  for (const [i, k] of PROTOTYPE_KEYS.entries()) {
    assert.match(c.out, new RegExp(`proto\\.vllm\\.yaml:${i + 2}:1: error ASC110: .*${k.replace(/_/g, '[-_]')}`), k);
  }
  assert.match(c.out, /5 errors/);
});

test('serve keys named like Object.prototype members: SARIF has a result for each', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'validate-proto-'));
  writeFileSync(join(dir, 'ascend-deploy.yaml'), `version: 1\nname: n\ntarget:\n  host: h\nmodel:\n  id: m\nimage:\n  tag: quay.io/ascend/vllm-ascend:v0.23.0\nserve:\n${PROTOTYPE_KEYS.map((k) => `  ${k}: 1`).join('\n')}\n`);
  const c = io(dir);
  assert.equal(await command.run(['--format', 'sarif', 'ascend-deploy.yaml'], c), 1);
  const sarif = JSON.parse(c.out) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
  const lines = sarif.runs[0].results.filter((r) => r.ruleId === 'ASC110').map((r) => r.locations[0].physicalLocation.region.startLine);
  assert.deepEqual(lines, PROTOTYPE_KEYS.map((_, i) => 10 + i));
});
