import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatManifest, isIgnored, parseDockerignore, parseManifest, planContextSync } from '../../../../src/core/remote/upload/context-sync-plan';
import { hashContext } from '../../../../src/core/remote/upload/context-sync';

const H = (c: string): string => c.repeat(64);

test('.dockerignore: globs, ** , directories, comments and ! re-includes (last match wins)', () => {
  const rules = parseDockerignore('# comment\n*.log\n/build\n**/__pycache__\nmodels/**\n!models/keep.txt\n  \n?.tmp\n');
  assert.equal(isIgnored('a.log', rules), true);
  assert.equal(isIgnored('sub/a.log', rules), false, '* does not cross /');
  assert.equal(isIgnored('build', rules), true);
  assert.equal(isIgnored('build/x/y.o', rules), true, 'a matched directory covers its contents');
  assert.equal(isIgnored('src/pkg/__pycache__/m.pyc', rules), true);
  assert.equal(isIgnored('models/w.bin', rules), true);
  assert.equal(isIgnored('models/keep.txt', rules), false);
  assert.equal(isIgnored('a.tmp', rules), true);
  assert.equal(isIgnored('ab.tmp', rules), false);
  assert.equal(isIgnored('Dockerfile', rules), false);
});

test('sync plan: upload new and changed files, remove files gone locally, keep the rest', () => {
  const local = new Map([['Dockerfile', H('a')], ['app/main.py', H('b')], ['new.txt', H('c')]]);
  const remote = new Map([['Dockerfile', H('a')], ['app/main.py', H('0')], ['old.txt', H('d')]]);
  assert.deepEqual(planContextSync(local, remote), { upload: ['app/main.py', 'new.txt'], remove: ['old.txt'], unchanged: 1 });
  assert.deepEqual(planContextSync(local, local), { upload: [], remove: [], unchanged: 3 });
});

test('manifest round-trips and drops entries that are not hashes or escape the folder', () => {
  const m = new Map([['b', H('1')], ['a/x', H('2')]]);
  assert.deepEqual(parseManifest(formatManifest(m)), new Map([['a/x', H('2')], ['b', H('1')]]));
  const hostile = JSON.stringify({ files: { '../../.bashrc': H('1'), '/etc/passwd': H('2'), ok: 'nothex', good: H('3') } });
  assert.deepEqual([...parseManifest(hostile).keys()], ['good']);
  assert.equal(parseManifest('not json').size, 0);
  assert.equal(parseManifest(undefined).size, 0);
});

test('hashContext hashes kept files and honours .dockerignore, but always keeps the Dockerfile', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-'));
  try {
    mkdirSync(join(dir, 'app'));
    mkdirSync(join(dir, 'cache'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM x\n');
    writeFileSync(join(dir, 'app', 'main.py'), 'print(1)\n');
    writeFileSync(join(dir, 'cache', 'big.bin'), 'zzz');
    writeFileSync(join(dir, '.dockerignore'), 'cache\nDockerfile\n');
    const a = await hashContext(dir, ['Dockerfile']);
    assert.deepEqual([...a.keys()].sort(), ['.dockerignore', 'Dockerfile', 'app/main.py']);
    assert.match(a.get('app/main.py') ?? '', /^[0-9a-f]{64}$/);
    writeFileSync(join(dir, 'app', 'main.py'), 'print(2)\n');
    const b = await hashContext(dir, ['Dockerfile']);
    assert.deepEqual(planContextSync(b, a).upload, ['app/main.py']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
