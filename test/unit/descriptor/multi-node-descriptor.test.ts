// target.hosts and runtime.parallel: read into the typed descriptor, bad values reported with the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DescriptorError, parseDescriptor } from '../../../src/core/descriptor/index';

const R1 = `version: 1
name: r1
target: { hosts: [kunpeng-01, kunpeng-02], chip: 910B3 }
model: { id: vllm-ascend/DeepSeek-R1-W8A8, source: host, hostPath: /data/DeepSeek-R1-W8A8 }
image: { tag: quay.io/ascend/vllm-ascend:v0.23.0 }
runtime: { parallel: { dp: 4, dpLocal: 2, tp: 4, ep: true } }
`;

function problems(text: string): string {
  try {
    parseDescriptor(text);
  } catch (e) {
    assert.ok(e instanceof DescriptorError);
    return e.problems.join('\n');
  }
  assert.fail('expected a DescriptorError');
}

test('hosts and parallel load; the head is the first host', () => {
  const d = parseDescriptor(R1);
  assert.deepEqual(d.target.hosts, ['kunpeng-01', 'kunpeng-02']);
  assert.equal(d.target.host, 'kunpeng-01');
  assert.deepEqual(d.runtime.parallel, { dp: 4, dpLocal: 2, tp: 4, ep: true, pp: undefined });
  const single = parseDescriptor(R1.replace('hosts: [kunpeng-01, kunpeng-02]', 'host: kunpeng-01').replace(/runtime:.*\n/, ''));
  assert.equal(single.target.hosts, undefined);
  assert.equal(single.runtime.parallel, undefined);
});

test('host, when given with hosts, must be the head', () => {
  assert.equal(parseDescriptor(R1.replace('{ hosts:', '{ host: kunpeng-01, hosts:')).target.host, 'kunpeng-01');
  assert.match(problems(R1.replace('{ hosts:', '{ host: kunpeng-02, hosts:')), /must be the first of "target.hosts"/);
});

test('bad hosts and parallel values are each reported', () => {
  assert.match(problems(R1.replace('[kunpeng-01, kunpeng-02]', '[kunpeng-01]')), /at least two SSH host aliases/);
  assert.match(problems(R1.replace('[kunpeng-01, kunpeng-02]', '[kunpeng-01, kunpeng-01]')), /lists a host twice/);
  assert.match(problems(R1.replace('[kunpeng-01, kunpeng-02]', '[kunpeng-01, "a b"]')), /at least two SSH host aliases/);
  assert.match(problems(R1.replace('[kunpeng-01, kunpeng-02]', '[kunpeng-01, local]')), /cannot include local/);
  const all = problems(R1.replace('dp: 4, dpLocal: 2, tp: 4, ep: true', 'dpLocal: [2, 0], tp: 0.5, ep: yes, xp: 1'));
  for (const part of ['"runtime.parallel.dp" is required', 'dpLocal', '"runtime.parallel.tp" must be a whole number', '"runtime.parallel.ep" must be true or false', '"xp" is not a key']) {
    assert.ok(all.includes(part), `missing "${part}" in:\n${all}`);
  }
});
