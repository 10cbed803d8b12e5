import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNpuSmiMapping } from '../../../../src/core/npu/index';
import { chooseDeployStrategy } from '../../../../src/core/remote/deploy/deploy-strategy';
import { undoAfterFailure, type DeployStep } from '../../../../src/core/remote/deploy/deploy-steps';
import { parseDeploymentRecord, type DeploymentRecord } from '../../../../src/core/deployment/record';
import { logsArgv, planStop, recreateFromRecord } from '../../../../src/core/remote/deploy/rollback';
import { coder, HOST, npuFixture } from '../inputs';

const mapping = parseNpuSmiMapping(npuFixture('910b4-info-m-25.0.rc1.1.txt'));
const NOW = new Date('2026-11-28T04:00:00Z');
const OLD_ARGV = ['docker', 'run', '-d', '--name', 'ascend-llm-coder', 'ascend-llm/coder:v0.22.0'];

function running(npus: number[], hostPort = 8000): DeploymentRecord {
  return {
    name: 'coder', host: 'kunpeng-01', container: 'ascend-llm-coder', image: 'ascend-llm/coder:v0.22.0',
    modelId: 'deepseek-ai/deepseek-coder-6.7b-base', servedModelName: 'deepseek-coder', hostPort, containerPort: 8000,
    npus, startedAt: '2026-11-27T10:00:00.000Z', status: 'running', publishAddress: '127.0.0.1', runArgv: OLD_ARGV,
  };
}

const ids = (steps: DeployStep[]): string[] => steps.map((s) => s.id);
const argvOf = (steps: DeployStep[], id: string): string[] | undefined => {
  const s = steps.find((x) => x.id === id);
  return s?.kind === 'exec' ? s.argv : undefined;
};

test('no running deployment: a fresh start with the descriptor NPUs and port', () => {
  const plan = chooseDeployStrategy({ descriptor: coder(), mapping, paths: HOST, busyNpus: [], now: NOW });
  assert.equal(plan.strategy, 'fresh');
  assert.equal(plan.downtime, undefined);
  assert.deepEqual(ids(plan.steps), ['remove-stale', 'run', 'wait-new', 'smoke', 'record']);
  assert.deepEqual(plan.record.npus, [2, 3]);
  assert.equal(plan.record.hostPort, 8000);
  assert.equal(plan.record.startedAt, NOW.toISOString());
  assert.deepEqual(plan.record.runArgv, plan.run.argv);
});

test('free NPUs outside the running deployment: blue/green on other NPUs and another port', () => {
  const plan = chooseDeployStrategy({ descriptor: coder(), mapping, paths: HOST, current: running([2, 3]), busyNpus: [2, 3, 4], busyPorts: [8001], now: NOW });
  assert.equal(plan.strategy, 'blue-green');
  assert.equal(plan.downtime, undefined);
  assert.deepEqual(plan.run.npus, [0, 1]);
  assert.equal(plan.run.hostPort, 8002);
  assert.ok(plan.run.argv.includes('/dev/davinci0') && !plan.run.argv.includes('/dev/davinci2'));
  assert.deepEqual(ids(plan.steps), ['clear-prev', 'rename-old', 'run', 'wait-new', 'smoke', 'record', 'stop-old', 'remove-old']);
  // The old server is retired only after the new record is written.
  assert.deepEqual(argvOf(plan.steps, 'stop-old'), ['docker', 'stop', 'ascend-llm-coder-prev']);
  // A failed health wait removes the new container and gives the old one its name back; it never stopped.
  const undo = undoAfterFailure(plan.steps, plan.steps.findIndex((s) => s.id === 'wait-new'));
  assert.deepEqual(ids(undo), ['new-logs', 'remove-new', 'rename-back']);
  assert.deepEqual(argvOf(undo, 'rename-back'), ['docker', 'rename', 'ascend-llm-coder-prev', 'ascend-llm-coder']);
});

test('steps that create or rename a container carry a done check, so a dropped connection never runs them twice', () => {
  const plan = chooseDeployStrategy({ descriptor: coder(), mapping, paths: HOST, current: running([2, 3]), busyNpus: [2, 3], now: NOW });
  const doneOf = (id: string): string[] | undefined => {
    const st = plan.steps.find((x) => x.id === id);
    return st?.kind === 'exec' ? st.done : undefined;
  };
  assert.deepEqual(doneOf('run'), ['docker', 'inspect', '--type', 'container', '--format', '{{.Id}}', 'ascend-llm-coder']);
  assert.deepEqual(doneOf('rename-old'), ['docker', 'inspect', '--type', 'container', '--format', '{{.Id}}', 'ascend-llm-coder-prev']);
  // Removing and stopping are safe to repeat: no check.
  assert.equal(doneOf('clear-prev'), undefined);
  assert.equal(doneOf('stop-old'), undefined);
});

