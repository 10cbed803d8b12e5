import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDescriptor } from '../../../../src/core/descriptor/index';
import { diskPaths, hostProbes } from '../../../../src/core/remote/check/probes';

test('probes read the version files under the host prefixes', () => {
  const probes = hostProbes({ ascendPrefix: '/home/u/Ascend/', devPrefix: '/sim/dev', etcPrefix: '/sim/etc' });
  const argv = new Map(probes.map((p) => [p.id, p.argv]));
  assert.deepEqual(argv.get('driver'), ['cat', '/home/u/Ascend/driver/version.info']);
  assert.deepEqual(argv.get('firmware'), ['cat', '/home/u/Ascend/firmware/version.info']);
  assert.deepEqual(argv.get('installInfo'), ['cat', '/sim/etc/ascend_install.info']);
  assert.ok(argv.get('cann')?.includes('/home/u/Ascend/ascend-toolkit/latest/aarch64-linux/ascend_toolkit_install.info'));
  assert.deepEqual(argv.get('envFiles'), ['ls', '-1', '/home/u/Ascend/ascend-toolkit/set_env.sh', '/home/u/Ascend/nnal/atb/set_env.sh']);
  assert.equal(argv.get('devices')?.[1], '/sim/dev');
  assert.deepEqual(argv.get('npuMap'), ['npu-smi', 'info', '-m']);
  assert.equal(new Set(probes.map((p) => p.id)).size, probes.length);
});

test('the disk probe covers the model folders and their parents', () => {
  const d = parseDescriptor('version: 1\nname: c\ntarget: {host: h}\nmodel: {id: a/b, hostPath: /data/models/coder}\nquantization: {scheme: w8a8, outputPath: /scratch/q/coder-w8a8}\nimage: {tag: x:1}\n');
  assert.deepEqual(diskPaths(d), ['/data/models/coder', '/data/models', '/data', '/scratch/q/coder-w8a8', '/scratch/q', '/scratch', '.', '/var/lib/docker', '/']);
  const probe = hostProbes({ ascendPrefix: '/usr/local/Ascend', devPrefix: '/dev' }, d).find((p) => p.id === 'disk');
  assert.deepEqual(probe?.argv.slice(0, 3), ['df', '-Pk', '/data/models/coder']);
});
