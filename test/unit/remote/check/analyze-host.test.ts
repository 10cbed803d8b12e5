import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDescriptor } from '../../../../src/core/descriptor/index';
import { analyzeHostOutputs } from '../../../../src/core/remote/check/analyze-host';
import type { HostFinding, ProbeOutputs } from '../../../../src/core/remote/check/types';
import { failed, fx, healthyHost, ok } from './host-outputs';

const HOST = { ascendPrefix: '/usr/local/Ascend', devPrefix: '/dev' };
const DESCRIPTOR = parseDescriptor(`version: 1
name: coder
target: { host: kunpeng-01, chip: 910B4, vllmAscend: v0.23.0 }
model: { id: deepseek-ai/deepseek-coder-6.7b-base, hostPath: /data/models/deepseek-coder-6.7b-base }
image: { tag: ascend-llm/coder:v0.23.0 }
runtime: { npus: [2, 3] }
`);

function run(patch: (o: ProbeOutputs) => void = () => {}, descriptor = DESCRIPTOR) {
  const out = healthyHost();
  patch(out);
  return analyzeHostOutputs(out, { paths: HOST, descriptor });
}
const byId = (fs: HostFinding[], id: string): HostFinding => {
  const f = fs.find((x) => x.id === id);
  assert.ok(f, `no finding ${id}`);
  return f;
};

test('a healthy 910B4 host passes every check and yields the summary', () => {
  const r = run();
  const notPass = r.findings.filter((f) => f.status !== 'pass');
  assert.deepEqual(notPass, []);
  assert.equal(r.status, 'pass');
  assert.deepEqual(r.summary, { npuCount: 8, idleHbmMBPerNpu: 32768 - 2654, chip: '910B4' });
  assert.deepEqual(
    r.findings.map((f) => f.id),
    ['arch', 'os', 'kernel', 'driver', 'firmware', 'cann', 'nnal', 'npu-health', 'npu-ids', 'temperature', 'hbm', 'device-nodes', 'docker', 'hugepages', 'numa', 'disk'],
  );
  assert.equal(r.npuNuma.get('2:0'), 4);
  assert.match(byId(r.findings, 'numa').detail, /NPU 2 → node 4/);
  assert.match(byId(r.findings, 'npu-ids').detail, /2→2, 3→3/);
});

test('CANN against the compatibility matrix of the target vllm-ascend', () => {
  const older = run(() => {}, { ...DESCRIPTOR, target: { ...DESCRIPTOR.target, vllmAscend: 'v0.13.0' } });
  const f = byId(older.findings, 'cann');
  assert.equal(f.status, 'warn');
  assert.match(f.detail, /vllm-ascend v0\.13\.0 is built for CANN 8\.5\.0/);
  assert.ok(f.fix);
  const missing = run((o) => { o.cann = failed('', 2); });
  assert.equal(byId(missing.findings, 'cann').status, 'warn');
  // CANN 9.x layout: a cann-<ver> folder under the prefix.
  const nine = run((o) => { o.cann = failed('', 2); o.ascendPrefix = ok('cann-9.1.0\ndriver\n'); });
  assert.equal(byId(nine.findings, 'cann').status, 'pass');
});

test('driver and firmware: missing driver fails, firmware outside compatible_version_fw fails', () => {
  assert.equal(byId(run((o) => { o.driver = failed('cat: /usr/local/Ascend/driver/version.info: No such file or directory'); }).findings, 'driver').status, 'fail');
  const fw = byId(run((o) => { o.firmware = ok('Version=6.4.12.1.241\n'); }).findings, 'firmware');
  assert.equal(fw.status, 'fail');
  assert.match(fw.detail, /7\.0\.0 to 7\.7\.99/);
});

test('the driver install path recorded in ascend_install.info must match ascendPrefix', () => {
  const r = analyzeHostOutputs(healthyHost(), { paths: { ascendPrefix: '/home/deploy/Ascend', devPrefix: '/dev' }, descriptor: DESCRIPTOR });
  const f = byId(r.findings, 'install-path');
  assert.equal(f.status, 'warn');
  assert.match(f.fix ?? '', /\/usr\/local\/Ascend/);
});

