// The simulated multi-node cluster: real sshd per node in its own namespace on one bridge, hccn_tool with the
// real output formats, and the simulated vLLM's multi-node data-parallel launch and its failures
// (docs/multi-node.md). Root only (namespaces, bridge); skipped otherwise.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { startSimCluster, type SimCluster } from './cluster.js';
import { sshRun } from './ssh-run.js';
import type { SimHost } from './index.js';
import { planMultiNode } from '../../src/core/remote/deploy/multi-node-argv';
import { parseNpuSmiMapping } from '../../src/core/npu/index';
import { shellQuote } from '../../src/core/host-command/quote';

const root = process.getuid?.() === 0;
const IMAGE = 'quay.io/ascend/vllm-ascend:v0.23.0';
const sh = (n: SimHost, cmd: string): Promise<string> => sshRun(n, cmd).then((r) => r.stdout + r.stderr);

function health(host: string, port: number): Promise<number> {
  return new Promise((res) => {
    const req = request({ host, port, path: '/health', timeout: 1000 }, (r) => { r.resume(); res(r.statusCode ?? 0); });
    req.on('error', () => res(0));
    req.on('timeout', () => { req.destroy(); res(0); });
    req.end();
  });
}

async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  let v = await fn();
  while (!ok(v)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${String(v)}`);
    await new Promise((r) => setTimeout(r, 200));
    v = await fn();
  }
  return v;
}

/** The tutorial's DP4 / TP4 / EP layout on two A2 nodes (docs/multi-node.md §3), shortened for the simulation. */
function serveArgv(c: SimCluster, i: number, rpcPort: number, hcclTimeoutS = 2): string {
  const n = c.nodes[i];
  const flags = ['--port', '8000', '--data-parallel-size', '4', '--data-parallel-size-local', '2',
    '--data-parallel-address', c.nodes[0].host, '--data-parallel-rpc-port', String(rpcPort), '--tensor-parallel-size', '4',
    '--enable-expert-parallel', '--served-model-name', 'deepseek_r1', ...(i > 0 ? ['--headless', '--data-parallel-start-rank', String(2 * i)] : [])];
  return ['docker', 'run', '-d', '--name', `dp${rpcPort}`, '--net=host', '--privileged=true',
    '-v', `${n.ascendPrefix}/driver/lib64/:/usr/local/Ascend/driver/lib64/`, '-v', `${n.home}/models:/models`,
    '-e', `HCCL_CONNECT_TIMEOUT=${hcclTimeoutS}`, IMAGE, 'vllm', 'serve', '/models/r1', ...flags].join(' ');
}

const status = (n: SimHost, name: string): Promise<string> => sh(n, `docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' ${name}`).then((s) => s.trim());

describe('simulated cluster', { skip: root ? false : 'needs root (network namespaces)' }, () => {
  let c: SimCluster;
  let rpc = 13389;
  before(async () => {
    c = await startSimCluster({ nodes: 2, profile: '910b3', latency: { startupMs: 600, handshakeTimeoutMs: 1500 } });
    for (const n of c.nodes) {
      mkdirSync(join(n.home, 'models', 'r1'), { recursive: true });
      writeFileSync(join(n.home, 'models', 'r1', 'config.json'), JSON.stringify({ architectures: ['DeepseekV3ForCausalLM'], max_position_embeddings: 163840, num_attention_heads: 128, n_routed_experts: 256 }));
    }
  });
  after(async () => { await c?.stop(); });

  test('every node is its own sshd on its own bridge address, and the nodes reach each other', async () => {
    assert.notEqual(c.nodes[0].host, c.nodes[1].host);
    assert.match(c.bridge, /simhost/);
    for (const n of c.nodes) {
      assert.equal(n.port, 22);
      assert.match(n.netns!.name, /^simhost-/);
      const ips = await sh(n, 'ip -o -4 addr show');
      assert.match(ips, new RegExp(` ${n.host.replace(/\./g, '\\.')}/24`));
    }
    // Node 1 reaches node 0's sshd over the bridge (a real TCP connection between the namespaces).
    assert.match(await sh(c.nodes[1], `exec 3<>/dev/tcp/${c.nodes[0].host}/22 && head -c 7 <&3`), /^SSH-2.0/);
  });

  test('hccn_tool prints the real formats; per-NPU state is set through control; pings cross nodes', async () => {
    const [a, b] = c.nodes;
    assert.equal(await sh(a, 'hccn_tool -i 0 -link -g'), 'link status: UP\n');
    assert.equal(await sh(a, 'hccn_tool -i 0 -net_health -g'), 'net health status: Success\n');
    assert.match(await sh(a, 'hccn_tool -i 3 -tls -g | grep switch'), /^dev_id:3, tls switch\[0\]\(0:disable, 1:enable\), tls preconfigured\[1\]\(0:non-preset, 1:preset\), tls alarm time threshold\[60\]days\n$/);
    const ipB = /^ipaddr:(\S+)\nnetmask:255\.255\.0\.0\n$/.exec(await sh(b, 'hccn_tool -i 5 -ip -g'))?.[1];
    assert.ok(ipB, 'node 1 NPU 5 has an address');
    assert.notEqual(ipB, /^ipaddr:(\S+)/.exec(await sh(a, 'hccn_tool -i 5 -ip -g'))?.[1]);
    // The driver's own path works too (the tutorials mount it into containers).
    assert.equal(await sh(a, `${a.ascendPrefix}/driver/tools/hccn_tool -i 1 -link -g`), 'link status: UP\n');
    const ok = await sh(a, `hccn_tool -i 0 -ping -g address ${ipB}`);
    assert.match(ok, new RegExp(`^device 0 PING ${ipB}\\nrecv seq=0,time=[\\d.]+ms\\nrecv seq=1,time=[\\d.]+ms\\nrecv seq=2,time=[\\d.]+ms\\n3 packets transmitted, 3 received, 0\\.00% packet loss\\n$`));

    b.control.setNpuNet(5, { link: 'DOWN' });
    b.control.setNpuNet(2, { tls: 1 });
    assert.equal(await sh(b, 'hccn_tool -i 5 -link -g'), 'link status: DOWN\n');
    assert.equal(await sh(b, 'hccn_tool -i 5 -net_health -g'), 'net health status: Fault\n');
    assert.match(await sh(b, 'hccn_tool -i 2 -tls -g'), /tls switch\[1\]/);
    assert.match(await sh(a, `hccn_tool -i 0 -ping -g address ${ipB}`), /recv time out seq=0\n.*\n.*\n3 packets transmitted, 0 received, 100\.00% packet loss\n$/);
    assert.match(await sh(a, 'hccn_tool -i 0 -ping -g address 192.168.250.250'), /0 received/);
    b.control.resetNpuNet();
    assert.equal(await sh(b, 'hccn_tool -i 5 -link -g'), 'link status: UP\n');
    // A2 has no vNIC / HCCS ping (A3 checks); an NPU id out of range is refused.
    assert.notEqual((await sshRun(a, 'hccn_tool -i 0 -vnic -g')).code, 0);
    assert.notEqual((await sshRun(a, 'hccn_tool -i 8 -link -g')).code, 0);
  });

  test('DP4/TP4 over two nodes: the head waits for the headless node\'s ranks and becomes healthy', async () => {
    rpc++;
    const [a, b] = c.nodes;
    assert.match(await sh(a, serveArgv(c, 0, rpc, 20)), /^[0-9a-f]{64}\n$/);
    // The head alone does not serve: it is waiting for ranks 2 and 3.
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(await health(a.host, 8000), 0);
    await sh(b, serveArgv(c, 1, rpc, 20));
    await until('head /health', () => health(a.host, 8000), (s) => s === 200, 15000);
    assert.match(await sh(b, `docker logs dp${rpc}`), new RegExp(`Launching 2 data parallel engine\\(s\\) in headless mode, with head node address tcp://${a.host.replace(/\./g, '\\.')}:${rpc}\\.`));
    assert.equal(await status(b, `dp${rpc}`), 'running 0');
    assert.doesNotMatch(await sh(a, `docker logs dp${rpc}`), /ERROR/);
    await sh(a, `docker rm -f dp${rpc}`);
    await sh(b, `docker rm -f dp${rpc}`);
  });

  test('the multi-node planner\'s argv, quoted with shellQuote, deploys on the cluster: one head, one headless node', async () => {
    const hosts = await Promise.all(c.nodes.map(async (n) => ({
      alias: n.alias, address: n.host, nic: n.netns!.nsSide, npus: [0, 1, 2, 3, 4, 5, 6, 7],
      mapping: parseNpuSmiMapping(await sh(n, 'npu-smi info -m')),
      paths: { ascendPrefix: n.ascendPrefix, devPrefix: n.devPrefix, etcPrefix: n.etcPrefix, usrLocalPrefix: n.usrLocalPrefix },
    })));
    // Every node keeps the model at the same path (as the tutorial asks: a shared directory).
    const plans = planMultiNode({
      name: 'planned', image: IMAGE, series: 'A2', hosts, parallel: { dp: 4, dpLocal: 2, tp: 4, ep: true }, modelHostPath: '/tmp/simhost-shared-r1',
      serve: { 'served-model-name': 'deepseek_r1' }, hcclConnectTimeout: 20, rpcPort: 14389,
    });
    mkdirSync('/tmp/simhost-shared-r1', { recursive: true });
    writeFileSync('/tmp/simhost-shared-r1/config.json', JSON.stringify({ architectures: ['DeepseekV3ForCausalLM'], max_position_embeddings: 163840, num_attention_heads: 128 }));
    try {
      for (const [i, p] of plans.entries()) {
        const r = await sshRun(c.nodes[i], shellQuote(p.argv));
        assert.equal(r.code, 0, r.stderr);
      }
      await until('head /health', () => health(c.nodes[0].host, 8000), (s) => s === 200, 20000);
      assert.match(await sh(c.nodes[1], 'docker logs ascend-llm-planned'), /Launching 2 data parallel engine\(s\) in headless mode/);
      // The interface variables name each node's own address and NIC, as the container sees them.
      assert.match(await sh(c.nodes[1], 'docker inspect ascend-llm-planned'), new RegExp(`HCCL_IF_IP=${c.nodes[1].host.replace(/\./g, '\\.')}`));
      // hccn_tool is mounted at its driver path, as the tutorials do.
      assert.equal(await sh(c.nodes[1], 'docker exec ascend-llm-planned /usr/local/Ascend/driver/tools/hccn_tool -i 0 -link -g'), 'link status: UP\n');
    } finally {
      for (const n of c.nodes) await sh(n, 'docker rm -f ascend-llm-planned');
      rmSync('/tmp/simhost-shared-r1', { recursive: true, force: true });
    }
  });

  test('a head missing a rank fails after HCCL_CONNECT_TIMEOUT with the real HCCL texts', async () => {
    rpc++;
    const [a] = c.nodes;
    await sh(a, serveArgv(c, 0, rpc));
    await until('head exit', () => status(a, `dp${rpc}`), (s) => s.startsWith('exited'), 15000);
    assert.equal(await status(a, `dp${rpc}`), 'exited 1');
    const logs = await sh(a, `docker logs dp${rpc}`);
    assert.match(logs, /\[hccl_socket_manager\.cc:778\] \[\d+\]\[Wait\]\[LinkEstablish\]wait socket establish timeout, role\[0\] rank\[0\] timeout\[2\]/);
    assert.match(logs, /rank\[4\] timeout\[2\]/); // DP rank 1 × TP 4
    assert.match(logs, /Get_Socket_Timeout\(EI0006\): Getting socket times out\. Reason: 1\. The remote does not initiate a connect request\./);
    assert.match(logs, /RuntimeError: Engine core initialization failed\. See root cause above\. Failed core proc\(s\): \{'EngineCore_DP0': 1, 'EngineCore_DP1': 1\}\n$/);
    await sh(a, `docker rm -f dp${rpc}`);
  });

  test('a node whose NPU link is down makes both nodes fail the same way; the headless one exits 0 as vLLM does', async () => {
    rpc++;
    const [a, b] = c.nodes;
    b.control.setNpuNet('all', { link: 'DOWN' });
    try {
      await sh(a, serveArgv(c, 0, rpc));
      await sh(b, serveArgv(c, 1, rpc));
      await until('both exit', async () => [await status(a, `dp${rpc}`), await status(b, `dp${rpc}`)].join(','), (s) => !s.includes('running'), 20000);
      assert.equal(await status(a, `dp${rpc}`), 'exited 1');
      assert.equal(await status(b, `dp${rpc}`), 'exited 0');
      const lb = await sh(b, `docker logs dp${rpc} 2>&1`);
      assert.match(lb, /wait socket establish timeout, role\[1\] rank\[8\] timeout\[2\]/);
      assert.match(lb, /EI0006/);
      assert.match(lb, /Shutting down\.\n$/);
      assert.match(await sh(a, `docker logs dp${rpc}`), /EI0006/);
    } finally {
      b.control.resetNpuNet();
      await sh(a, `docker rm -f dp${rpc}`);
      await sh(b, `docker rm -f dp${rpc}`);
    }
  });

  test('a TLS switch differing between nodes fails the HCCL link setup', async () => {
    rpc++;
    const [a, b] = c.nodes;
    b.control.setNpuNet('all', { tls: 1 });
    try {
      await sh(a, serveArgv(c, 0, rpc));
      await sh(b, serveArgv(c, 1, rpc));
      await until('head exit', () => status(a, `dp${rpc}`), (s) => s.startsWith('exited'), 20000);
      assert.match(await sh(a, `docker logs dp${rpc}`), /TLS configurations are inconsistent/);
    } finally {
      b.control.resetNpuNet();
      await sh(a, `docker rm -f dp${rpc}`);
      await sh(b, `docker rm -f dp${rpc}`);
    }
  });

  test('a headless node that cannot reach the head gives up after the handshake timeout', async () => {
    rpc++;
    const [, b] = c.nodes;
    await sh(b, serveArgv(c, 1, rpc)); // no head listening on that port
    await until('headless exit', () => status(b, `dp${rpc}`), (s) => s.startsWith('exited'), 15000);
    const lb = await sh(b, `docker logs dp${rpc}`);
    assert.match(lb, /RuntimeError: Did not receive response from front-end process within 5 minutes/);
    assert.doesNotMatch(lb, /Loading weights/);
    await sh(b, `docker rm -f dp${rpc}`);
  });

  test('cutting node 1\'s cable during startup fails the head after HCCL_CONNECT_TIMEOUT', async () => {
    rpc++;
    const [a, b] = c.nodes;
    await sh(a, serveArgv(c, 0, rpc));
    await sh(b, serveArgv(c, 1, rpc));
    c.cutLink(1, true);
    try {
      await until('head exit', () => status(a, `dp${rpc}`), (s) => s.startsWith('exited'), 20000);
      assert.equal(await status(a, `dp${rpc}`), 'exited 1');
      assert.match(await sh(a, `docker logs dp${rpc}`), /wait socket establish timeout, role\[0\]/);
    } finally {
      c.cutLink(1, false);
      await sh(a, `docker rm -f dp${rpc}`);
      await sh(b, `docker rm -f dp${rpc}`);
    }
  });
});

describe('simulated A3 cluster', { skip: root ? false : 'needs root (network namespaces)' }, () => {
  let c: SimCluster;
  before(async () => { c = await startSimCluster({ nodes: 2, profile: 'a3', latency: { startupMs: 400 } }); });
  after(async () => { await c?.stop(); });

  test('the planner\'s A3 form (DP2 / TP16, 16 dies per node) becomes healthy; HCCS ping crosses nodes by vNIC address', async () => {
    const [a, b] = c.nodes;
    const vnicB = /^ipaddr:(\S+)/.exec(await sh(b, 'hccn_tool -i 9 -vnic -g'))?.[1];
    assert.match(await sh(a, `hccn_tool -i 0 -hccs_ping -g address ${vnicB}`), /3 received, 0\.00% packet loss/);
    const hosts = await Promise.all(c.nodes.map(async (n) => ({
      alias: n.alias, address: n.host, nic: n.netns!.nsSide, npus: [0, 1, 2, 3, 4, 5, 6, 7], mapping: parseNpuSmiMapping(await sh(n, 'npu-smi info -m')),
      paths: { ascendPrefix: n.ascendPrefix, devPrefix: n.devPrefix, etcPrefix: n.etcPrefix, usrLocalPrefix: n.usrLocalPrefix },
    })));
    mkdirSync(join(a.home, 'v32'), { recursive: true });
    writeFileSync(join(a.home, 'v32', 'config.json'), JSON.stringify({ architectures: ['DeepseekV32ForCausalLM'], max_position_embeddings: 163840, num_attention_heads: 128 }));
    const plans = planMultiNode({ name: 'v32', image: IMAGE, series: 'A3', hosts, parallel: { dp: 2, dpLocal: 1, tp: 16, ep: true }, modelHostPath: `${a.home}/v32`, rpcPort: 12890, hcclConnectTimeout: 20 });
    // The nodes share this machine's file system, so node 1's folder is at the same path on node 2 (a shared directory).
    assert.equal(plans[0].devices.length, 16);
    try {
      for (const [i, p] of plans.entries()) assert.equal((await sshRun(c.nodes[i], shellQuote(p.argv))).code, 0);
      await until('head /health', () => health(a.host, 8000), (s) => s === 200, 20000);
      assert.match(await sh(b, 'docker logs ascend-llm-v32'), /Launching 1 data parallel engine\(s\) in headless mode/);
    } finally {
      for (const n of c.nodes) await sh(n, 'docker rm -f ascend-llm-v32');
    }
  });
});
