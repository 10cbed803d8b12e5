/**
 * The multi-node plan against vllm-ascend's own tutorials (v0.23.0, commit 5cb98caaadeff42b5b62b996e34bb2aaa29d20fd),
 * quoted in test/fixtures/upstream/multi-node/: DeepSeek-R1.md §4.1/§5.2 (2 × A2, DP4/TP4/EP) and DeepSeek-V3.2.md
 * §5.2 (2 × A2 DP2/TP8, 2 × A3 DP2/TP16). The tutorial's `local_ip`, `nic_name`, `node0_ip` are filled in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNpuSmiMapping } from '../../../../src/core/npu/index';
import { planMultiNode, type MultiNodeHost, type MultiNodeInput } from '../../../../src/core/remote/deploy/multi-node-argv';
import { PlanError } from '../../../../src/core/host-command/plan-error';
import type { NpuChipMapping } from '../../../../src/core/npu/index';
import { npuFixture } from '../inputs';

const FIX = join(__dirname, '..', '..', '..', 'fixtures', 'upstream', 'multi-node');
const A2_MAP = parseNpuSmiMapping(npuFixture('910b4-info-m-25.0.rc1.1.txt'));
const A3_MAP: NpuChipMapping[] = Array.from({ length: 16 }, (_, i) => ({ npuId: i >> 1, chipId: i & 1, logicId: i, chipName: 'Ascend 910' }));
const PATHS = { ascendPrefix: '/usr/local/Ascend', devPrefix: '/dev' };
const IPS = ['10.10.0.1', '10.10.0.2'];
const NICS = ['enp189s0f0', 'enp61s0f1'];

function hosts(map: NpuChipMapping[], npus: number[]): MultiNodeHost[] {
  return IPS.map((address, i) => ({ alias: `kunpeng-0${i + 1}`, address, nic: NICS[i], npus, mapping: map, paths: PATHS }));
}

/** Splits a shell command the way sh would for these scripts (single quotes, backslash-newline). */
function words(cmd: string): string[] {
  const out: string[] = [];
  for (const m of cmd.replace(/\\\n/g, ' ').matchAll(/'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2]);
  return out;
}

/** The tutorial script for node i: its exports (variables filled in) and its `vllm serve` words. */
function tutorial(file: string, i: number): { env: Map<string, string>; serve: string[] } {
  const text = readFileSync(join(FIX, file), 'utf8');
  const vars: Record<string, string> = { local_ip: IPS[i], nic_name: NICS[i], node0_ip: IPS[0] };
  const fill = (s: string): string => s.replace(/\$(\w+)/g, (_, v: string) => vars[v] ?? `$${v}`).replace(/^"(.*)"$/, '$1');
  const env = new Map<string, string>();
  for (const m of text.matchAll(/^export (\w+)=(.*)$/gm)) env.set(m[1], fill(m[2].trim()));
  const serveText = text.slice(text.indexOf('vllm serve')).split(/\n\s*\n|\n```/)[0];
  return { env, serve: words(serveText).map(fill) };
}

/** `--flag value` / `--flag` words → ordered pairs (the model positional dropped). */
function flags(ws: string[]): Array<[string, string | true]> {
  const out: Array<[string, string | true]> = [];
  for (let k = 3; k < ws.length; k++) {
    if (ws[k + 1] !== undefined && !ws[k + 1].startsWith('--')) { out.push([ws[k], ws[k + 1]]); k++; } else out.push([ws[k], true]);
  }
  return out;
}

/** The tutorial's serve options that are not the plan's own, as a descriptor's `serve` carries them. */
function serveExtras(ws: string[]): Record<string, string | boolean> {
  const own = new Set(['--host', '--port', '--headless', '--data-parallel-size', '--data-parallel-size-local', '--data-parallel-start-rank',
    '--data-parallel-address', '--data-parallel-rpc-port', '--tensor-parallel-size', '--enable-expert-parallel']);
  return Object.fromEntries(flags(ws).filter(([k]) => !own.has(k)).map(([k, v]) => [k.slice(2), v]));
}

const planned = (input: MultiNodeInput, i: number) => {
  const node = planMultiNode(input)[i];
  const at = node.argv.indexOf('vllm');
  return { node, serve: node.argv.slice(at), docker: node.argv.slice(0, at) };
};

function compare(file: string, i: number, input: MultiNodeInput): void {
  const tut = tutorial(file, i);
  const { node, serve } = planned(input, i);
  assert.deepEqual(new Map(node.env), tut.env, `${file}: the environment`);
  assert.deepEqual(new Map(flags(serve)), new Map(flags(tut.serve)), `${file}: the vllm serve options`);
  // The launch block keeps the tutorial's order: --host, --port, [--headless], the DP flags, --tensor-parallel-size.
  const lead = (ws: string[]): string[] => flags(ws).map(([k]) => k).slice(0, i > 0 ? 9 : 7);
  assert.deepEqual(lead(serve), lead(tut.serve), `${file}: the launch flags' order`);
}

test('DeepSeek-R1 W8A8 on 2 × A2 (DP4 / TP4 / EP): each node matches the tutorial, head and headless', () => {
  const tut = tutorial('deepseek-r1.a2-node0.sh', 0);
  const input: MultiNodeInput = {
    name: 'r1', image: 'quay.io/ascend/vllm-ascend:v0.23.0', series: 'A2', hosts: hosts(A2_MAP, [0, 1, 2, 3, 4, 5, 6, 7]),
    parallel: { dp: 4, dpLocal: 2, tp: 4, ep: true }, modelHostPath: '/data/models/DeepSeek-R1-W8A8', rpcPort: 13389,
    serve: serveExtras(tut.serve), env: { VLLM_ASCEND_BALANCE_SCHEDULING: '1' },
  };
  compare('deepseek-r1.a2-node0.sh', 0, input);
  compare('deepseek-r1.a2-node1.sh', 1, input);
  const [head, worker] = planMultiNode(input);
  assert.deepEqual([head.role, head.startRank, worker.role, worker.startRank], ['head', 0, 'headless', 2]);
});

test('DeepSeek-V3.2 on 2 × A2 (DP2 / TP8) and on 2 × A3 (DP2 / TP16, no PCIe switches, its own rpc port)', () => {
  const a2 = tutorial('deepseek-v3.2.a2-node0.sh', 0);
  const extraEnv = (t: Map<string, string>): Record<string, string> => Object.fromEntries(['HCCL_OP_EXPANSION_MODE', 'OMP_NUM_THREADS', 'VLLM_USE_V1', 'VLLM_ASCEND_ENABLE_MLAPO', 'VLLM_ASCEND_ENABLE_FLASHCOMM1'].map((k) => [k, t.get(k) ?? '']));
  const inA2: MultiNodeInput = {
    name: 'v32', image: 'quay.io/ascend/vllm-ascend:v0.23.0', series: 'A2', hosts: hosts(A2_MAP, [0, 1, 2, 3, 4, 5, 6, 7]),
    parallel: { dp: 2, dpLocal: 1, tp: 8, ep: true }, modelHostPath: '/data/models/DeepSeek-V3.2-W8A8', rpcPort: 13389,
    serve: { ...serveExtras(a2.serve), port: '8077' }, env: extraEnv(a2.env), hcclConnectTimeout: 120,
  };
  compare('deepseek-v3.2.a2-node0.sh', 0, inA2);
  compare('deepseek-v3.2.a2-node1.sh', 1, inA2);

  const a3 = tutorial('deepseek-v3.2.a3-node0.sh', 0);
  const inA3: MultiNodeInput = {
    ...inA2, series: 'A3', hosts: hosts(A3_MAP, [0, 1, 2, 3, 4, 5, 6, 7]), parallel: { dp: 2, dpLocal: 1, tp: 16, ep: true }, rpcPort: 12890,
    serve: { ...serveExtras(a3.serve), port: '8077' }, env: extraEnv(a3.env), hcclConnectTimeout: undefined,
  };
  compare('deepseek-v3.2.a3-node0.sh', 0, inA3);
  compare('deepseek-v3.2.a3-node1.sh', 1, inA3);
});

test('the container is the tutorial\'s: host network, privileged, every NPU, the driver mounts, hccn_tool and hccn.conf', () => {
  for (const [series, file, map] of [['A2', 'deepseek-r1.docker-a2.sh', A2_MAP], ['A3', 'deepseek-r1.docker-a3.sh', A3_MAP]] as const) {
    const tut = words(readFileSync(join(FIX, file), 'utf8').replace(/^#.*$/gm, ''));
    const { docker } = planned({
      name: 'r1', image: 'quay.io/ascend/vllm-ascend:v0.23.0', series, hosts: hosts(map, [0, 1, 2, 3, 4, 5, 6, 7]),
      parallel: { dp: 2, dpLocal: 1, tp: map.filter((r) => r.logicId !== null).length }, modelHostPath: '/data/models/DeepSeek-R1-W8A8',
    }, 1);
    const values = (ws: string[], flag: string): string[] => ws.filter((_, k) => ws[k - 1] === flag);
    assert.deepEqual(values(docker, '--device'), values(tut, '--device'), `${series} devices`);
    for (const f of ['--net=host', '--privileged=true']) assert.ok(docker.includes(f) && tut.includes(f), f);
    assert.equal(values(docker, '--shm-size')[0], /--shm-size=(\S+)/.exec(tut.join(' '))?.[1]);
    const targets = (ws: string[]): string[] => values(ws, '-v').map((v) => v.split(':')[1]);
    // Every tutorial mount but /root/.cache (the plan mounts the model folder itself, read-only) …
    const ours = targets(docker);
    for (const tgt of targets(tut).filter((x) => x !== '/root/.cache')) assert.ok(ours.includes(tgt), `${series} mounts ${tgt}`);
    // … and /etc/hccn.conf, which pd_disaggregation_mooncake_multi_node.md says to mount when using docker.
    assert.ok(ours.includes('/etc/hccn.conf'));
    assert.ok(values(docker, '-v').includes('/data/models/DeepSeek-R1-W8A8:/models/DeepSeek-R1-W8A8:ro'));
  }
});

test('uneven nodes: start ranks follow the sum of the earlier nodes\' dpLocal', () => {
  const three = [...hosts(A2_MAP, [0, 1, 2, 3, 4, 5, 6, 7]), { alias: 'kunpeng-03', address: '10.10.0.3', nic: 'eth0', npus: [0, 1, 2, 3], mapping: A2_MAP, paths: PATHS }];
  const plans = planMultiNode({ name: 'r1', image: 'x:1', series: 'A2', hosts: three, parallel: { dp: 5, dpLocal: [2, 2, 1], tp: 4 }, modelHostPath: '/m' });
  assert.deepEqual(plans.map((p) => [p.role, p.startRank, p.dpLocal]), [['head', 0, 2], ['headless', 2, 2], ['headless', 4, 1]]);
  assert.deepEqual(plans[2].devices.map((d) => d.logicId), [0, 1, 2, 3]);
  for (const p of plans) assert.equal(p.argv[p.argv.indexOf('--data-parallel-address') + 1], '10.10.0.1');
});

test('bad layouts are refused with a reason', () => {
  const base: MultiNodeInput = { name: 'r1', image: 'x:1', series: 'A2', hosts: hosts(A2_MAP, [0, 1, 2, 3]), parallel: { dp: 4, dpLocal: 2, tp: 2 }, modelHostPath: '/m' };
  const code = (over: Partial<MultiNodeInput>): string => { try { planMultiNode({ ...base, ...over }); return 'ok'; } catch (e) { return e instanceof PlanError ? e.code : String(e); } };
  assert.equal(code({}), 'ok');
  assert.equal(code({ parallel: { dp: 3, dpLocal: 2, tp: 2 } }), 'bad-parallel'); // 2 + 2 ≠ 3
  assert.equal(code({ parallel: { dp: 4, dpLocal: 2, tp: 4 } }), 'missing-npus'); // 2 × 4 > 4 NPUs
  assert.equal(code({ hosts: base.hosts.slice(0, 1), parallel: { dp: 2, dpLocal: 2, tp: 2 } }), 'bad-parallel');
  assert.equal(code({ serve: { 'data-parallel-size': 8 } }), 'bad-serve-value');
  assert.equal(code({ hosts: [{ ...base.hosts[0], address: 'head; rm -rf /' }, base.hosts[1]] }), 'bad-host');
  assert.equal(code({ hosts: [base.hosts[0], { ...base.hosts[1], nic: 'eth0 && x' }] }), 'bad-host');
});