test('missing NNAL warns with the libatb.so symptom', () => {
  const f = byId(run((o) => { o.envFiles = failed('ls: cannot access ...: No such file or directory', 2, '/usr/local/Ascend/ascend-toolkit/set_env.sh\n'); }).findings, 'nnal');
  assert.equal(f.status, 'warn');
  assert.match(f.detail, /libatb\.so/);
});

test('npu-smi: dcmi -8005 fails with its cause; an Alarm fails; a Warning warns', () => {
  const dcmi = run((o) => { o.npuSmi = failed('', 255, 'DrvMngGetConsoleLogLevel failed. (g_conLogLevel=3)\ndcmi module initialize failed. ret is -8005\n'); });
  const h = byId(dcmi.findings, 'npu-health');
  assert.equal(h.status, 'fail');
  assert.match(h.detail, /held by another container/);
  assert.equal(dcmi.summary, undefined);
  const text = healthyHost().npuSmi?.stdout ?? '';
  const alarm = run((o) => { o.npuSmi = ok(text.replace('| 3     910B4               | OK     ', '| 3     910B4               | Alarm  ')); });
  assert.equal(byId(alarm.findings, 'npu-health').status, 'fail');
  const warning = run((o) => { o.npuSmi = ok(text.replace('| 3     910B4               | OK       ', '| 3     910B4               | Warning  ')); });
  assert.equal(byId(warning.findings, 'npu-health').status, 'warn');
  assert.equal(byId(run((o) => { o.npuSmi = failed('bash: npu-smi: command not found', 127); }).findings, 'npu-health').status, 'fail');
});

test('hot NPUs warn with the latency-jitter row; NPUs the host lacks fail', () => {
  const text = healthyHost().npuSmi?.stdout ?? '';
  const hot = run((o) => { o.npuSmi = ok(text.replace('| 89.1        34 ', '| 89.1        91 ')); });
  const t = byId(hot.findings, 'temperature');
  assert.equal(t.status, 'warn');
  assert.match(t.detail, /NPU 3 91 °C.*latency jitter/);
  const ids = byId(run(() => {}, { ...DESCRIPTOR, runtime: { npus: [8, 9] } }).findings, 'npu-ids');
  assert.equal(ids.status, 'fail');
  assert.match(ids.detail, /8, 9/);
});

test('processes on the target NPUs warn unless they belong to the running deployment', () => {
  const loaded = run((o) => { o.npuSmi = ok(`${healthyHost().npuSmi?.stdout ?? ''}`.replace('| No running processes found in NPU 2                                                            |',
    '| 2       0                 | 576489        | python                   | 28000                   |')); });
  const f = byId(loaded.findings, 'hbm');
  assert.equal(f.status, 'warn');
  assert.match(f.detail, /NPU 2 pid 576489 python 28000 MB/);
  const out = healthyHost();
  out.npuSmi = ok((out.npuSmi?.stdout ?? '').replace('| No running processes found in NPU 2                                                            |',
    '| 2       0                 | 576489        | python                   | 28000                   |'));
  const ours = analyzeHostOutputs(out, { paths: HOST, descriptor: DESCRIPTOR, deployment: {
    name: 'coder', host: 'kunpeng-01', container: 'ascend-llm-coder', image: 'x', modelId: 'm', servedModelName: 's', hostPort: 8000,
    containerPort: 8000, npus: [2, 3], startedAt: '2026-11-28T00:00:00Z', status: 'running' } });
  assert.equal(byId(ours.findings, 'hbm').status, 'pass');
});

test('device nodes: missing ones fail; nodes the user cannot open fail when quantizing on the host', () => {
  const missing = byId(run((o) => { o.devices = ok('crw-rw---- HwHiAiUser HwHiAiUser /dev/davinci0\n'); }).findings, 'device-nodes');
  assert.equal(missing.status, 'fail');
  assert.match(missing.detail, /davinci2, davinci3, davinci_manager, devmm_svm, hisi_hdc/);
  const outsider = (o: ProbeOutputs): void => { o.id = ok('uid=1002(guest) gid=1002(guest) groups=1002(guest)\n'); };
  const warn = byId(run(outsider).findings, 'device-nodes');
  assert.equal(warn.status, 'warn');
  assert.match(warn.fix ?? '', /usermod -aG HwHiAiUser guest/);
  const quant = byId(run(outsider, { ...DESCRIPTOR, quantization: { scheme: 'w8a8', outputPath: '/data/q' } }).findings, 'device-nodes');
  assert.equal(quant.status, 'fail');
  assert.equal(byId(run((o) => { o.id = ok('uid=0(root) gid=0(root) groups=0(root)\n'); }).findings, 'device-nodes').status, 'pass');
});

