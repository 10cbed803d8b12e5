// The simulated host's real OpenSSH sshd: keys, known_hosts, the session environment, and cleanup.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimHost, type SimHost } from './index.js';
import { sshBatch, sshRun } from './ssh-run.js';

describe('simulated host sshd', () => {
  let h: SimHost;
  before(async () => { h = await startSimHost({ profile: '910b4' }); });
  after(async () => { await h.stop(); });

  test('the generated ssh_config, key and known_hosts line log in; the session sees the host, not this machine', async () => {
    assert.match(h.knownHostsLine, /^\[127\.0\.0\.1\]:\d+ ssh-ed25519 AAAA/);
    assert.equal(readFileSync(h.knownHostsPath, 'utf8').trim(), h.knownHostsLine);
    const [home, path, arch, cpu, numa, ascend, hasShim] = await sshBatch(h, ['echo $HOME', 'echo $PATH', 'uname -m', 'lscpu',
      'numactl -H', `cat ${h.ascendPrefix}/driver/version.info ${h.ascendPrefix}/ascend-toolkit/latest/aarch64-linux/ascend_toolkit_install.info`,
      'command -v npu-smi']);
    assert.equal(home.trim(), h.home);
    assert.ok(path.startsWith(join(h.home, '..', 'bin')), path);
    assert.equal(arch.trim(), 'aarch64');
    assert.match(cpu, /Model name:\s+HUAWEI Kunpeng 920 5250/);
    assert.match(cpu, /NUMA node\(s\):\s+8/);
    assert.match(numa, /^available: 8 nodes \(0-7\)/);
    assert.match(numa, /node 7 cpus: 168 169 .* 191\n/);
    assert.match(ascend, /^Version=25\.0\.rc1\.1$/m);
    assert.match(ascend, /^package_name=Ascend-cann-toolkit$/m);
    assert.ok(hasShim.trim().endsWith('/bin/npu-smi'));
    for (const n of ['davinci0', 'davinci7', 'davinci_manager', 'devmm_svm', 'hisi_hdc']) assert.ok(existsSync(join(h.devPrefix, n)), n);
    assert.ok(existsSync(join(h.etcPrefix, 'ascend_install.info')));
    assert.ok(existsSync(join(h.ascendPrefix, 'nnal', 'atb', 'set_env.sh')));
  });

  test('shims are not on PATH outside the host sessions', () => {
    const r = spawnSync('sh', ['-c', 'command -v npu-smi || echo none; uname -m'], { encoding: 'utf8' });
    assert.match(r.stdout, /^none\n/);
    assert.notEqual(r.stdout.split('\n')[1], 'aarch64');
    assert.ok(!(process.env.PATH ?? '').includes(h.stateDir));
  });

  test('sshd refuses an unknown key, and its log shows the attempt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simhost-key-'));
    try {
      const other = join(dir, 'other');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
      const r = spawnSync('ssh', ['-F', '/dev/null', '-i', other, '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none', '-o', 'BatchMode=yes',
        '-o', `UserKnownHostsFile=${h.knownHostsPath}`, '-o', 'StrictHostKeyChecking=yes', '-p', String(h.port), `${h.user}@${h.host}`, 'echo in'],
      { encoding: 'utf8', timeout: 20000 });
      assert.equal(r.status, 255);
      assert.match(r.stderr, /Permission denied \(publickey\)/);
      assert.doesNotMatch(r.stdout, /in/);
      const fp = execFileSync('ssh-keygen', ['-lf', `${other}.pub`], { encoding: 'utf8' }).split(' ')[1];
      assert.match(readFileSync(h.sshdLogPath, 'utf8'), new RegExp(`Failed publickey for ${h.user} .*${fp.replace(/[+/]/g, '.')}`));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  test('a changed host key is refused by the known_hosts line', async () => {
    const r = await sshRun(h, 'true', ['-o', 'UserKnownHostsFile=/dev/null', '-o', 'StrictHostKeyChecking=yes']);
    assert.equal(r.code, 255);
    assert.match(r.stderr, /Host key verification failed/);
  });
});

test('stop() leaves nothing running: sshd, sessions, containers', async () => {
  const h = await startSimHost({ latency: { startupMs: 100 } });
  const D = h.devPrefix;
  await sshRun(h, `docker run -d --device ${D}/davinci0 --device ${D}/davinci_manager --device ${D}/devmm_svm --device ${D}/hisi_hdc -v ${h.ascendPrefix}/driver/lib64:/usr/local/Ascend/driver/lib64 quay.io/ascend/vllm-ascend:v0.23.0 vllm serve /m; (sleep 300 >/dev/null 2>&1 &) ; true`);
  const containers = readdirSync(join(h.stateDir, 'containers'));
  const pid = (JSON.parse(readFileSync(join(h.stateDir, 'containers', containers[0], 'pid.json'), 'utf8')) as { pid: number }).pid;
  const alive = (p: number): boolean => { try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${p}/stat`, 'utf8')); } catch { return false; } };
  assert.ok(alive(pid));
  const port = h.port;
  const state = h.stateDir;
  await h.stop();
  assert.ok(!alive(pid), `container process ${pid} still running`);
  const marked = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try { return readFileSync(`/proc/${p}/environ`, 'utf8').includes(`SIMHOST_STATE=${state}\0`); } catch { return false; }
  });
  assert.deepEqual(marked, []);
  const refused = await new Promise<boolean>((r) => { const c = connect(port, '127.0.0.1'); c.on('connect', () => { c.destroy(); r(false); }); c.on('error', () => r(true)); });
  assert.ok(refused);
  assert.ok(!existsSync(state));
});

test('a sandbox HOME written by writeSandboxSsh reaches the host with plain `ssh <alias>`', async () => {
  const { writeSandboxSsh, resetSandboxSsh } = await import('./sandbox-home.js');
  const h = await startSimHost({ alias: 'kunpeng-sandbox' });
  const home = mkdtempSync(join(tmpdir(), 'simhost-sandbox-'));
  try {
    resetSandboxSsh(home);
    const { configPath } = writeSandboxSsh(home, h);
    const r = spawnSync('ssh', ['-F', configPath, '-o', 'BatchMode=yes', 'kunpeng-sandbox', 'uname -m'], { encoding: 'utf8', env: { ...process.env, HOME: home }, timeout: 20000 });
    assert.equal(r.stdout.trim(), 'aarch64', r.stderr);
    assert.match(readFileSync(configPath, 'utf8'), new RegExp(`IdentityFile ${home.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/\\.ssh/id_simhost_kunpeng-sandbox`));
  } finally { await h.stop(); rmSync(home, { recursive: true, force: true }); }
});
