// What the multi-node deploy refuses before it touches any node (the runs themselves: test/integration/remote/multi-node-deploy.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDescriptor } from '../../../../src/core/descriptor/index';
import { runMultiNodeDeploy } from '../../../../src/core/remote/deploy/multi-node-run';
import type { RunContext } from '../../../../src/core/remote/index';

const text = (serve: string): string => `version: 1
name: r1
target: { hosts: [kunpeng-01, kunpeng-02], chip: 910B3 }
model: { id: deepseek-ai/DeepSeek-R1, source: host, hostPath: /data/r1 }
image: { tag: quay.io/ascend/vllm-ascend:v0.23.0 }
runtime: { parallel: { dp: 4, dpLocal: 2, tp: 4, ep: true } }
serve: ${serve}
`;

/** A node that must not be reached: any use fails the test. */
function untouched(alias: string): RunContext {
  const no = (): never => assert.fail(`${alias} was touched`);
  return { alias, shell: { target: alias, isLocal: false, ready: no, exec: no, hold: no, files: no, forward: no } as unknown as RunContext['shell'], paths: { ascendPrefix: '/usr/local/Ascend', devPrefix: '/dev' }, log: () => undefined };
}

test('an api-key is refused before any node is touched (the plan has no secret env yet)', async () => {
  await assert.rejects(runMultiNodeDeploy([untouched('kunpeng-01'), untouched('kunpeng-02')], parseDescriptor(text('{ api-key: s3cret }'))), /serve.api-key is not supported on a multi-node deploy/);
});

test('a descriptor without hosts, or with a different number of sessions, is refused', async () => {
  await assert.rejects(runMultiNodeDeploy([untouched('kunpeng-01')], parseDescriptor(text('{}'))), /needs target.hosts and runtime.parallel/);
});
