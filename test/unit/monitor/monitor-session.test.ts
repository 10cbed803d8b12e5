import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MonitorSession } from '../../../src/core/monitor/monitor-session';
import { validateHostMessage } from '../../../src/core/monitor/protocol-validate';
import type { HostMessage } from '../../../src/core/monitor/protocol';
import type { ChipSnapshot, MonitorSample } from '../../../src/core/monitor/snapshot-types';
import type { StatusSummary } from '../../../src/core/monitor/status-summary';
import { FakeClock } from '../../support/fake-clock';

function chip(npuId: number, tempC: number): ChipSnapshot {
  return { npuId, chipId: 0, deviceId: null, name: '910B4', health: 'OK', powerW: 90, tempC, hugepages: null,
    busId: null, aicorePercent: 30, memoryMB: { used: 0, total: 0 }, hbmMB: { used: 100, total: 32768 } };
}

function setup(opts: { statusBar?: boolean; fail?: () => string | null } = {}) {
  const clock = new FakeClock();
  const sampled: string[] = [];
  const posted: HostMessage[] = [];
  const bar: (StatusSummary | null)[] = [];
  let temp = 40;
  const source = {
    async sample(host: string): Promise<MonitorSample> {
      sampled.push(`${host}@${clock.time}`);
      const err = opts.fail?.();
      if (err) throw new Error(err);
      temp++;
      return {
        snapshot: { version: '25.0.rc1.1', chips: [chip(0, temp), chip(1, 40)], processes: [{ npuId: 0, chipId: 0, pid: 990711, name: 'python', memoryMB: 7746, containerPid: null }] },
        serverMetrics: null,
        alerts: [],
        owners: [{ pid: 990711, container: 'vllm-coder', deployment: 'coder' }],
      };
    },
  };
  const session = new MonitorSession({
    source, visibleMs: 1000, hiddenMs: 10_000, statusBarEnabled: opts.statusBar ?? true, l10n: { Host: '主机' }, timers: clock,
    onStatusBar: (s) => bar.push(s),
  });
  const view = { post: (m: HostMessage) => posted.push(m) };
  return { clock, sampled, posted, bar, session, view };
}

const updates = (posted: HostMessage[]) => posted.filter((m): m is Extract<HostMessage, { type: 'update' }> => m.type === 'update');

test('an open, visible panel gets init on ready, then a reset and one delta per second', async () => {
  const { clock, posted, session, view, sampled } = setup();
  session.setHosts(['npu-a', 'npu-b'], 'npu-b');
  session.attachView(view, true);
  session.receive({ type: 'ready' });
  await clock.advance(3000);
  assert.deepEqual(sampled, ['npu-b@0', 'npu-b@1000', 'npu-b@2000', 'npu-b@3000']);
  const init = posted.find((m) => m.type === 'init');
  assert.deepEqual(init, { type: 'init', l10n: { Host: '主机' }, hosts: ['npu-a', 'npu-b'], host: 'npu-b', windowMs: 600_000 });
  const u = updates(posted);
  assert.equal(u.length, 4);
  assert.equal(u[0].delta.reset, true);
  assert.equal(u[0].delta.processes?.[0].deployment, 'coder', 'processes are joined to their deployment');
  // Only chip 0 changes (its temperature rises); chip 1 and the process table are not re-sent.
  assert.deepEqual(u[1].delta.chips?.map((c) => [c.npuId, c.tempC]), [[0, 42]]);
  assert.equal(u[1].delta.processes, undefined);
  assert.deepEqual(u.map((m) => m.delta.seq), [0, 1, 2, 3]);
});

