/** `model.source: upload` writes only below the models root, never into dot-folders, never over HOME itself. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputRefusedError } from '../../../../src/core/host-command/validate-input';
import { checkUploadTarget, uploadRootOf } from '../../../../src/core/remote/fetch-model/upload-target';
import { coder } from '../inputs';

const HOME = '/home/u';
const refused = (re: RegExp) => (e: unknown): boolean => e instanceof InputRefusedError && re.test(e.message);

test('the root: model.uploadRoot with ~ as the host home, else ~/models', () => {
  assert.equal(uploadRootOf(coder(), HOME), '/home/u/models');
  assert.equal(uploadRootOf(coder((d) => { d.model.uploadRoot = '/data/models/'; }), HOME), '/data/models');
  assert.equal(uploadRootOf(coder((d) => { d.model.uploadRoot = '~/weights'; }), HOME), '/home/u/weights');
});

test('inside the root, outside dot-folders: accepted', () => {
  checkUploadTarget('/home/u/models/coder', '/home/u/models', HOME);
  checkUploadTarget('/data/models/org/coder-6.7b/', '/data/models', HOME);
});

test('~/.ssh, the root itself, outside the root, and dot-folders below it: refused', () => {
  assert.throws(() => checkUploadTarget('/home/u/.ssh', '/home/u/models', HOME), refused(/not inside the upload root/));
  assert.throws(() => checkUploadTarget('/home/u/models', '/home/u/models', HOME), refused(/not inside the upload root/));
  assert.throws(() => checkUploadTarget('/home/u/models-evil/x', '/home/u/models', HOME), refused(/not inside the upload root/));
  assert.throws(() => checkUploadTarget('/home/u/models/.cache/x', '/home/u/models', HOME), refused(/hidden \(dot\) folder/));
  assert.throws(() => checkUploadTarget('/home/u/models/x/.git', '/home/u/models', HOME), refused(/hidden \(dot\) folder/));
});

test('a root that is /, the home folder, holds it, or is a dot-folder: refused', () => {
  assert.throws(() => checkUploadTarget('/home/u/.ssh', '/', HOME), refused(/file system root or holds your home/));
  assert.throws(() => checkUploadTarget('/home/u/.ssh', '/home/u', HOME), refused(/holds your home/));
  assert.throws(() => checkUploadTarget('/home/u/x', '/home', HOME), refused(/holds your home/));
  assert.throws(() => checkUploadTarget('/home/u/.ssh/k/x', '/home/u/.ssh/k', HOME), refused(/hidden \(dot\) folder/));
});
