import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNpuSmiMapping } from '../../../../src/core/npu/index';
import { parseBusyPorts, listeningPorts, publishedPorts } from '../../../../src/core/remote/deploy/busy-ports';
import { chooseDeployStrategy } from '../../../../src/core/remote/deploy/deploy-strategy';
import type { DeployStep } from '../../../../src/core/remote/deploy/deploy-steps';
import { parsePendingDeploy, sameRecord, type DeploymentRecord } from '../../../../src/core/deployment/record';
import { parseContainerSeen, planDiscardNew, planFinishSwitch, planRestoreOld, type ContainerSeen } from '../../../../src/core/remote/deploy/rollback';
import { coder, HOST, npuFixture } from '../inputs';

const OLD_ARGV = ['docker', 'run', '-d', '--name', 'ascend-llm-coder', 'ascend-llm/coder:v0.22.0'];
const OLD_ID = 'a'.repeat(64);
const NEW_ID = 'b'.repeat(64);
const prev: DeploymentRecord = {
  name: 'coder', host: 'kunpeng-01', container: 'ascend-llm-coder', image: 'ascend-llm/coder:v0.22.0',
  modelId: 'deepseek-ai/deepseek-coder-6.7b-base', servedModelName: 'deepseek-coder', hostPort: 8000, containerPort: 8000,
  npus: [2, 3], startedAt: '2026-11-27T10:00:00.000Z', status: 'running', publishAddress: '127.0.0.1', runArgv: OLD_ARGV,
};
const next: DeploymentRecord = { ...prev, hostPort: 8001, npus: [0, 1], startedAt: '2026-11-28T04:00:00.000Z', runArgv: [...OLD_ARGV, '--x'] };
const c = (id: string, name: string, status = 'running'): ContainerSeen => ({ id, name, status });
const ids = (steps: DeployStep[] | undefined): string[] => (steps ?? []).map((s) => s.id);
const argvOf = (steps: DeployStep[] | undefined, id: string): string[] | undefined => {
  const s = steps?.find((x) => x.id === id);
  return s?.kind === 'exec' ? s.argv : undefined;
};

test('busy ports: listening sockets of /proc/net/tcp and tcp6, and the ports docker publishes', () => {
  const tcp = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0',
    '   1: 0100007F:1F41 0100007F:A000 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0',
  ].join('\n');
  const tcp6 = '   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0';
  assert.deepEqual(listeningPorts(`${tcp}\n${tcp6}`), [8000, 22], 'LISTEN (0A) only; 8001 is an established connection');
  assert.deepEqual(publishedPorts('127.0.0.1:8002->8000/tcp, :::8002->8000/tcp\n0.0.0.0:9000-9002->9000-9002/tcp\n\n'), [8002, 8002, 9000, 9001, 9002]);
  assert.deepEqual(parseBusyPorts(`${tcp}\n--ascend-llm-docker-ps--\n127.0.0.1:8002->8000/tcp\n`), [8000, 8002]);
});

test('blue/green takes the first port that is neither the running one nor busy; a fresh deploy on a busy port says so', () => {
  const mapping = parseNpuSmiMapping(npuFixture('910b4-info-m-25.0.rc1.1.txt'));
  const now = new Date('2026-11-28T04:00:00Z');
  const bg = chooseDeployStrategy({ descriptor: coder(), mapping, paths: HOST, current: prev, busyNpus: [2, 3], busyPorts: [8000, 8001, 8002], now });
  assert.equal(bg.strategy, 'blue-green');
  assert.equal(bg.run.hostPort, 8003);
  assert.equal(bg.recover, prev, 'recovery brings back the running deployment');
  const fresh = chooseDeployStrategy({ descriptor: coder(), mapping, paths: HOST, busyNpus: [], busyPorts: [8000], now });
  assert.ok(fresh.notes.some((n) => /Port 8000 is already in use/.test(n)), fresh.notes.join('\n'));
});

