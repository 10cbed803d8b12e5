/**
 * .dockerignore against Docker's own test cases (moby/patternmatcher at fb92fca6, patternmatcher_test.go:
 * TestMatches, the multi-pattern cases, the filepath.Match cases and the malformed ones; ignorefile_test.go at
 * 08a7a10c for the reader), written here as data (docs/dockerignore.md). Plus the ReDoS line of the review:
 * the automaton's work is bounded by pattern × path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePatterns, DockerignoreError, isIgnored, matchPattern, parseDockerignore } from '../../../../src/core/remote/upload/dockerignore';

/** [pattern, path, excluded] — TestMatches (MatchesOrParentMatches), plus `a\*b` (non-Windows). */
const MATCHES: Array<[string, string, boolean]> = [
  ['**', 'file', true], ['**', 'file/', true], ['**/', 'file', true], ['**/', 'file/', true], ['**', '/', true],
  ['**/', '/', true], ['**', 'dir/file', true], ['**/', 'dir/file', true], ['**', 'dir/file/', true],
  ['**/', 'dir/file/', true], ['**/**', 'dir/file', true], ['**/**', 'dir/file/', true], ['dir/**', 'dir/file', true],
  ['dir/**', 'dir/file/', true], ['dir/**', 'dir/dir2/file', true], ['dir/**', 'dir/dir2/file/', true],
  ['**/dir', 'dir', true], ['**/dir', 'dir/file', true], ['**/dir2/*', 'dir/dir2/file', true],
  ['**/dir2/*', 'dir/dir2/file/', true], ['**/dir2/**', 'dir/dir2/dir3/file', true], ['**/dir2/**', 'dir/dir2/dir3/file/', true],
  ['**file', 'file', true], ['**file', 'dir/file', true], ['**/file', 'dir/file', true], ['**file', 'dir/dir/file', true],
  ['**/file', 'dir/dir/file', true], ['**/file*', 'dir/dir/file', true], ['**/file*', 'dir/dir/file.txt', true],
  ['**/file*txt', 'dir/dir/file.txt', true], ['**/file*.txt', 'dir/dir/file.txt', true], ['**/file*.txt*', 'dir/dir/file.txt', true],
  ['**/**/*.txt', 'dir/dir/file.txt', true], ['**/**/*.txt2', 'dir/dir/file.txt', false], ['**/*.txt', 'file.txt', true],
  ['**/**/*.txt', 'file.txt', true], ['a**/*.txt', 'a/file.txt', true], ['a**/*.txt', 'a/dir/file.txt', true],
  ['a**/*.txt', 'a/dir/dir/file.txt', true], ['a/*.txt', 'a/dir/file.txt', false], ['a/*.txt', 'a/file.txt', true],
  ['a/*.txt**', 'a/file.txt', true], ['a[b-d]e', 'ae', false], ['a[b-d]e', 'ace', true], ['a[b-d]e', 'aae', false],
  ['a[^b-d]e', 'aze', true], ['.*', '.foo', true], ['.*', 'foo', false], ['abc.def', 'abcdef', false],
  ['abc.def', 'abc.def', true], ['abc.def', 'abcZdef', false], ['abc?def', 'abcZdef', true], ['abc?def', 'abcdef', false],
  ['a\\\\', 'a\\', true], ['**/foo/bar', 'foo/bar', true], ['**/foo/bar', 'dir/foo/bar', true],
  ['**/foo/bar', 'dir/dir2/foo/bar', true], ['abc/**', 'abc', false], ['abc/**', 'abc/def', true],
  ['abc/**', 'abc/def/ghi', true], ['**/.foo', '.foo', true], ['**/.foo', 'bar.foo', false], ['a(b)c/def', 'a(b)c/def', true],
  ['a(b)c/def', 'a(b)c/xyz', false], ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
  ['dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
  ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
  ['a\\*b', 'a*b', true],
];

/** The filepath.Match cases Docker keeps (matchTests), the ones without an error. */
const GO_MATCH: Array<[string, string, boolean]> = [
  ['abc', 'abc', true], ['*', 'abc', true], ['*c', 'abc', true], ['a*', 'a', true], ['a*', 'abc', true], ['a*', 'ab/c', true],
  ['a*/b', 'abc/b', true], ['a*/b', 'a/c/b', false], ['a*b*c*d*e*/f', 'axbxcxdxe/f', true], ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false], ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false], ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false], ['ab[c]', 'abc', true], ['ab[b-d]', 'abc', true], ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false], ['ab[^b-d]', 'abc', false], ['ab[^e-g]', 'abc', true], ['a\\*b', 'a*b', true], ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true], ['a[^a]b', 'a☺b', true], ['a???b', 'a☺b', false], ['a[^a][^a][^a]b', 'a☺b', false], ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false], ['a?b', 'a/b', false], ['a*b', 'a/b', false], ['[\\]a]', ']', true], ['[\\-]', '-', true],
  ['[x\\-]', 'x', true], ['[x\\-]', '-', true], ['[x\\-]', 'z', false], ['[\\-x]', 'x', true], ['[\\-x]', '-', true],
  ['[\\-x]', 'a', false], ['*x', 'xxx', true],
];

