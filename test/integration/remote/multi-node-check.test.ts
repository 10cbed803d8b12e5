// Check Host across the nodes of a multi-node descriptor, on the simulated 2-node cluster (real sshd per node in
// its own network namespace; hccn_tool with the real output formats, docs/multi-node.md §4). Root only.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { startSimCluster, type SimCluster } from '../../host/cluster';
import { writeSandboxSsh } from '../../host/sandbox-home';
import { ConnectionPool } from '../../../src/core/ssh/connection-pool';
import { hostConnector } from '../../../src/core/ssh/host-connector';
import { SshHostShell } from '../../../src/core/ssh/ssh-shell';
import { parseDescriptor } from '../../../src/core/descriptor/index';
import { runClusterCheck, type ClusterReport } from '../../../src/core/remote/check/cluster-check-run';
import type { RunContext } from '../../../src/core/remote/index';
import { command as checkHost } from '../../../src/cli/commands/check-host';
import { collectingIo } from './fixture';

const root = process.getuid?.() === 0;
const MODEL = '/tmp/multinode-check-r1';

const descriptorText = (c: SimCluster): string => `version: 1
name: r1check
target: { hosts: [${c.nodes.map((n) => n.alias).join(', ')}], chip: 910B3, vllmAscend: v0.23.0 }
model: { id: deepseek-ai/DeepSeek-R1, source: host, hostPath: ${MODEL} }
image: { tag: quay.io/ascend/vllm-ascend:v0.23.0 }
runtime: { parallel: { dp: 4, dpLocal: 2, tp: 4, ep: true } }
`;

const byId = (r: ClusterReport, id: string, alias?: string) => r.cluster.filter((f) => f.id === id && (!alias || f.title.startsWith(`${alias}:`)));

