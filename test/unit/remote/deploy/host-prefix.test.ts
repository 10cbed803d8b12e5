/** `~` in host prefixes (`ascendPrefix: ~/Ascend`, the non-root CANN layout) is the host user's home. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNpuSmiMapping } from '../../../../src/core/npu/index';
import { expandHome, needsHome } from '../../../../src/core/remote/host/host-paths';
import { planDockerRun } from '../../../../src/core/remote/deploy/docker-run-argv';
import { parseRemoteArgs } from '../../../../src/cli/remote-args';
import { coder, npuFixture } from '../inputs';

test('~ and ~/x prefixes become $HOME-based absolute paths; absolute ones stay', () => {
  const paths = { ascendPrefix: '~/Ascend', devPrefix: '/dev', usrLocalPrefix: '~' };
  assert.equal(needsHome(paths), true);
  assert.equal(needsHome({ ascendPrefix: '/usr/local/Ascend', devPrefix: '/dev' }), false);
  assert.deepEqual(expandHome(paths, '/home/u/'), { ascendPrefix: '/home/u/Ascend', devPrefix: '/dev', usrLocalPrefix: '/home/u/' });
});

test('a docker run planned from expanded prefixes mounts the home-relative driver', () => {
  const paths = expandHome({ ascendPrefix: '~/Ascend', devPrefix: '/dev' }, '/home/u');
  const plan = planDockerRun({ descriptor: coder(), mapping: parseNpuSmiMapping(npuFixture('910b4-info-m-25.0.rc1.1.txt')), paths });
  assert.ok(plan.argv.includes('/home/u/Ascend/driver/lib64/:/usr/local/Ascend/driver/lib64/:ro'));
});

test('the CLI accepts --ascend-prefix ~/Ascend', () => {
  assert.equal(parseRemoteArgs(['--ascend-prefix', '~/Ascend'], ['ascend-prefix']).ascendPrefix, '~/Ascend');
});
