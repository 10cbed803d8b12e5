// The one version module: tag order with rc, matrix pairing, release lines, and which target applies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareVersions, parseVersion, isReleaseTag } from '../../../src/core/versions/version-tags';
import { compatRowFor, vllmFor } from '../../../src/core/versions/compat-matrix';
import { RELEASE_LINES, lineFor, NEWEST_FINAL } from '../../../src/core/versions/release-lines';
import { selectTarget, tagFromImage, tagFromPin, tagFromPipShow } from '../../../src/core/versions/target-select';
import { parseTarget, pipVersions } from '../../../src/core/versions/target-version';

test('tags order rc before final, a bare rc branch before rc1, post after final', () => {
  const sorted = ['v0.23.0', 'v0.23.0rc1', 'v0.26.0rc1', 'v0.26.0rc', 'v0.7.3.post1', 'v0.7.3', 'v0.24.0rc1', 'v0.23.0rc2'].sort(compareVersions);
  assert.deepEqual(sorted, ['v0.7.3', 'v0.7.3.post1', 'v0.23.0rc1', 'v0.23.0rc2', 'v0.23.0', 'v0.24.0rc1', 'v0.26.0rc', 'v0.26.0rc1']);
  assert.equal(parseVersion('0.25.1rc1')?.rc, 1);
  assert.equal(parseVersion('v0.23.0')?.rc, Infinity);
  assert.ok(isReleaseTag('v0.26.0rc1') && !isReleaseTag('latest') && !isReleaseTag('v0.23.0-a3'));
  // target-version.ts parses with the same parser.
  assert.deepEqual(parseTarget('0.10.0rc1'), { tag: 'v0.10.0rc1', major: 0, minor: 10, patch: 0, pre: 'rc1' });
});

test('the vLLM pairing comes from the matrix, not from dropping rc', () => {
  assert.equal(vllmFor('v0.14.0rc1'), 'v0.14.1');
  assert.equal(vllmFor('v0.11.0rc0'), 'v0.11.0rc3');
  assert.equal(vllmFor('v0.25.1rc1'), 'v0.25.1');
  assert.deepEqual(pipVersions(parseTarget('v0.14.0rc1')), { vllm: '0.14.1', vllmAscend: '0.14.0rc1' });
});

test('an rc has its own matrix row and never borrows the final one', () => {
  const rc = compatRowFor('v0.23.0rc1');
  assert.equal(rc?.cann, '9.0.1');
  assert.equal(rc?.torchNpu, '2.10.0.post2');
  assert.equal(compatRowFor('v0.23.0')?.torchNpu, '2.10.0.post4');
  for (const tag of ['v0.24.0rc1', 'v0.25.1rc1', 'v0.21.0rc1']) assert.ok(compatRowFor(tag), tag);
  assert.equal(compatRowFor('v0.18.0rc2'), undefined);
});

test('release-lines.ts lists the lines of schemas/source/release-lines.json, in order', () => {
  const json = JSON.parse(readFileSync(resolve(__dirname, '../../../schemas/source/release-lines.json'), 'utf8')) as { lines: Array<{ line: string }> };
  assert.deepEqual([...RELEASE_LINES], json.lines.map((l) => l.line));
});

test('a target maps to the line of its release, else the newest older line', () => {
  assert.deepEqual(lineFor('v0.23.0rc1'), { line: 'v0.23.0', exact: true });
  assert.deepEqual(lineFor('v0.26.0rc1'), { line: 'v0.26.0rc', exact: true });
  assert.deepEqual(lineFor('v0.25.1rc2'), { line: 'v0.25.1rc1', exact: true });
  assert.deepEqual(lineFor('v0.21.0rc1'), { line: 'v0.18.0', exact: false });
  assert.deepEqual(lineFor('v0.11.0'), { line: 'v0.13.0', exact: false });
  assert.deepEqual(lineFor(undefined), { line: NEWEST_FINAL, exact: false });
});

test('target selection order: override, descriptor, image, pin, host, newest final', () => {
  const all = {
    override: 'v0.13.0', descriptorTarget: 'v0.18.0',
    images: [{ ref: 'registry.local/base:1', where: 'image.base' }, { ref: 'quay.io/ascend/vllm-ascend:v0.24.0rc1-a3', where: 'Dockerfile' }],
    pins: [{ text: 'RUN pip install vllm-ascend==0.25.1rc1', where: 'Dockerfile' }],
    hostInstalled: '0.23.0',
  };
  assert.equal(selectTarget(all).source, 'override');
  assert.deepEqual([selectTarget({ ...all, override: undefined }).tag, selectTarget({ ...all, override: undefined }).source], ['v0.18.0', 'descriptor']);
  const img = selectTarget({ ...all, override: undefined, descriptorTarget: undefined });
  assert.deepEqual([img.tag, img.source, img.detail], ['v0.24.0rc1', 'image', 'Dockerfile: quay.io/ascend/vllm-ascend:v0.24.0rc1-a3']);
  assert.equal(selectTarget({ pins: all.pins, hostInstalled: '0.23.0' }).tag, 'v0.25.1rc1');
  assert.deepEqual([selectTarget({ hostInstalled: '0.23.0' }).tag, selectTarget({ hostInstalled: '0.23.0' }).source], ['v0.23.0', 'host']);
  assert.deepEqual([selectTarget({}).tag, selectTarget({}).source], [NEWEST_FINAL, 'default']);
  // A non-tag override (a typo) does not count.
  assert.equal(selectTarget({ override: 'latest', descriptorTarget: 'v0.18.0' }).source, 'descriptor');
});

test('image tags, pins and pip show output give the release', () => {
  assert.equal(tagFromImage('m.daocloud.io/quay.io/ascend/vllm-ascend:v0.23.0rc1-310p-openeuler'), 'v0.23.0rc1');
  assert.equal(tagFromImage('quay.io/ascend/cann:8.5.0-910b-ubuntu22.04-py3.11'), undefined);
  assert.equal(tagFromPin('pip install "vllm-ascend==0.13.0" vllm==0.13.0'), 'v0.13.0');
  assert.equal(tagFromPipShow('Name: vllm_ascend\nVersion: 0.25.1rc1\nSummary: vLLM Ascend backend plugin\n'), 'v0.25.1rc1');
  assert.equal(tagFromPipShow('WARNING: Package(s) not found: vllm-ascend\n'), undefined);
});