test('docker: not installed, no permission, daemon down', () => {
  const status = (r: ReturnType<typeof run>): string => byId(r.findings, 'docker').detail;
  assert.match(status(run((o) => { o.docker = failed('bash: docker: command not found', 127); })), /not installed/);
  const denied = run((o) => { o.docker = failed('permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock'); });
  assert.match(byId(denied.findings, 'docker').fix ?? '', /docker group/);
  assert.match(status(run((o) => { o.docker = failed('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'); })), /not running/);
});

test('hugepages: a large unused reservation warns', () => {
  const r = run((o) => { o.meminfo = ok('MemTotal:       1000000 kB\nHugePages_Total:     400\nHugePages_Free:      390\nHugepagesize:       2048 kB\n'); });
  assert.equal(byId(r.findings, 'hugepages').status, 'warn');
  const small = run((o) => { o.meminfo = ok('MemTotal:       100000000 kB\nHugePages_Total:     1024\nHugePages_Free:      1024\nHugepagesize:       2048 kB\n'); });
  assert.equal(byId(small.findings, 'hugepages').status, 'pass');
});

test('NUMA: numactl missing warns; unknown NPU affinity warns only for old targets', () => {
  assert.equal(byId(run((o) => { o.numa = failed('bash: numactl: command not found', 127); }).findings, 'numa').status, 'warn');
  const noSysfs = (o: ProbeOutputs): void => { o.pciNuma = failed('find: /sys/bus/pci/devices/: No such file or directory'); };
  assert.equal(byId(run(noSysfs).findings, 'numa').status, 'pass');
  assert.equal(byId(run(noSysfs, { ...DESCRIPTOR, target: { ...DESCRIPTOR.target, vllmAscend: 'v0.11.0' } }).findings, 'numa').status, 'warn');
});

test('free disk is judged on the filesystem of the model folder', () => {
  const low = run((o) => { o.disk = ok('Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/nvme0n1p1 3750000000 3740000000 5000000 99% /data\n/dev/sda2 500000000 100000000 400000000 20% /\n'); });
  const f = byId(low.findings, 'disk');
  assert.equal(f.status, 'fail');
  assert.match(f.detail, /\/data: 4 GiB/);
  const mid = run((o) => { o.disk = ok('Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/sda2 500000000 100000000 31457280 80% /\n'); });
  assert.equal(byId(mid.findings, 'disk').status, 'warn');
});

test('system: x86_64 warns, Kylin warns with the docker load fix', () => {
  assert.equal(byId(run((o) => { o.arch = ok('x86_64\n'); }).findings, 'arch').status, 'warn');
  const kylin = byId(run((o) => { o.os = ok('NAME="Kylin Linux Advanced Server"\nID="kylin"\nVERSION_ID="V10"\n'); }).findings, 'os');
  assert.equal(kylin.status, 'warn');
  assert.match(kylin.fix ?? '', /docker load/);
});

test('A3 hosts report chip A3 and one logical device per die', () => {
  const a3 = run((o) => {
    o.npuSmi = ok(fx('a3-ascend910-info-25.2.0-process-and-empty.txt'));
    o.npuMap = ok('NPU ID Chip ID Chip Logic ID Chip Name\n0 0 0 Ascend 910\n0 1 1 Ascend 910\n0 2 - Mcu\n1 0 2 Ascend 910\n1 1 3 Ascend 910\n1 2 - Mcu\n');
  }, { ...DESCRIPTOR, runtime: { npus: [1] } });
  assert.deepEqual(a3.summary, { npuCount: 4, idleHbmMBPerNpu: 65536 - 10568, chip: 'A3' });
});
