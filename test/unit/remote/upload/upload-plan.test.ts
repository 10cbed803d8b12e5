/**
 * Planning of the uploads: `model.localPath` and `image.tarball` in the descriptor, where they resolve,
 * which image source wins, where a tarball goes on the host and what `docker load` reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DescriptorError, loadDescriptor, parseDescriptor } from '../../../../src/core/descriptor/index';
import { imageSourceOf, loadedTags, planLoad, tarballRemoteDir } from '../../../../src/core/remote/build/build-plan';
import { planFetchModel, planModelUpload } from '../../../../src/core/remote/fetch-model/fetch-plan';
import { PlanError } from '../../../../src/core/host-command/plan-error';
import { InputRefusedError } from '../../../../src/core/host-command/validate-input';
import { CODER_YAML, coder } from '../inputs';

const withUpload = (localPath: string): string =>
  CODER_YAML.replace('  source: modelscope\n', `  source: upload\n  localPath: ${JSON.stringify(localPath)}\n`);

test('model.localPath and image.tarball resolve against the descriptor folder; absolute stays; .. is resolved', async () => {
  const rel = await loadDescriptor(withUpload('./weights/coder'), '/ws/proj/ascend-deploy.yaml');
  assert.equal(rel.model.source, 'upload');
  assert.equal(rel.model.localPath, '/ws/proj/weights/coder');
  const up = await loadDescriptor(withUpload('../shared/models/coder'), '/ws/proj/ascend-deploy.yaml');
  assert.equal(up.model.localPath, '/ws/shared/models/coder');
  const abs = await loadDescriptor(withUpload('/data/local/coder'), '/ws/proj/ascend-deploy.yaml');
  assert.equal(abs.model.localPath, '/data/local/coder');
  const tar = await loadDescriptor(CODER_YAML.replace('  base: quay.io', '  tarball: images/vllm-ascend-v0.23.0.tar\n  base: quay.io'), '/ws/proj/ascend-deploy.yaml');
  assert.equal(tar.image.tarball, '/ws/proj/images/vllm-ascend-v0.23.0.tar');
  // A hostile-looking name is just a file name here: it only ever reaches fs calls, never a shell.
  const odd = await loadDescriptor(withUpload("w/x'; touch /tmp/pwned; '$(id)"), '/ws/ascend-deploy.yaml');
  assert.equal(odd.model.localPath, "/ws/w/x'; touch /tmp/pwned; '$(id)");
});

test('control characters in local paths are refused, with every other problem', () => {
  assert.throws(() => parseDescriptor(withUpload('models/a\nb')), (e: unknown) => {
    assert.ok(e instanceof DescriptorError);
    assert.match(e.problems.join('\n'), /"model\.localPath" must be a plain file path/);
    return true;
  });
  assert.throws(() => parseDescriptor(CODER_YAML.replace('  base: quay.io', '  tarball: "a\\u0000.tar"\n  base: quay.io')), /"image\.tarball" must be a plain file path/);
});

test('planModelUpload: needs model.localPath; relative paths use descriptorDir; the host path is still checked', () => {
  assert.throws(() => planModelUpload(coder((d) => { d.model.source = 'upload'; })), (e: unknown) => e instanceof PlanError && /model\.localPath is required/.test(e.message));
  const plan = planModelUpload(coder((d) => { d.model.source = 'upload'; d.model.localPath = 'weights'; }), '/ws/proj');
  assert.deepEqual(plan, { localDir: '/ws/proj/weights', targetPath: '/data/models/deepseek-coder-6.7b-base' });
  assert.equal(planModelUpload(coder((d) => { d.model.source = 'upload'; d.model.localPath = '/abs/w/../w2'; }), '/ws').localDir, '/abs/w2');
  assert.throws(() => planModelUpload(coder((d) => { d.model.source = 'upload'; d.model.localPath = 'w'; d.model.hostPath = '/data/$(id)'; })), InputRefusedError);
  assert.deepEqual(planFetchModel(coder((d) => { d.model.source = 'upload'; })).steps, [['mkdir', '-p', '/data/models/deepseek-coder-6.7b-base']]);
});

test('image source: a Dockerfile builds, else a tarball loads (even with a base), else a base pulls', () => {
  assert.equal(imageSourceOf(coder((d) => { d.image.tarball = '/x/i.tar'; })), 'load');
  assert.equal(imageSourceOf(coder((d) => { d.image.tarball = '/x/i.tar'; d.image.dockerfile = './Dockerfile'; })), 'build');
  assert.equal(imageSourceOf(coder()), 'pull');
  assert.throws(() => imageSourceOf(coder((d) => { d.image.base = undefined; })), (e: unknown) => e instanceof PlanError && e.code === 'missing-image-source');
});

test('the tarball goes to a fixed name under ~/.ascend-llm/images/<name>; docker load -i; tags from its output', () => {
  const dir = tarballRemoteDir('/home/u', 'coder');
  assert.equal(dir, '/home/u/.ascend-llm/images/coder');
  assert.deepEqual(planLoad(coder(), `${dir}/image.tar`).steps, [['docker', 'load', '-i', '/home/u/.ascend-llm/images/coder/image.tar']]);
  assert.throws(() => tarballRemoteDir('/home/u', 'x; id'), InputRefusedError);
  assert.throws(() => planLoad(coder(), '/tmp/`id`.tar'), InputRefusedError);
  assert.deepEqual(loadedTags('Loaded image: a/b:1\r\nLoaded image ID: sha256:00\nLoaded image: c:2\n'), ['a/b:1', 'c:2']);
});
