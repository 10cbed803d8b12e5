/**
 * Deploy and stop across the nodes of a multi-node descriptor (`target.hosts`), on vLLM's own data-parallel launch
 * (docs/multi-node.md §2-3): every node is prepared in parallel (its NPU map, its address and NIC, the image, the
 * previous deployment), the head and headless containers of planMultiNode() are started, and the deploy is gated on
 * the head's /health and /v1/models. All or nothing: when any node fails (or the head never becomes healthy), every
 * node's new container is removed and the previous deployment, where there was one, is brought back on every node.
 * Each node keeps its own record (so Stop, Logs and the Jobs view work per node), listing every node of the
 * deployment. A node that drops off mid-deploy is waited for (as for one host) before its rollback is given up.
 */
import { t } from '../../l10n/index';
import type { DeployDescriptor } from '../../descriptor/types';
import { deploymentRecordPath, type DeploymentRecord } from '../../deployment/record';
import { requireValid } from '../../host-command/validate-input';
import { parseNpuSmiMapping } from '../../npu/index';
import { diagnoseLog, distinctCauses } from '../diagnose/index';
import { parseInterfaces, parseSshAddress } from '../check/cluster-probes';
import { seriesOf } from '../check/cluster-check-run';
import { readDeployment } from '../host/deployment-read';
import { run, withHostPaths, writeHostFile } from '../host/remote-io';
import { isTransientLinkError, reconnectTimeoutMs } from '../host/reconnect';
import type { DeployOutcome, RunContext } from '../host/run-context';
import { waitHealthy } from './health-gate';
import { planMultiNode, type MultiNodeHost, type NodePlan } from './multi-node-argv';
import { serveCommand } from './serve-args';
import { runStop } from './deploy-run';
import { runGate, type DeployGate } from './deploy-gate';
import { refuseHostile } from '../host/descriptor-input';