/** Patterns Docker refuses (ErrBadPattern, the lone "!"), and the range the review found throwing. */
const REFUSED = ['[]a]', '[-]', '[x-]', '[-x]', '\\', '[a-b-c]', '[', '[^', '[^bc', 'a[', '!', '[z-a]'];

const one = (pattern: string, path: string): boolean => isIgnored(path, compilePatterns([pattern]));

test('Docker TestMatches: every pattern/path pair as Docker decides it', () => {
  for (const [pattern, path, want] of MATCHES) assert.equal(one(pattern, path), want, `${pattern} vs ${path}`);
});

test('Docker multi-pattern cases: exceptions and the last matching line', () => {
  const cases: Array<[string[], string, boolean]> = [
    [['**', '!util/docker/web'], 'util/docker/web/foo', false],
    [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', true],
    [['**', '!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
    [['**', '!dist/*.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
    [['!fileutils.go', '*.go'], 'fileutils.go', true],
    [['manual', '!manual/README.md'], 'manual/README.md', false],
    [['manual/', '!manual/README.md'], 'manual/README.md', false],
    [['manual/*', '!manual/README.md'], 'manual/README.md', false],
    [['*.go', '!fileutils.go'], 'fileutils.go', false],
    [['*.go'], '.', false],
    [[], 'any/path/there', false],
  ];
  for (const [patterns, path, want] of cases) assert.equal(isIgnored(path, compilePatterns(patterns)), want, `${patterns.join(' ')} vs ${path}`);
});

test("Go's filepath.Match cases that Docker keeps", () => {
  for (const [pattern, path, want] of GO_MATCH) assert.equal(one(pattern, path), want, `${pattern} vs ${path}`);
});

test('patterns Docker refuses are a clear error naming the line, never a thrown RegExp error', () => {
  for (const p of REFUSED) {
    assert.throws(() => parseDockerignore(`ok\n${p}\n`), (e: unknown) => e instanceof DockerignoreError && e.line === 2 && /Docker refuses this file too/.test(e.message), p);
  }
  assert.throws(() => parseDockerignore('[z-a]\n'), /invalid character class range z-a/);
});

test('the ignore file reader: comments, trimming, a leading / dropped, "! /x" is an exception', () => {
  const rules = parseDockerignore('test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n');
  assert.deepEqual(rules.map((r) => `${r.negate ? '!' : ''}${r.pattern}`), ['test1', 'test2', 'a/file/here', 'lastfile', '!inverted/abs/path']);
  assert.throws(() => parseDockerignore('x\n!\n'), /illegal exclusion pattern/);
  assert.throws(() => parseDockerignore('x\n! \n'), /illegal exclusion pattern/);
});

test('the review line **a**a**a**a**a**a**a**ab: linear work, and the right answer', () => {
  for (const reps of [8, 16, 32]) {
    const [rule] = compilePatterns([`${'**a'.repeat(reps)}b`]);
    const path = `${'a'.repeat(200)}c`;
    const work = { steps: 0 };
    assert.equal(matchPattern(rule, path, work), false);
    assert.ok(work.steps <= (rule.toks.length + 1) * (Array.from(path).length + 1), `${work.steps} steps for ${reps} repetitions`);
    assert.equal(matchPattern(rule, `${'a/'.repeat(reps)}ab`), true);
  }
});
