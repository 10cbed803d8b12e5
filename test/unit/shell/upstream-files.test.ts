// The maintainers' own files give no false error at their own version: every Dockerfile, examples/ script and
// docs shell / Python block of vllm-ascend at v0.13.0, v0.18.0, v0.23.0 and main, as excerpted into
// test/fixtures/upstream/ by scripts/upstream-fixture.mjs (with each tag's commit). The errors that remain are
// true ones, checked against vLLM's source and listed with the reason in docs/vllm-arithmetic.md ("Upstream files").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateShellScript } from '../../../src/core/shell/validate-shell';
import { validateDockerfile } from '../../../src/core/dockerfile/validate-dockerfile';
import { validatePython } from '../../../src/core/python/validate-python';

interface Excerpt { paths: string[]; kind: 'dockerfile' | 'shell' | 'python'; text: string }
interface Snapshot { repo: string; tag: string; commit: string; items: Excerpt[] }

const DIR = join(__dirname, '../../fixtures/upstream');

/**
 * The target each snapshot is checked at: its own release; main tracks vLLM v0.27.1 (its Dockerfiles'
 * VLLM_TAG), newer than every row of the matrix.
 */
const SNAPSHOTS: Array<[file: string, target: string, commit: string]> = [
  ['vllm-ascend-v0.13.0.json', 'v0.13.0', '6281c1207a7a499e9f23a42b3a1e7027469f2b10'],
  ['vllm-ascend-v0.18.0.json', 'v0.18.0', 'e18643f8a4d5bd9990727654318ad069ea0b56e2'],
  ['vllm-ascend-v0.23.0.json', 'v0.23.0', '5cb98caaadeff42b5b62b996e34bb2aaa29d20fd'],
  ['vllm-ascend-main.json', 'v0.27.1', '182b75ea84ff13ece27b57391331ef8935410aea'],
];

/** True errors in the upstream files (their own vLLM has none of these options), as `<first path> <option>`. */
const TRUE_ERRORS: Record<string, string[]> = {
  'v0.18.0': [
    'docs/source/tutorials/models/Qwen3-Omni-30B-A3B-Thinking.md:285 --swap-space',
    'docs/source/tutorials/models/Qwen3-Omni-30B-A3B-Thinking.md:285 --disable-log-request',
    'docs/source/user_guide/feature_guide/lmcache_ascend_deployment.md:76 --disable-log-requests',
  ],
  'v0.23.0': [
    'docs/source/tutorials/models/Qwen2.5-Math-RM-72B.md:66 --task',
    'docs/source/tutorials/models/Qwen3-Omni-30B-A3B-Thinking.md:408 --swap-space',
    'docs/source/tutorials/models/Qwen3-Omni-30B-A3B-Thinking.md:408 --disable-log-request',
    'docs/source/user_guide/feature_guide/lmcache_ascend_deployment.md:76 --disable-log-requests',
  ],
};

function errorsOf(snap: Snapshot, target: string): string[] {
  const out: string[] = [];
  for (const it of snap.items) {
    const f = it.kind === 'dockerfile' ? validateDockerfile(it.text, { targetVersion: target })
      : it.kind === 'shell' ? validateShellScript(it.text, { targetVersion: target })
        : validatePython(it.text, { targetVersion: target });
    const lines = it.text.split('\n');
    // ASC500 is dockerfile-utils' own validator: an excerpt is not a whole Dockerfile, so it does not apply.
    for (const x of f) {
      if (x.severity !== 'error' || x.code === 'ASC500') continue;
      const word = (lines[x.range.startLine] ?? '').slice(x.range.startColumn, x.range.endColumn);
      out.push(`${it.paths[0]} ${word}`);
    }
  }
  return out.sort();
}

for (const [file, target, commit] of SNAPSHOTS) {
  test(`vllm-ascend ${target === 'v0.27.1' ? 'main' : target}: its own Dockerfiles, examples and docs blocks give no false error`, () => {
    const snap = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Snapshot;
    assert.equal(snap.commit, commit);
    assert.ok(snap.items.length > 200, `${file} holds ${snap.items.length} excerpts`);
    assert.ok(snap.items.some((x) => x.kind === 'dockerfile') && snap.items.some((x) => x.kind === 'python') && snap.items.some((x) => /vllm serve/.test(x.text)));
    assert.deepEqual(errorsOf(snap, target), (TRUE_ERRORS[target] ?? []).slice().sort());
  });
}
