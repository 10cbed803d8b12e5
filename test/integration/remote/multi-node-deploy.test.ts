// Deploy and Stop across two simulated A2 nodes (real sshd per node in its own network namespace, the simulated
// vLLM's multi-node data-parallel launch, docs/multi-node.md §2-3). The tutorial's DP4/TP4/EP layout becomes
// healthy with one head and one headless node; cutting node 2's link mid-deploy rolls both nodes back. Root only.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { startSimCluster, type SimCluster } from '../../host/cluster';
import { writeSandboxSsh } from '../../host/sandbox-home';
import { sshRun } from '../../host/ssh-run';
import type { SimHost } from '../../host/index';
import { ConnectionPool } from '../../../src/core/ssh/connection-pool';
import { hostConnector } from '../../../src/core/ssh/host-connector';
import { SshHostShell } from '../../../src/core/ssh/ssh-shell';
import { parseDescriptor } from '../../../src/core/descriptor/index';
import { runMultiNodeDeploy, runMultiNodeStop } from '../../../src/core/remote/deploy/multi-node-run';
import type { RunContext } from '../../../src/core/remote/index';
import { command as deploy } from '../../../src/cli/commands/deploy';
import { command as stop } from '../../../src/cli/commands/stop';
import { command as logs } from '../../../src/cli/commands/logs';
import { collectingIo } from './fixture';

const root = process.getuid?.() === 0;
const MODEL = '/tmp/multinode-deploy-r1-w8a8';
const sh = (n: SimHost, cmd: string): Promise<string> => sshRun(n, cmd).then((r) => r.stdout + r.stderr);
const state = (n: SimHost, c: string): Promise<string> => sh(n, `docker inspect -f '{{.State.Status}}' ${c} 2>&1`).then((s) => s.trim());

// The R1-W8A8-like descriptor of the tutorial (vllm-ascend DeepSeek-R1.md §5.2): DP 4 (2 per node) × TP 4, EP.
const descriptorText = (c: SimCluster, name: string, hcclTimeout: number): string => `version: 1
name: ${name}
target: { hosts: [${c.nodes.map((n) => n.alias).join(', ')}], chip: 910B3, vllmAscend: v0.23.0 }
model: { id: vllm-ascend/DeepSeek-R1-W8A8, source: host, hostPath: ${MODEL} }
image: { tag: quay.io/ascend/vllm-ascend:v0.23.0 }
runtime:
  parallel: { dp: 4, dpLocal: 2, tp: 4, ep: true }
  env: { HCCL_CONNECT_TIMEOUT: "${hcclTimeout}" }
serve: { served-model-name: deepseek_r1, max-model-len: 8192 }
`;

