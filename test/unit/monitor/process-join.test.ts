import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinProcesses, ownersFromDockerTop, pidsFromDockerTop } from '../../../src/core/monitor/process-join';
import type { ProcessSnapshot } from '../../../src/core/monitor/snapshot-types';

// `docker top` prints `ps -ef` columns by default; PIDs are host PIDs.
const TOP_VLLM = `UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD
root                990650              990629              0                   03:12               ?                   00:00:01            /bin/bash -c vllm serve /models/deepseek-coder-6.7b-base --port 8000
root                990711              990650              99                  03:12               ?                   01:02:03            python3 -m vllm.entrypoints.openai.api_server
root                990790              990711              12                  03:13               ?                   00:10:00            VLLMWorker_TP1
`;
const TOP_OTHER = `UID PID PPID C STIME TTY TIME CMD
1000 12345 12300 0 03:00 pts/0 00:00:00 sleep infinity
`;

const procs: ProcessSnapshot[] = [
  { npuId: 1, chipId: 0, pid: 990711, name: 'python', memoryMB: 7746, containerPid: null },
  { npuId: 2, chipId: 0, pid: 990790, name: 'VLLMWorker_TP', memoryMB: 7700, containerPid: 51 },
  { npuId: 3, chipId: 0, pid: 777, name: null, memoryMB: null, containerPid: null },
];

test('PIDs come from the PID column, wherever it is, and CMD with spaces does not confuse it', () => {
  assert.deepEqual(pidsFromDockerTop(TOP_VLLM), [990650, 990711, 990790]);
  assert.deepEqual(pidsFromDockerTop('PID USER TIME COMMAND\n1 root 0:00 sleep 1000\n42 root 0:00 sh\n'), [1, 42]);
});

test('output without a PID column, or garbage, yields no PIDs', () => {
  assert.deepEqual(pidsFromDockerTop(''), []);
  assert.deepEqual(pidsFromDockerTop('Error response from daemon: container abc is not running\n'), []);
  assert.deepEqual(pidsFromDockerTop('UID PID\nroot notanumber\n'), []);
});

test('each npu-smi process is tied to its container and that container\'s deployment', () => {
  const owners = ownersFromDockerTop(
    [{ container: 'ascend-coder', output: TOP_VLLM }, { container: 'scratch', output: TOP_OTHER }],
    [{ name: 'coder-6.7b', container: 'ascend-coder' }],
  );
  const rows = joinProcesses(procs, owners);
  assert.deepEqual(rows.map((r) => [r.pid, r.container, r.deployment]), [
    [990711, 'ascend-coder', 'coder-6.7b'],
    [990790, 'ascend-coder', 'coder-6.7b'],
    [777, null, null],
  ]);
  assert.equal(rows[1].containerPid, 51, 'the npu-smi fields are kept');
});

test('a container with no deployment record still names the container', () => {
  const rows = joinProcesses([{ ...procs[0], pid: 12345 }], ownersFromDockerTop([{ container: 'scratch', output: TOP_OTHER }], []));
  assert.deepEqual([rows[0].container, rows[0].deployment], ['scratch', null]);
});