describe('multi-node Check Host', { skip: root ? false : 'needs root (network namespaces)' }, () => {
  let c: SimCluster;
  let home: string;
  let pool: ConnectionPool;
  let contexts: RunContext[];
  before(async () => {
    c = await startSimCluster({ nodes: 2, profile: '910b3', latency: { startupMs: 300 } });
    home = mkdtempSync(join(tmpdir(), 'multinode-check-home-'));
    for (const n of c.nodes) writeSandboxSsh(home, n);
    mkdirSync(MODEL, { recursive: true });
    writeFileSync(join(MODEL, 'config.json'), JSON.stringify({ architectures: ['DeepseekV3ForCausalLM'], num_attention_heads: 128 }));
    pool = new ConnectionPool({ connect: hostConnector({ home, localUser: userInfo().username }, {}), initialDelayMs: 100, maxDelayMs: 500 });
    contexts = c.nodes.map((n) => ({
      alias: n.alias, shell: new SshHostShell(n.alias, () => pool.get(n.alias)),
      paths: { ascendPrefix: n.ascendPrefix, devPrefix: n.devPrefix, etcPrefix: n.etcPrefix, usrLocalPrefix: n.usrLocalPrefix },
      log: () => undefined,
    }));
  });
  after(async () => {
    pool?.dispose();
    await c?.stop();
    rmSync(MODEL, { recursive: true, force: true });
    if (home) rmSync(home, { recursive: true, force: true });
  });

  test('a healthy cluster passes every cross-node check, and each node gets its own host check', async () => {
    const r = await runClusterCheck(contexts, parseDescriptor(descriptorText(c)));
    assert.deepEqual(r.nodes.map((n) => n.alias), c.nodes.map((n) => n.alias));
    assert.ok(r.nodes.every((n) => n.report.findings.length > 5));
    assert.deepEqual(r.cluster.filter((f) => f.status !== 'pass').map((f) => [f.id, f.detail]), []);
    // The interface is the node's own NIC, found from the address SSH reached.
    assert.match(byId(r, 'interfaces', c.nodes[1].alias)[0].detail, new RegExp(`^${c.nodes[1].netns!.nsSide} holds ${c.nodes[1].host.replace(/\./g, '\\.')}`));
    assert.match(byId(r, 'npu-ping')[0].detail, /All 16 NPU pings/);
  });

  test('a down link on node 2 is found there, and node 1 sees that peer as unreachable, each with its fix', async () => {
    c.nodes[1].control.setNpuNet(3, { link: 'DOWN' });
    try {
      const r = await runClusterCheck(contexts, parseDescriptor(descriptorText(c)));
      const [link] = byId(r, 'npu-link', c.nodes[1].alias);
      assert.equal(link.status, 'fail');
      assert.match(link.detail, /NPU 3 \(DOWN\)/);
      assert.match(link.fix ?? '', /-link -g must print "link status: UP"/);
      assert.equal(byId(r, 'npu-link', c.nodes[0].alias)[0].status, 'pass');
      const [ping] = byId(r, 'npu-ping');
      assert.equal(ping.status, 'fail');
      assert.match(ping.detail, new RegExp(`${c.nodes[0].alias} NPU 3 → ${c.nodes[1].alias} `));
      assert.match(ping.fix ?? '', /hccn_tool -i N -ping -g address/);
      assert.equal(r.status, 'fail');
    } finally {
      c.nodes[1].control.resetNpuNet();
    }
  });

  test('a TLS switch that differs on one NPU of node 2 is named, with the command that aligns it', async () => {
    c.nodes[1].control.setNpuNet(2, { tls: 1 });
    try {
      const r = await runClusterCheck(contexts, parseDescriptor(descriptorText(c)));
      const [tls] = byId(r, 'npu-tls');
      assert.equal(tls.status, 'fail');
      assert.match(tls.detail, new RegExp(`most NPUs have 0, but ${c.nodes[1].alias}/2 \\(1\\)`));
      assert.match(tls.fix ?? '', /-tls -s enable 0/);
    } finally {
      c.nodes[1].control.resetNpuNet();
    }
  });

  test('the model missing on a node and an interface runtime.env names that a node lacks are found', async () => {
    const d = parseDescriptor(descriptorText(c).replace(MODEL, `${MODEL}-absent`).replace('runtime: {', 'runtime: { env: { GLOO_SOCKET_IFNAME: eth9 },'));
    const r = await runClusterCheck(contexts, d);
    assert.match(byId(r, 'model-same')[0].detail, /config.json is missing on kunpeng-01, kunpeng-02/);
    assert.match(byId(r, 'interfaces', c.nodes[0].alias)[0].detail, /GLOO_SOCKET_IFNAME=eth9 names an interface/);
  });

  test('the CLI: check-host --descriptor checks every node and prints the TLS mismatch with its fix (exit 1)', async () => {
    const file = join(home, 'ascend-deploy.yaml');
    writeFileSync(file, descriptorText(c));
    const env: NodeJS.ProcessEnv = {
      HOME: home, USER: userInfo().username, PATH: process.env.PATH,
      ASCEND_LLM_HOSTS: JSON.stringify(Object.fromEntries(c.nodes.map((n) => [n.alias, { ascendPrefix: n.ascendPrefix, devPrefix: n.devPrefix, etcPrefix: n.etcPrefix, usrLocalPrefix: n.usrLocalPrefix }]))),
    };
    c.nodes[1].control.setNpuNet(0, { tls: 1 });
    try {
      const io = collectingIo(env, home);
      const code = await checkHost.run(['--descriptor', file], io);
      assert.equal(code, 1, io.err);
      assert.match(io.out, new RegExp(`\\[PASS\\] ${c.nodes[1].alias}: `));
      assert.match(io.out, /\[FAIL\] TLS settings across nodes: The TLS switch differs/);
      assert.match(io.out, /Fix: Make the TLS switch the same/);
      assert.match(io.out, /Overall: FAIL/);
    } finally {
      c.nodes[1].control.resetNpuNet();
    }
  });
});
