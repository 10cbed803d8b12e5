import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateHostMessage, validateWebviewMessage } from '../../../src/core/monitor/protocol-validate';
import type { ChipSnapshot } from '../../../src/core/monitor/snapshot-types';

const chip: ChipSnapshot = {
  npuId: 0, chipId: 0, deviceId: null, name: '910B4', health: 'OK', powerW: 87.2, tempC: 33,
  hugepages: { used: 0, total: 0 }, busId: '0000:C1:00.0', aicorePercent: 0,
  memoryMB: { used: 0, total: 0 }, hbmMB: { used: 2654, total: 32768 },
};
const update = (delta: Record<string, unknown>) => ({ type: 'update', host: 'a', delta: { seq: 0, reset: true, timeMs: 1, ...delta } });

test('webview → host: ready, refresh and selectHost of a configured host are accepted', () => {
  assert.deepEqual(validateWebviewMessage({ type: 'ready' }, []), { ok: true, value: { type: 'ready' } });
  assert.deepEqual(validateWebviewMessage({ type: 'refresh', extra: 1 }, []), { ok: true, value: { type: 'refresh' } });
  assert.deepEqual(validateWebviewMessage({ type: 'selectHost', host: 'npu-1' }, ['npu-1']), { ok: true, value: { type: 'selectHost', host: 'npu-1' } });
});

test('webview → host: hostile or malformed messages are refused', () => {
  const hosts = ['npu-1'];
  for (const bad of [
    null, undefined, 42, 'ready', [], [{ type: 'ready' }],
    {}, { type: 'READY' }, { type: 'runCommand', command: 'rm -rf /' },
    { type: 'selectHost' }, { type: 'selectHost', host: 7 },
    { type: 'selectHost', host: 'evil.example.com' }, // not offered: the webview may not name new hosts
    { type: 'selectHost', host: 'npu-1; rm -rf ~' },
    { type: 'selectHost', host: 'x'.repeat(10_000) },
    JSON.parse('{"__proto__": {"type": "ready"}}'),
  ]) {
    const r = validateWebviewMessage(bad, hosts);
    assert.equal(r.ok, false, `accepted ${JSON.stringify(bad)}`);
  }
});

test('host → webview: a full update is accepted and rebuilt without unknown keys', () => {
  const r = validateHostMessage(update({ chips: [{ ...chip, injected: '<img onerror=alert(1)>' }], server: null, alerts: [] }));
  assert.ok(r.ok);
  if (r.value.type !== 'update') throw new Error('type');
  assert.deepEqual(r.value.delta.chips, [chip]);
  assert.equal(r.value.delta.server, null);
  assert.equal('injected' in r.value.delta.chips![0], false);
});

test('host → webview: null readings stay null and a missing optional part stays absent', () => {
  const r = validateHostMessage(update({ chips: [{ ...chip, powerW: null, hbmMB: null, deviceId: 32896 }] }));
  assert.ok(r.ok && r.value.type === 'update');
  if (r.value.type !== 'update') return;
  assert.equal(r.value.delta.chips![0].powerW, null);
  assert.equal(r.value.delta.chips![0].hbmMB, null);
  assert.equal(r.value.delta.processes, undefined);
});

test('host → webview: malformed values are refused, naming the path', () => {
  const cases: [unknown, RegExp][] = [
    [update({ chips: [{ ...chip, tempC: 'hot' }] }), /chips\[0\]\.tempC/],
    [update({ chips: [{ ...chip, tempC: Number.NaN }] }), /tempC/],
    [update({ chips: [{ ...chip, npuId: -1 }] }), /npuId/],
    [update({ chips: [{ ...chip, hbmMB: { used: 1 } }] }), /hbmMB\.total/],
    [update({ chips: {} }), /chips: expected an array/],
    [update({ chips: Array(300).fill(chip) }), /more than 256/],
    [update({ seq: 1.5 }), /seq/],
    [update({ alerts: [{ id: 'a', kind: 'k', severity: 'fatal', message: 'm', advice: '', npuId: null, chipId: null }] }), /severity/],
    [update({ processes: [{ npuId: 0, chipId: 0, pid: '12', name: 'x', memoryMB: 1, containerPid: null, container: null, deployment: null }] }), /pid/],
    [update({ history: { times: [1, 2], series: { '0:0': { aicore: [1], memory: [1, 2], power: [1, 2], temp: [1, 2] } } } }), /length differs/],
    [update({ history: { times: [1], series: { __proto__x: {} } } }), /bad chip key/],
    [{ type: 'status', host: null, state: 'exploded', reason: null, retryInMs: null }, /state/],
    [{ type: 'init', l10n: { a: 1 }, hosts: [], host: null, windowMs: 600000 }, /l10n\.a/],
    [{ type: 'init', l10n: null, hosts: 'a', host: null, windowMs: 600000 }, /hosts/],
    [{ type: 'eval', code: 'alert(1)' }, /message\.type/],
    ['{"type":"init"}', /expected an object/],
  ];
  for (const [msg, error] of cases) {
    const r = validateHostMessage(msg);
    assert.equal(r.ok, false, `accepted ${JSON.stringify(msg)}`);
    if (!r.ok) assert.match(r.error, error);
  }
});

test('host → webview: an l10n bundle cannot reach Object.prototype', () => {
  const hostile = JSON.parse('{"type":"init","l10n":{"__proto__":{"polluted":"yes"}},"hosts":[],"host":null,"windowMs":600000}');
  assert.equal(validateHostMessage(hostile).ok, false);
  const fine = validateHostMessage({ type: 'init', l10n: { AICore: 'AI Core 利用率' }, hosts: ['h'], host: 'h', windowMs: 600000 });
  assert.ok(fine.ok);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