describe('multi-node deploy', { skip: root ? false : 'needs root (network namespaces)' }, () => {
  let c: SimCluster;
  let home: string;
  let pool: ConnectionPool;
  let contexts: RunContext[];
  before(async () => {
    c = await startSimCluster({ nodes: 2, profile: '910b3', latency: { startupMs: 1500, handshakeTimeoutMs: 4000 } });
    home = mkdtempSync(join(tmpdir(), 'multinode-deploy-home-'));
    for (const n of c.nodes) writeSandboxSsh(home, n);
    mkdirSync(MODEL, { recursive: true });
    writeFileSync(join(MODEL, 'config.json'), JSON.stringify({ architectures: ['DeepseekV3ForCausalLM'], max_position_embeddings: 163840, num_attention_heads: 128, n_routed_experts: 256 }));
    pool = new ConnectionPool({ connect: hostConnector({ home, localUser: userInfo().username }, {}), initialDelayMs: 100, maxDelayMs: 500 });
    contexts = c.nodes.map((n) => ({
      alias: n.alias, shell: new SshHostShell(n.alias, () => pool.get(n.alias)),
      paths: { ascendPrefix: n.ascendPrefix, devPrefix: n.devPrefix, etcPrefix: n.etcPrefix, usrLocalPrefix: n.usrLocalPrefix },
      log: () => undefined, pollMs: 200, healthTimeoutMs: 30000, reconnectTimeoutMs: 30000,
    }));
  });
  after(async () => {
    pool?.dispose();
    await c?.stop();
    rmSync(MODEL, { recursive: true, force: true });
    if (home) rmSync(home, { recursive: true, force: true });
  });

  test('DP4/TP4/EP over two nodes becomes healthy; the record on each node lists both; Stop stops both', async () => {
    const out = await runMultiNodeDeploy(contexts, parseDescriptor(descriptorText(c, 'r1', 20)));
    assert.equal(out.status, 'succeeded', `${out.message}\n${(out.lastLogLines ?? []).join('\n')}`);
    assert.match(out.message, /healthy on 2 nodes and serves deepseek_r1/);
    const [a, b] = c.nodes;
    assert.equal(await state(a, 'ascend-llm-r1'), 'running');
    assert.equal(await state(b, 'ascend-llm-r1'), 'running');
    assert.match(await sh(b, 'docker logs ascend-llm-r1'), new RegExp(`Launching 2 data parallel engine\\(s\\) in headless mode, with head node address tcp://${a.host.replace(/\./g, '\\.')}:13389\\.`));
    for (const [i, n] of c.nodes.entries()) {
      const rec = JSON.parse(await sh(n, 'cat ~/.ascend-llm/deployments/r1.json')) as { nodes: string[]; role: string; host: string; status: string };
      assert.deepEqual(rec.nodes, c.nodes.map((x) => x.alias));
      assert.equal(rec.role, i === 0 ? 'head' : 'headless');
      assert.equal(rec.host, n.alias);
      assert.equal(rec.status, 'running');
    }
    await runMultiNodeStop(contexts, 'r1');
    assert.equal(await state(a, 'ascend-llm-r1'), 'exited');
    assert.equal(await state(b, 'ascend-llm-r1'), 'exited');
    assert.match(await sh(b, 'cat ~/.ascend-llm/deployments/r1.json'), /"status": "stopped"/);
    for (const n of c.nodes) await sh(n, 'docker rm -f ascend-llm-r1');
  });

  test('cutting node 2\'s link mid-deploy rolls back both nodes and brings the previous deployment back on both', async () => {
    const first = await runMultiNodeDeploy(contexts, parseDescriptor(descriptorText(c, 'r1b', 20)));
    assert.equal(first.status, 'succeeded', first.message);
    const [a, b] = c.nodes;
    // Redeploy (HCCL gives up after 3 s); once node 2's new container runs, its cable is pulled until the head has failed.
    const redeploy = runMultiNodeDeploy(contexts, parseDescriptor(descriptorText(c, 'r1b', 3)));
    const end = Date.now() + 20000;
    while (!/running/.test(await state(b, 'ascend-llm-r1b')) || !/exited/.test(await state(b, 'ascend-llm-r1b-previous'))) {
      if (Date.now() > end) assert.fail('node 2 never started the new container');
      await new Promise((r) => setTimeout(r, 100));
    }
    c.cutLink(1, true);
    const plug = setTimeout(() => c.cutLink(1, false), 8000);
    const out = await redeploy;
    clearTimeout(plug);
    c.cutLink(1, false);
    assert.equal(out.status, 'failed', out.message);
    if (process.env.MULTINODE_DEBUG) console.error(out.message, out.diagnosis.map((m) => m.id));
    assert.equal(out.rolledBack, true, out.message);
    assert.match(out.message, /previous deployment was restored on every node/);
    assert.ok(out.diagnosis.some((m) => m.id === 'hccl-timeout' || m.id === 'engine-core-init'), JSON.stringify(out.diagnosis.map((m) => m.id)));
    // Both nodes: the old containers run again under their name, no new one is left.
    for (const n of [a, b]) {
      assert.equal(await state(n, 'ascend-llm-r1b'), 'running');
      assert.match(await state(n, 'ascend-llm-r1b-previous'), /No such/);
    }
    await runMultiNodeStop(contexts, 'r1b');
    for (const n of c.nodes) await sh(n, 'docker rm -f ascend-llm-r1b');
  });

  test('the CLI: deploy and stop --descriptor work over both nodes', async () => {
    const file = join(home, 'ascend-deploy.yaml');
    writeFileSync(file, descriptorText(c, 'r1cli', 20));
    const env: NodeJS.ProcessEnv = {
      HOME: home, USER: userInfo().username, PATH: process.env.PATH,
      ASCEND_LLM_HOSTS: JSON.stringify(Object.fromEntries(c.nodes.map((n) => [n.alias, { ascendPrefix: n.ascendPrefix, devPrefix: n.devPrefix, etcPrefix: n.etcPrefix, usrLocalPrefix: n.usrLocalPrefix }]))),
    };
    // The validator gate first: a dp that the nodes' dpLocal do not add up to is refused before any node changes.
    writeFileSync(file, descriptorText(c, 'r1cli', 20).replace('dp: 4,', 'dp: 6,'));
    const refused = collectingIo(env, home);
    assert.equal(await deploy.run(['--descriptor', file], refused), 1, refused.err + refused.out);
    assert.match(refused.err, /ASC200/);
    for (const n of c.nodes) assert.match(await state(n, 'ascend-llm-r1cli'), /No such/);
    writeFileSync(file, descriptorText(c, 'r1cli', 20));
    const io = collectingIo(env, home);
    assert.equal(await deploy.run(['--descriptor', file], io), 0, io.err + io.out);
    assert.match(io.out, /healthy on 2 nodes/);
    for (const n of c.nodes) assert.equal(await state(n, 'ascend-llm-r1cli'), 'running');
    // logs: both nodes' lines, each with its node in front.
    const lio = collectingIo(env, home);
    assert.equal(await logs.run(['--descriptor', file, '--tail', '50'], lio), 0, lio.err);
    assert.match(lio.out, new RegExp(`^\\[${c.nodes[1].alias}\\] .*Launching 2 data parallel engine\\(s\\) in headless mode`, 'm'));
    assert.match(lio.out, new RegExp(`^\\[${c.nodes[0].alias}\\] `, 'm'));
    const io2 = collectingIo(env, home);
    assert.equal(await stop.run(['--descriptor', file], io2), 0, io2.err);
    assert.match(io2.out, /stopped on 2 nodes/);
    for (const n of c.nodes) assert.equal(await state(n, 'ascend-llm-r1cli'), 'exited');
    for (const n of c.nodes) await sh(n, 'docker rm -f ascend-llm-r1cli');
  });
});