test('restore after a failed blue/green switch: the new container holding the name goes, the old one (still -prev, running) is renamed back and kept, never re-created', () => {
  const steps = planRestoreOld(prev, { named: c(NEW_ID, 'ascend-llm-coder'), old: c(OLD_ID, 'ascend-llm-coder-prev'), record: prev });
  assert.deepEqual(ids(steps), ['remove-holder', 'rename-back', 'keep-old', 'wait-old']);
  assert.deepEqual(argvOf(steps, 'remove-holder'), ['docker', 'rm', '-f', NEW_ID]);
  assert.deepEqual(argvOf(steps, 'rename-back'), ['docker', 'rename', OLD_ID, 'ascend-llm-coder']);
  assert.ok(!steps?.some((s) => s.kind === 'exec' && s.argv[1] === 'run'), 'no docker run');
});

test('restore: a stopped old container is started again; one that is gone is re-created; the record is written only when it differs', () => {
  const stopped = planRestoreOld(prev, { old: c(OLD_ID, 'ascend-llm-coder-prev', 'exited'), record: { ...next } });
  assert.deepEqual(ids(stopped), ['rename-back', 'start-old', 'wait-old', 'restore-record']);
  const kept = planRestoreOld(prev, { named: c(OLD_ID, 'ascend-llm-coder'), old: c(OLD_ID, 'ascend-llm-coder'), record: { ...prev } });
  assert.deepEqual(ids(kept), ['keep-old', 'wait-old'], 'already fine: only checked');
  const gone = planRestoreOld(prev, { named: c(NEW_ID, 'ascend-llm-coder', 'exited'), record: prev });
  assert.deepEqual(ids(gone), ['remove-broken', 'recreate-old', 'wait-old']);
  assert.deepEqual(argvOf(gone, 'recreate-old'), OLD_ARGV);
  assert.equal(planRestoreOld({ ...prev, runArgv: undefined }, {}), undefined, 'gone and no argv: nothing can bring it back');
});

test('finishing a switch writes the new record and retires the old container by id; discarding a new one shows its logs first', () => {
  const steps = planFinishSwitch(next, { named: c(NEW_ID, 'ascend-llm-coder'), old: c(OLD_ID, 'ascend-llm-coder-prev'), record: prev });
  assert.deepEqual(ids(steps), ['record', 'stop-old', 'remove-old']);
  assert.deepEqual(argvOf(steps, 'remove-old'), ['docker', 'rm', '-f', OLD_ID]);
  assert.deepEqual(ids(planFinishSwitch(next, { named: c(NEW_ID, 'ascend-llm-coder'), record: next })), [], 'already done');
  assert.deepEqual(ids(planDiscardNew(c(NEW_ID, 'ascend-llm-coder', 'exited'))), ['new-logs', 'remove-new']);
});

test('docker inspect lines, pending markers and record equality', () => {
  assert.deepEqual(parseContainerSeen(`${OLD_ID} /ascend-llm-coder-prev running\n`), c(OLD_ID, 'ascend-llm-coder-prev'));
  assert.equal(parseContainerSeen('garbage'), undefined);
  const marker = { name: 'coder', container: 'ascend-llm-coder', strategy: 'blue-green', oldId: OLD_ID, previous: prev, next, startedAt: '2026-11-28T04:00:00.000Z' };
  assert.deepEqual(parsePendingDeploy(JSON.stringify(marker)), marker);
  assert.equal(parsePendingDeploy(JSON.stringify({ ...marker, oldId: '$(id)' })), undefined);
  assert.equal(parsePendingDeploy(JSON.stringify({ ...marker, next: { name: 'coder' } })), undefined);
  assert.equal(parsePendingDeploy('nope'), undefined);
  assert.ok(sameRecord(prev, JSON.parse(JSON.stringify({ ...prev })) as DeploymentRecord));
  assert.ok(!sameRecord(prev, next));
  assert.ok(!sameRecord(undefined, prev));
});