interface Prepared {
  ctx: RunContext;
  host: MultiNodeHost;
  previous?: DeploymentRecord;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function must(ctx: RunContext, argv: string[], what: string): Promise<string> {
  const r = await run(ctx, argv);
  if (r.code !== 0) throw new Error(t('{0} on {1} failed: {2}', what, ctx.alias, (r.stderr || r.stdout).trim().split('\n').pop() ?? ''));
  return r.stdout;
}

/** Runs argv, waiting out a dropped link (up to the reconnect timeout), for the steps that must happen anyway. */
async function persist(ctx: RunContext, argv: string[]): Promise<boolean> {
  const end = Date.now() + reconnectTimeoutMs(ctx);
  for (;;) {
    try {
      const r = await ctx.shell.exec(argv);
      return r.code === 0;
    } catch (e) {
      if (!isTransientLinkError(e) || Date.now() > end) return false;
      await sleep(Math.min(ctx.pollMs ?? 500, 1000));
    }
  }
}

async function prepare(given: RunContext, d: DeployDescriptor): Promise<Prepared> {
  const ctx = await withHostPaths(given);
  await ctx.shell.ready();
  const [map, conn, ifs, previous] = await Promise.all([
    must(ctx, ['npu-smi', 'info', '-m'], 'npu-smi info -m'),
    must(ctx, ['printenv', 'SSH_CONNECTION'], t('Reading the node address')),
    must(ctx, ['ip', '-o', '-4', 'addr', 'show'], 'ip addr'),
    readDeployment(ctx, d.name),
  ]);
  const address = parseSshAddress(conn);
  const nic = [...parseInterfaces(ifs)].find(([, ips]) => address !== undefined && ips.includes(address))?.[0];
  if (!address || !nic) throw new Error(t('{0}: no network interface holds the address SSH reached ({1}); HCCL and vLLM need it.', ctx.alias, address ?? '?'));
  const mapping = parseNpuSmiMapping(map);
  const npus = d.runtime.npus ?? [...new Set(mapping.filter((m) => m.logicId !== null).map((m) => m.npuId))];
  const inspect = await run(ctx, ['docker', 'image', 'inspect', '--format', '{{.Id}}', requireValid('imageTag', d.image.tag)]);
  if (inspect.code !== 0) {
    ctx.log('info', t('{0}: pulling {1}', ctx.alias, d.image.tag));
    await must(ctx, ['docker', 'pull', d.image.tag], 'docker pull');
  }
  return { ctx, host: { alias: ctx.alias, address, nic, npus, mapping, paths: ctx.paths }, previous: previous?.status === 'running' ? previous : undefined };
}

function recordFor(d: DeployDescriptor, plan: NodePlan, p: Prepared, all: Prepared[], port: number, served: string): DeploymentRecord {
  return {
    name: d.name, host: p.ctx.alias, container: plan.containerName, image: d.image.tag, modelId: d.model.id, servedModelName: served,
    hostPort: port, containerPort: port, npus: p.host.npus, startedAt: new Date().toISOString(), status: 'running',
    publishAddress: p.host.address, runArgv: plan.argv, nodes: all.map((x) => x.ctx.alias), role: plan.role,
  };
}

/** `contexts[i]` reaches `d.target.hosts[i]`; the first is the head. */
export async function runMultiNodeDeploy(contexts: RunContext[], d: DeployDescriptor, opts: { gate?: DeployGate } = {}): Promise<DeployOutcome> {
  refuseHostile(d);
  // The validator's errors (ASC200-ASC205 among them) stop the deploy before any node changes, as for one host.
  if (opts.gate) runGate(d, opts.gate, (m) => contexts[0]?.log('warn', m));
  const par = d.runtime.parallel;
  if (!par || !d.target.hosts || contexts.length !== d.target.hosts.length) throw new Error(t('A multi-node deploy needs target.hosts and runtime.parallel in the descriptor.'));
  // The plan passes no secret environment yet: a server meant to need a key must not come up without one.
  if (serveCommand(d.serve, '/models/x', { quantized: false }).secretEnv.length > 0) {
    throw new Error(t('serve.api-key is not supported on a multi-node deploy yet: the nodes would serve without the key. Remove it, or deploy on one host.'));
  }
  const head = contexts[0];
  const settled = await Promise.allSettled(contexts.map((c) => prepare(c, d)));
  const failedPrep = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failedPrep) return { status: 'failed', diagnosis: [], message: t('Deploy failed before any node changed: {0}', (failedPrep.reason as Error).message) };
  const nodes = settled.map((s) => (s as PromiseFulfilledResult<Prepared>).value);
  const model = d.quantization?.outputPath ?? d.model.hostPath;
  if (!model) throw new Error(t('model.hostPath is needed: every node reads the weights from the same path.'));
  const plans = planMultiNode({
    name: d.name, image: d.image.tag, series: seriesOf(d), hosts: nodes.map((n) => n.host),
    parallel: { dp: par.dp, dpLocal: par.dpLocal ?? Math.floor(par.dp / nodes.length), tp: par.tp, ep: par.ep },
    modelHostPath: model, quantized: d.quantization !== undefined, serve: d.serve, env: d.runtime.env, shmSize: d.runtime.shmSize,
  });
  const { containerPort: port, servedModelName: served } = serveCommand(d.serve, '/models/x', { quantized: false });
  const keep = `${plans[0].containerName}-previous`;
  const hadOld = nodes.some((n) => n.previous);
  let started = false;
  try {
    // The previous deployment frees its NPUs and ports but stays, renamed, until the new one is healthy.
    await Promise.all(nodes.map(async (n) => {
      await run(n.ctx, ['docker', 'rm', '-f', keep]);
      if (n.previous) {
        await must(n.ctx, ['docker', 'stop', n.previous.container], 'docker stop');
        await must(n.ctx, ['docker', 'rename', n.previous.container, keep], 'docker rename');
      } else {
        await run(n.ctx, ['docker', 'rm', '-f', plans[0].containerName]);
      }
    }));
    started = true;
    await Promise.all(plans.map((p, i) => must(nodes[i].ctx, p.argv, t('Starting the {0} container', p.role))));
    head.log('info', t('Started {0} containers; waiting for {1} to be healthy.', String(plans.length), plans[0].containerName));
    const bad = await waitHealthy(nodes[0].ctx, { container: plans[0].containerName, hostPort: port, servedModelName: served });
    if (bad !== undefined) throw new Error(bad);
    const records = plans.map((p, i) => recordFor(d, p, nodes[i], nodes, port, served));
    await Promise.all(nodes.map(async (n, i) => {
      await writeHostFile(n.ctx, deploymentRecordPath(d.name), `${JSON.stringify(records[i], null, 2)}\n`);
      await run(n.ctx, ['docker', 'rm', '-f', keep]);
    }));
    return { status: 'succeeded', diagnosis: [], record: records[0], message: t('{0} is healthy on {1} nodes and serves {2} on {3}:{4}.', plans[0].containerName, String(nodes.length), served, nodes[0].host.address, String(port)) };
  } catch (e) {
    const why = (e as Error).message;
    const logs = started ? await run(nodes[0].ctx, ['docker', 'logs', '--tail', '60', plans[0].containerName]).catch(() => undefined) : undefined;
    const lastLogLines = `${logs?.stdout ?? ''}${logs?.stderr ?? ''}`.split('\n').filter(Boolean).slice(-60);
    // Roll back on every node, whatever state it is in; a node out of reach is waited for.
    const restored = await Promise.all(nodes.map(async (n) => {
      if (started) await persist(n.ctx, ['docker', 'rm', '-f', plans[0].containerName]);
      if (!n.previous) return true;
      return (await persist(n.ctx, ['docker', 'rename', keep, n.previous.container])) && (await persist(n.ctx, ['docker', 'start', n.previous.container]));
    }));
    const allBack = restored.every(Boolean);
    const tail = hadOld ? (allBack ? t('The previous deployment was restored on every node.') : t('The previous deployment could NOT be restored on every node.')) : t('Nothing was left running on any node.');
    return {
      status: 'failed', diagnosis: distinctCauses(diagnoseLog(lastLogLines.join('\n'))), lastLogLines, rolledBack: hadOld && allBack,
      record: nodes[0].previous, message: `${t('Deploy failed: {0}', why)} ${tail}`,
    };
  }
}

/** Stops the deployment on every node (each node's record is marked stopped). */
export async function runMultiNodeStop(contexts: RunContext[], name: string): Promise<void> {
  const results = await Promise.allSettled(contexts.map((c) => runStop(c, name)));
  const failed = results.map((r, i) => (r.status === 'rejected' ? `${contexts[i].alias}: ${(r.reason as Error).message}` : '')).filter(Boolean);
  if (failed.length) throw new Error(failed.join('\n'));
}