test('hidden panel polls slowly for the status bar; with the status bar off, polling stops', async () => {
  const { clock, session, view, sampled, bar } = setup();
  session.setHosts(['npu-a']);
  session.attachView(view, true);
  await clock.advance(2000);
  assert.equal(sampled.length, 3);
  session.setVisible(false);
  await clock.advance(30_000);
  assert.deepEqual(sampled.slice(3), ['npu-a@12000', 'npu-a@22000', 'npu-a@32000']);
  const last = bar.at(-1);
  assert.ok(last && last.text.includes('npu-a') && last.text.includes('2'), `status bar: ${JSON.stringify(last)}`);
  session.setStatusBarEnabled(false);
  assert.equal(bar.at(-1), null, 'the item hides');
  await clock.advance(60_000);
  assert.equal(sampled.length, 6, 'no polling with the panel hidden and the status bar off');
  assert.equal(clock.timerCount, 0);
});

test('a failing host backs off and both the panel and the status bar say why', async () => {
  const { clock, session, view, posted, bar } = setup({ fail: () => 'dcmi module initialize failed. ret is -8005' });
  session.setHosts(['npu-a']);
  session.attachView(view, true);
  await clock.advance(0);
  const status = posted.filter((m) => m.type === 'status').at(-1);
  assert.deepEqual(status, { type: 'status', host: 'npu-a', state: 'backoff', reason: 'dcmi module initialize failed. ret is -8005', retryInMs: 2000 });
  session.detachView();
  assert.equal(bar.at(-1)?.level, 'error');
  assert.match(bar.at(-1)?.tooltip ?? '', /-8005/);
});

test('a sample with impossible values is a failure, never numbers on screen', async () => {
  const clock = new FakeClock();
  const posted: HostMessage[] = [];
  const session = new MonitorSession({
    source: { sample: async () => ({ snapshot: { version: null, chips: [{ ...chip(0, 40), tempC: 'NA' }], processes: [] }, alerts: [] } as unknown as MonitorSample) },
    visibleMs: 1000, hiddenMs: 10_000, statusBarEnabled: true, l10n: null, timers: clock,
  });
  session.setHosts(['h']);
  session.attachView({ post: (m) => posted.push(m) }, true);
  await clock.advance(0);
  assert.equal(updates(posted).length, 0);
  assert.match(session.status.reason ?? '', /tempC/);
});

test('the webview can only switch to an offered host; switching resets the stream', async () => {
  const { clock, session, view, posted, sampled } = setup();
  session.setHosts(['npu-a', 'npu-b']);
  session.attachView(view, true);
  await clock.advance(1000);
  session.receive({ type: 'selectHost', host: 'attacker.example.com' });
  session.receive({ type: 'selectHost', host: 'npu-b' });
  await clock.advance(0);
  assert.equal(session.currentHost, 'npu-b');
  assert.ok(!sampled.some((s) => s.startsWith('attacker')));
  assert.deepEqual(posted.filter((m) => m.type === 'hosts').at(-1), { type: 'hosts', hosts: ['npu-a', 'npu-b'], host: 'npu-b' });
  const last = updates(posted).at(-1);
  assert.equal(last?.host, 'npu-b');
  assert.equal(last?.delta.reset, true);
});

test('a panel shown again gets the history collected while it was hidden', async () => {
  const { clock, session, view, posted } = setup();
  session.setHosts(['npu-a']);
  session.attachView(view, true);
  await clock.advance(2000);
  session.setVisible(false);
  await clock.advance(25_000);
  posted.length = 0;
  session.setVisible(true);
  session.receive({ type: 'ready' });
  const reset = updates(posted)[0];
  assert.equal(reset.delta.reset, true);
  assert.deepEqual(reset.delta.history?.times, [0, 1000, 2000, 12_000, 22_000]);
});

test('every message the host sends passes the webview\'s validation unchanged', async () => {
  const { clock, session, view, posted } = setup();
  session.setHosts(['npu-a', 'npu-b']);
  session.attachView(view, true);
  session.receive({ type: 'ready' });
  await clock.advance(5000);
  session.receive({ type: 'selectHost', host: 'npu-a' });
  session.receive({ type: 'ready' });
  await clock.advance(2000);
  assert.ok(posted.length > 10);
  for (const m of posted) {
    const r = validateHostMessage(JSON.parse(JSON.stringify(m)));
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(JSON.parse(JSON.stringify(r.value)), JSON.parse(JSON.stringify(m)));
  }
});
