/**
 * check-host on the 8×910B4 profile, cancelling a running quantize (cancelled for real on the host), W4A16 on
 * a dense model refused before anything runs, and an unknown host key under StrictHostKeyChecking yes.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { command as checkHost } from '../../../src/cli/commands/check-host';
import { command as fetchModel } from '../../../src/cli/commands/fetch-model';
import { command as quantize } from '../../../src/cli/commands/quantize';
import { listRemoteJobs, reattachJob, runQuantize } from '../../../src/core/remote/index';
import { loadDescriptor } from '../../../src/core/descriptor/index';
import { collectingIo, sandbox, type Sandbox } from './fixture';

let s: Sandbox;
before(async () => { s = await sandbox(); });
after(async () => { await s?.done(); });

test('check-host on 8x 910B4: findings with pass/warn/fail, summary, and the exit code follows the worst', { timeout: 60_000 }, async () => {
  const io = collectingIo(s.env, s.home);
  const code = await checkHost.run(['--host', s.sim.alias, '--json'], io);
  const report = JSON.parse(io.out) as { status: string; summary: { npuCount: number }; findings: Array<{ id: string; status: string; fix?: string }> };
  assert.equal(code, report.status === 'fail' ? 1 : 0, io.err);
  assert.equal(report.summary.npuCount, 8);
  assert.ok(report.findings.length > 8);
  assert.ok(report.findings.some((f) => f.status === 'pass'));
  assert.ok(report.findings.filter((f) => f.status === 'fail').every((f) => typeof f.fix === 'string' && f.fix.length > 0));
  const text = collectingIo(s.env, s.home);
  assert.equal(await checkHost.run(['--host', s.sim.alias], text), code);
  assert.match(text.out, /\[PASS\]/);
  const usage = collectingIo(s.env, s.home);
  assert.equal(await checkHost.run([], usage), 2);
});

test('cancelling a running quantize cancels the job on the host for real', { timeout: 60_000 }, async () => {
  const file = s.descriptor({ quantization: { scheme: 'w8a8', outputPath: `${s.sim.home}/models/coder-w8a8` } });
  const io = collectingIo(s.env, s.home);
  assert.equal(await fetchModel.run(['--descriptor', file], io), 0, io.err);
  const d = await loadDescriptor(readFileSync(file, 'utf8'), file);
  const ac = new AbortController();
  let output = '';
  const outcome = await runQuantize(s.ctx({
    signal: ac.signal,
    onOutput: (t) => { output += t; if (!ac.signal.aborted) setTimeout(() => ac.abort(), 300); },
  }), d);
  assert.equal(outcome.status, 'cancelled', outcome.message);
  assert.ok(output.length > 0);
  const job = (await listRemoteJobs(s.ctx())).find((j) => j.id === outcome.id);
  assert.equal(job?.status, 'cancelled');
  assert.equal(job?.alive, false);
  const still = spawnSync('pgrep', ['-f', 'msmodelslim.mjs']);
  assert.notEqual(still.status, 0, 'no msmodelslim process left');
  assert.equal(existsSync(join(s.sim.home, 'models', 'coder-w8a8', 'quant_model_description.json')), false);
});

test('the CLI maps a cancelled quantize to exit 130', { timeout: 60_000 }, async () => {
  const file = s.descriptor({ quantization: { scheme: 'w8a8', outputPath: `${s.sim.home}/models/coder-w8a8-b` } });
  const ac = new AbortController();
  const io = collectingIo(s.env, s.home, ac.signal);
  const wrapped = { ...io, stdout: (t: string) => { io.stdout(t); if (!ac.signal.aborted) setTimeout(() => ac.abort(), 300); } };
  assert.equal(await quantize.run(['--descriptor', file], wrapped), 130, io.err);
});

test('W4A16 on a dense model is refused before anything runs', { timeout: 60_000 }, async () => {
  const file = s.descriptor({ quantization: { scheme: 'w4a16', outputPath: `${s.sim.home}/models/coder-w4a16` } });
  const before = (await listRemoteJobs(s.ctx())).length;
  const io = collectingIo(s.env, s.home);
  assert.equal(await quantize.run(['--descriptor', file], io), 1);
  assert.match(io.err, /W4A16 is refused/);
  assert.equal((await listRemoteJobs(s.ctx())).length, before);
});

test('an unknown host key with StrictHostKeyChecking yes: exit 3 and its SHA256 fingerprint; accept-new connects', { timeout: 60_000 }, async () => {
  const kh = join(s.home, 'empty_known_hosts');
  writeFileSync(kh, '');
  const cfg = join(s.home, '.ssh', 'config');
  const original = readFileSync(cfg, 'utf8');
  try {
    writeFileSync(cfg, original.replace(/UserKnownHostsFile \S+/, `UserKnownHostsFile ${kh}`));
    const io = collectingIo(s.env, s.home);
    assert.equal(await checkHost.run(['--host', s.sim.alias], io), 3);
    assert.match(io.err, /SHA256:[A-Za-z0-9+/]{43}/);
    assert.equal(readFileSync(kh, 'utf8'), '');
    writeFileSync(cfg, original.replace(/UserKnownHostsFile \S+/, `UserKnownHostsFile ${kh}`).replace(/StrictHostKeyChecking \S+/, 'StrictHostKeyChecking accept-new'));
    const ok = collectingIo(s.env, s.home);
    assert.notEqual(await checkHost.run(['--host', s.sim.alias, '--json'], ok), 3, ok.err);
    assert.match(readFileSync(kh, 'utf8'), /ssh-ed25519/);
  } finally {
    writeFileSync(cfg, original);
  }
});

test('quantize succeeds and verifies; a second client re-attaches to the running job; a second run is skipped', { timeout: 60_000 }, async () => {
  s.sim.control.setLatency({ quantMs: 2500 });
  try {
    const file = s.descriptor({ quantization: { scheme: 'w8a8', outputPath: `${s.sim.home}/models/coder-w8a8-ok` } });
    const fetched = collectingIo(s.env, s.home);
    assert.equal(await fetchModel.run(['--descriptor', file], fetched), 0, fetched.err);
    const d = await loadDescriptor(readFileSync(file, 'utf8'), file);
    const known = new Set((await listRemoteJobs(s.ctx())).map((j) => j.id));
    let log = '';
    const running = runQuantize(s.ctx({ onOutput: (t) => { log += t; } }), d);
    let id: string | undefined;
    for (let i = 0; i < 100 && !id; i++) {
      id = (await listRemoteJobs(s.ctx())).find((j) => !known.has(j.id) && j.spec?.kind === 'quantize')?.id;
      if (!id) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(id, 'the quantize job appears on the host');
    let text = '';
    const again = await reattachJob(s.ctx({ onOutput: (t) => { text += t; } }), id).finally(() => running.catch(() => undefined));
    assert.equal(again.status, 'succeeded', `${again.message}\n${text}`);
    assert.ok(text.length > 0, 'the re-attached follower reads the log from the start');
    const outcome = await running;
    assert.equal(outcome.status, 'succeeded', `${outcome.message}\n${log}`);
    assert.equal(outcome.id, id);
    const io = collectingIo(s.env, s.home);
    assert.equal(await quantize.run(['--descriptor', file, '--json'], io), 0, io.err);
    assert.equal(JSON.parse(io.out).status, 'skipped');
  } finally {
    s.sim.control.setLatency({ quantMs: 20000 });
  }
});
