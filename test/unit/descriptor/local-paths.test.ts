/**
 * A descriptor's local paths (image.dockerfile, image.tarball, model.localPath, serve.config) stay inside the
 * workspace folder after symlinks are followed, never enter a hidden folder of HOME, and a build context is
 * never HOME itself; serve.config is checked before it is read.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalPathRefusedError, loadDescriptor } from '../../../src/core/descriptor/index';

let home: string;
let ws: string;
before(() => {
  home = realpathSync(mkdtempSync(join(tmpdir(), 'confine-home-')));
  ws = join(home, 'proj');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'config'), 'Host x\n');
  writeFileSync(join(home, 'creds.yaml'), 'api-key: sk-secret\n');
  mkdirSync(join(ws, 'weights'), { recursive: true });
  writeFileSync(join(ws, 'Dockerfile'), 'FROM scratch\n');
  writeFileSync(join(ws, 'serve.vllm.yaml'), 'max-model-len: 4096\n');
  symlinkSync(join(home, 'creds.yaml'), join(ws, 'link.yaml'));
  symlinkSync(join(home, '.ssh'), join(ws, 'sshdir'));
});
after(() => rmSync(home, { recursive: true, force: true }));

/** A descriptor with extra `image` lines, and a `model` / `serve` section. */
const yaml = (image: string, model = 'model: { id: a/b }\n', rest = ''): string => `version: 1\nname: coder\ntarget: { host: h }\n${model}image:\n  tag: x:1\n${image}${rest}`;
const load = (text: string, workspaceDir = ws, file = join(ws, 'ascend-deploy.yaml')) =>
  loadDescriptor(text, file, async () => 'max-model-len: 1\n', { workspaceDir, home });

test('paths inside the workspace load, resolved to their real location', async () => {
  const d = await load(yaml('  dockerfile: ./Dockerfile\n', 'model: { id: a/b, source: upload, localPath: weights }\n', 'serve: { config: serve.vllm.yaml }\n'));
  assert.equal(d.image.dockerfile, join(ws, 'Dockerfile'));
  assert.equal(d.model.localPath, join(ws, 'weights'));
  assert.equal(d.serveConfigPath, join(ws, 'serve.vllm.yaml'));
});

test('each key refuses a path outside the workspace: ../, absolute, and a symlink leading out', async () => {
  const cases: Array<[string, string]> = [
    ['image.dockerfile', yaml('  dockerfile: ../.ssh/config\n')],
    ['image.dockerfile', yaml(`  dockerfile: ${join(home, '.ssh', 'config')}\n`)],
    ['image.dockerfile', yaml('  dockerfile: sshdir/config\n')],
    ['image.tarball', yaml('  tarball: ../creds.yaml\n')],
    ['model.localPath', yaml('', 'model: { id: a/b, source: upload, localPath: /etc }\n')],
    ['serve.config', yaml('', undefined, 'serve: { config: ../creds.yaml }\n')],
    ['serve.config', yaml('', undefined, 'serve: { config: link.yaml }\n')],
  ];
  for (const [key, text2] of cases) {
    let read = false;
    await assert.rejects(
      loadDescriptor(text2, join(ws, 'ascend-deploy.yaml'), async () => { read = true; return 'api-key: x\n'; }, { workspaceDir: ws, home }),
      (e: unknown) => e instanceof LocalPathRefusedError && e.key === key && /outside the workspace folder|hidden folder/.test(e.message),
      `${key}: ${text2}`,
    );
    assert.equal(read, false, 'serve.config is never read when refused');
  }
});

test('a workspace that is the home folder still never reaches ~/.ssh, and HOME is never a build context', async () => {
  const file = join(home, 'ascend-deploy.yaml');
  await assert.rejects(load(yaml('  dockerfile: .ssh/config\n'), home, file), (e: unknown) => e instanceof LocalPathRefusedError && /hidden folder of your home folder/.test(e.message));
  writeFileSync(join(home, 'Dockerfile'), 'FROM scratch\n');
  await assert.rejects(load(yaml('  dockerfile: Dockerfile\n'), home, file), (e: unknown) => e instanceof LocalPathRefusedError && /whole home folder/.test(e.message));
  const ok = await load(yaml('  dockerfile: proj/Dockerfile\n'), home, file);
  assert.equal(ok.image.dockerfile, join(ws, 'Dockerfile'));
});

test('without confinement (the editor, which uploads nothing) paths are only resolved', async () => {
  const d = await loadDescriptor(yaml('  tarball: ../x.tar\n'), join(ws, 'ascend-deploy.yaml'));
  assert.equal(d.image.tarball, join(home, 'x.tar'));
});
