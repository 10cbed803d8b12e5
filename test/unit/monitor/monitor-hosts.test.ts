import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monitorHosts } from '../../../src/core/monitor/monitor-hosts';

test('monitor hosts: ascend.hosts aliases first in their order, then the other ssh aliases sorted, no duplicates', () => {
  assert.deepEqual(monitorHosts(['b-host', 'a-host'], ['z', 'a-host', 'c']), ['b-host', 'a-host', 'c', 'z']);
  assert.deepEqual(monitorHosts([], []), []);
});