test('descriptor NPUs disjoint from the running ones and free: blue/green keeps them', () => {
  const plan = chooseDeployStrategy({ descriptor: coder((d) => { d.runtime.npus = [6, 7]; }), mapping, paths: HOST, current: running([2, 3]), busyNpus: [2, 3], now: NOW });
  assert.equal(plan.strategy, 'blue-green');
  assert.deepEqual(plan.run.npus, [6, 7]);
  assert.equal(plan.run.hostPort, 8001);
});

test('no free NPUs: stop-start with the downtime stated first, and the old server restored on failure', () => {
  const plan = chooseDeployStrategy({ descriptor: coder(), mapping, paths: HOST, current: running([2, 3]), busyNpus: [0, 1, 2, 3, 4, 5, 6, 7], now: NOW });
  assert.equal(plan.strategy, 'stop-start');
  assert.match(plan.downtime ?? '', /ascend-llm-coder holds NPUs 2, 3 and only 0 NPUs are free/);
  assert.deepEqual(plan.run.npus, [2, 3]);
  assert.equal(plan.run.hostPort, 8000);
  assert.deepEqual(ids(plan.steps), ['stop-old', 'remove-old', 'run', 'wait-new', 'smoke', 'record']);
  const undo = undoAfterFailure(plan.steps, plan.steps.findIndex((s) => s.id === 'wait-new'));
  // The new container goes, then the old one is re-created from its recorded argv and waited for.
  assert.deepEqual(ids(undo), ['new-logs', 'remove-new', 'remove-broken', 'recreate-old', 'wait-old', 'restore-record']);
  assert.deepEqual(argvOf(undo, 'recreate-old'), OLD_ARGV);
  const wait = undo.find((s) => s.id === 'wait-old');
  assert.ok(wait?.kind === 'wait-healthy' && wait.hostPort === 8000 && wait.servedModelName === 'deepseek-coder');
  // A failure writing the record also restores the previous record.
  const late = undoAfterFailure(plan.steps, plan.steps.findIndex((s) => s.id === 'record'));
  const restore = late.find((s) => s.id === 'restore-record');
  assert.ok(restore?.kind === 'write-record' && restore.record.image === 'ascend-llm/coder:v0.22.0');
});

test('no free NPUs and no recorded run argv: the old container is kept under -prev and started again on failure', () => {
  const plan = chooseDeployStrategy({ descriptor: coder(), mapping, paths: HOST, current: { ...running([2, 3]), runArgv: undefined }, busyNpus: [0, 1, 2, 3, 4, 5, 6, 7], now: NOW });
  assert.equal(plan.strategy, 'stop-start');
  assert.deepEqual(ids(plan.steps), ['clear-prev', 'stop-old', 'rename-old', 'run', 'wait-new', 'smoke', 'record', 'remove-old']);
  const undo = undoAfterFailure(plan.steps, plan.steps.findIndex((s) => s.id === 'wait-new'));
  assert.deepEqual(ids(undo), ['new-logs', 'remove-new', 'rename-back', 'start-old', 'wait-old']);
});

test('too few free NPUs for the new size also means stop-start', () => {
  const plan = chooseDeployStrategy({ descriptor: coder((d) => { d.runtime.npus = [0, 1, 2, 3]; }), mapping, paths: HOST, current: running([0, 1]), busyNpus: [0, 1, 5, 6, 7], now: NOW });
  assert.equal(plan.strategy, 'stop-start');
  assert.match(plan.downtime ?? '', /only 3 NPUs are free/);
});

test('a stopped deployment is replaced by a fresh start', () => {
  const plan = chooseDeployStrategy({ descriptor: coder(), mapping, paths: HOST, current: { ...running([2, 3]), status: 'stopped' }, busyNpus: [], now: NOW });
  assert.equal(plan.strategy, 'fresh');
});

test('rollback from the recorded spec, stop and logs', () => {
  const rec = running([2, 3]);
  assert.deepEqual(ids(recreateFromRecord(rec) ?? []), ['remove-broken', 'recreate-old', 'wait-old', 'restore-record']);
  assert.equal(recreateFromRecord({ ...rec, runArgv: undefined }), undefined);
  assert.equal(recreateFromRecord({ ...rec, runArgv: ['sh', '-c', 'id'] }), undefined);
  const stop = planStop(rec);
  assert.deepEqual(argvOf(stop, 'stop'), ['docker', 'stop', 'ascend-llm-coder']);
  assert.ok(stop[1].kind === 'write-record' && stop[1].record.status === 'stopped');
  assert.deepEqual(logsArgv('ascend-llm-coder', { follow: true, tail: 100 }), ['docker', 'logs', '--follow', '--tail', '100', 'ascend-llm-coder']);
  assert.throws(() => logsArgv('$(id)'));
});

test('deployment records round-trip and bad ones are refused', () => {
  const rec = running([2, 3]);
  assert.deepEqual(parseDeploymentRecord(JSON.stringify(rec)), rec);
  assert.throws(() => parseDeploymentRecord('{"name": "coder"}'), /not valid/);
  assert.throws(() => parseDeploymentRecord('nope'), /not valid/);
});
