import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath, offerLocalTarget } from '../../../src/core/local/local-offer';

const dir = mkdtempSync(join(tmpdir(), 'local-offer-'));
const withNpuSmi = join(dir, 'bin');
const notExecutable = join(dir, 'noexec');
const asFolder = join(dir, 'folder');
mkdirSync(withNpuSmi);
mkdirSync(notExecutable);
mkdirSync(join(asFolder, 'npu-smi'), { recursive: true });
writeFileSync(join(withNpuSmi, 'npu-smi'), '#!/bin/sh\n');
chmodSync(join(withNpuSmi, 'npu-smi'), 0o755);
writeFileSync(join(notExecutable, 'npu-smi'), '#!/bin/sh\n');
chmodSync(join(notExecutable, 'npu-smi'), 0o644);

test('findOnPath finds the first executable file of that name, skipping folders and non-executables', () => {
  assert.equal(findOnPath('npu-smi', `${asFolder}:${notExecutable}::${withNpuSmi}`), join(withNpuSmi, 'npu-smi'));
  assert.equal(findOnPath('npu-smi', `${asFolder}:${notExecutable}`), undefined);
  assert.equal(findOnPath('npu-smi', undefined), undefined);
});

test('this machine is offered as the target only on Arm64 Linux with npu-smi on PATH', () => {
  assert.equal(offerLocalTarget('linux', 'arm64', withNpuSmi), true);
  assert.equal(offerLocalTarget('linux', 'x64', withNpuSmi), false);
  assert.equal(offerLocalTarget('darwin', 'arm64', withNpuSmi), false);
  assert.equal(offerLocalTarget('linux', 'arm64', asFolder), false);
});
