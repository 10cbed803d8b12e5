// Multi-node logs: every node's lines carry its alias, whatever the chunk boundaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linePrefixer } from '../../../../src/core/remote/deploy/multi-node-logs';

test('lines split across chunks are prefixed once; a last partial line is flushed', () => {
  let out = '';
  const p = linePrefixer('kunpeng-02', (s) => { out += s; });
  p.write('Launching 2 data parallel engine(s) in head');
  assert.equal(out, '');
  p.write('less mode.\nwait socket establish timeout\nShutting');
  p.write(' down.');
  p.flush();
  assert.equal(out, '[kunpeng-02] Launching 2 data parallel engine(s) in headless mode.\n[kunpeng-02] wait socket establish timeout\n[kunpeng-02] Shutting down.\n');
});
