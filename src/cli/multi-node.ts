/**
 * The CLI side of a multi-node descriptor (`target.hosts`): one session per node (the head's is the one the
 * command already opened), and `deploy`, `stop` and `check-host --descriptor` over all of them.
 */
import { t } from '../core/l10n/index';
import type { DeployDescriptor } from '../core/descriptor/index';
import { followMultiNodeLogs, runClusterCheck, runMultiNodeDeploy, runMultiNodeStop, type ClusterReport, type DeployGate } from '../core/remote/index';
import type { RemoteArgs } from './remote-args';
import { openRemote, reportOutcome, type RemoteIO, type RemoteSession } from './remote-context';
import { ExitCode } from './types';

/** Sessions to every node, the head first; `head`, when given, is reused for the first host. */
export async function withNodes<T>(io: RemoteIO, a: RemoteArgs, d: DeployDescriptor, head: RemoteSession | undefined, fn: (s: RemoteSession[]) => Promise<T>): Promise<T> {
  const hosts = d.target.hosts ?? [d.target.host];
  const opened = hosts.slice(head ? 1 : 0).map((h) => openRemote(io, a, h));
  try {
    return await fn(head ? [head, ...opened] : opened);
  } finally {
    for (const s of opened) s.close();
  }
}

export async function deployNodes(io: RemoteIO, a: RemoteArgs, d: DeployDescriptor, head: RemoteSession, gate: DeployGate): Promise<number> {
  return withNodes(io, a, d, head, async (s) => reportOutcome(io, await runMultiNodeDeploy(s.map((x) => x.ctx), d, { gate }), a.json));
}

export async function stopNodes(io: RemoteIO, a: RemoteArgs, d: DeployDescriptor, head: RemoteSession): Promise<number> {
  await withNodes(io, a, d, head, (s) => runMultiNodeStop(s.map((x) => x.ctx), d.name));
  const message = t('Deployment {0} stopped on {1} nodes.', d.name, String(d.target.hosts?.length ?? 1));
  io.stdout(a.json ? `${JSON.stringify({ status: 'succeeded', message })}\n` : `${message}\n`);
  return ExitCode.ok;
}

const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const;

export async function checkNodes(io: RemoteIO, a: RemoteArgs, d: DeployDescriptor): Promise<number> {
  const report: ClusterReport = await withNodes(io, a, d, undefined, (s) => runClusterCheck(s.map((x) => x.ctx), d));
  if (a.json) {
    io.stdout(`${JSON.stringify({ hosts: d.target.hosts, status: report.status, nodes: report.nodes.map((n) => ({ host: n.alias, status: n.report.status, findings: n.report.findings })), cluster: report.cluster }, null, 2)}\n`);
  } else {
    const print = (prefix: string, f: ClusterReport['cluster'][number]): void => {
      io.stdout(`[${MARK[f.status]}] ${prefix}${f.title}: ${f.detail}\n`);
      if (f.fix && f.status !== 'pass') io.stdout(`       ${t('Fix: {0}', f.fix)}\n`);
    };
    for (const n of report.nodes) for (const f of n.report.findings) print(`${n.alias}: `, f);
    for (const f of report.cluster) print('', f);
    io.stdout(`${t('Overall: {0}', MARK[report.status])}\n`);
  }
  return report.status === 'fail' ? ExitCode.findings : ExitCode.ok;
}

export async function logsNodes(io: RemoteIO, a: RemoteArgs, d: DeployDescriptor, head: RemoteSession): Promise<number> {
  await withNodes(io, a, d, head, (s) => followMultiNodeLogs(s.map((x) => x.ctx), d.name, { follow: a.follow, tail: a.tail }));
  return ExitCode.ok;
}
