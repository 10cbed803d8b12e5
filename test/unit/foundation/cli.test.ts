import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { main } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/types';

const root = join(__dirname, '../../..');

function io(): CliIO & { out: string; err: string } {
  const s = { out: '', err: '' };
  return Object.assign(s, {
    stdout: (x: string) => { s.out += x; },
    stderr: (x: string) => { s.err += x; },
    readStdin: async () => '',
    env: {},
    cwd: root,
  });
}

test('--help lists the docs/contracts.md §3 subcommands and exits 0', async () => {
  const o = io();
  assert.equal(await main(['--help'], o), 0);
  for (const name of ['validate', 'npu-smi parse', 'check-host', 'fetch-model', 'build', 'quantize', 'deploy', 'stop', 'logs']) assert.match(o.out, new RegExp(`\\b${name}\\b`));
  assert.match(o.out, /130 cancelled/);
});

test('no arguments is a usage error (exit 2) with help on stderr', async () => {
  const o = io();
  assert.equal(await main([], o), 2);
  assert.match(o.err, /Usage: ascend-llm/);
});

test('an unknown subcommand exits 2 and names it', async () => {
  const o = io();
  assert.equal(await main(['frobnicate'], o), 2);
  assert.match(o.err, /Unknown command: frobnicate/);
});

test('--version prints a semver', async () => {
  const o = io();
  assert.equal(await main(['--version'], o), 0);
  assert.match(o.out.trim(), /^\d+\.\d+\.\d+/);
});

test('the built bin runs with exit codes and prints Chinese under LANG=zh_CN.UTF-8', { skip: !existsSync(join(root, 'dist/cli.js')) && 'run npm run build first' }, () => {
  const bin = join(root, 'bin/ascend-llm.js');
  const v = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
  assert.equal(v.status, 0);
  assert.equal(v.stdout.trim(), (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
  const bad = spawnSync(process.execPath, [bin, 'nope'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  const zh = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '' } });
  assert.equal(zh.status, 0);
  assert.match(zh.stdout, /用法：ascend-llm/);
});
