import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionCache, contextHash } from '../../../src/core/completion/completion-cache';
import { LruMap } from '../../../src/core/completion/lru-map';
import { cutWindow } from '../../../src/core/completion/document-window';

const entry = (text: string) => ({ text, mode: 'single' as const, afterOpener: false });

test('typing-through: each character of the completion hits without a new request', () => {
  const cache = new CompletionCache();
  cache.store('h', 'const x = ', entry('compute(a, b);'));
  const full = 'compute(a, b);';
  for (let i = 0; i < full.length; i++) {
    const hit = cache.lookup('h', 'const x = ' + full.slice(0, i));
    assert.ok(hit, `miss after typing ${JSON.stringify(full.slice(0, i))}`);
    assert.equal(hit.text, full.slice(i));
  }
  // Typing something else misses.
  assert.equal(cache.lookup('h', 'const x = comz'), undefined);
  // A different context (hash) misses.
  assert.equal(cache.lookup('other', 'const x = '), undefined);
});

test('backspace: shorter line prefixes reuse the completion (deleted text + completion)', () => {
  const cache = new CompletionCache();
  cache.store('h', 'return fooB', entry('ar();'));
  assert.equal(cache.lookup('h', 'return foo')?.text, 'Bar();');
  assert.equal(cache.lookup('h', 'return fo')?.text, 'oBar();');
  // A real response for a shorter prefix is not overwritten by backward filling.
  const c2 = new CompletionCache();
  c2.store('h', 'x', entry('yz'));
  c2.store('h', 'xa', entry('bc'));
  assert.equal(c2.lookup('h', 'x')?.text, 'yz');
});

test('multi-line completions fill ahead only along their first line', () => {
  const cache = new CompletionCache();
  cache.store('h', 'if (a) {', { text: '\n  run();\n}', mode: 'multi', afterOpener: true });
  assert.equal(cache.lookup('h', 'if (a) {')?.mode, 'multi');
  assert.equal(cache.lookup('h', 'if (a) {\n'), undefined);
});

test('the LRU evicts the least recently used entry', () => {
  const lru = new LruMap<string, number>(3);
  lru.set('a', 1); lru.set('b', 2); lru.set('c', 3);
  assert.equal(lru.get('a'), 1);
  lru.set('d', 4);
  assert.equal(lru.get('b'), undefined);
  assert.equal(lru.get('a'), 1);
  assert.equal(lru.size, 3);
});

test('the context hash covers the text above, the rest of the line and the text below, not the line prefix', () => {
  const a = cutWindow('x = 1\nfoo(ba)\ny = 2', 12);
  const b = cutWindow('x = 1\nfoo(bar)\ny = 2', 13);
  assert.equal(a.linePrefix, 'foo(ba');
  assert.equal(b.linePrefix, 'foo(bar');
  assert.equal(contextHash(a), contextHash(b));
  const c = cutWindow('x = 2\nfoo(ba)\ny = 2', 12);
  assert.notEqual(contextHash(a), contextHash(c));
  const d = cutWindow('x = 1\nfoo(ba)\ny = 3', 12);
  assert.notEqual(contextHash(a), contextHash(d));
});

test('an empty answer is a negative entry for its exact context only', () => {
  const cache = new CompletionCache();
  cache.store('h', 'done = True', entry(''));
  assert.equal(cache.lookup('h', 'done = True')?.text, '');
  assert.equal(cache.lookup('h', 'done = Tru'), undefined);
  assert.equal(cache.size, 1);
});
