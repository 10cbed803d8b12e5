/** `ascend-llm check-host --host ALIAS [--json]`: the host check report; exit 1 when any finding fails. */
import { t } from '../../core/l10n/index';
import { runCheckHost } from '../../core/remote/index';
import { parseRemoteArgs, remoteUsageFooter, UsageError } from '../remote-args';
import { guarded, openRemote, readDescriptorFile, type RemoteIO } from '../remote-context';
import { checkNodes } from '../multi-node';

import { ExitCode, type CliCommand } from '../types';

function usage(): string {
  return [
    t('Usage: ascend-llm check-host --host ALIAS [--json] [--ascend-prefix DIR] [--dev-prefix DIR]'),
    t('       ascend-llm check-host --descriptor FILE [--json]: every node of a multi-node descriptor (target.hosts), plus the cross-node HCCL checks (hccn_tool link, health, TLS, NPU pings, interfaces, rpc port, same image and model).'),
    t('Checks a Kunpeng + Ascend host: arch, OS, driver/firmware/CANN versions, npu-smi health, device nodes, docker, hugepages, NUMA, disk, HBM and temperatures. Each finding is pass, warn or fail, with its fix.'),
    remoteUsageFooter(),
  ].join('\n');
}

const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const;

export const command: CliCommand = {
  name: 'check-host',
  summary: () => t('Check a host for vLLM on Ascend (findings with fixes).'),
  usage,
  run: (args, io: RemoteIO) => guarded(io, usage, async () => {
    const a = parseRemoteArgs(args, ['host', 'descriptor', 'json', 'ascend-prefix', 'dev-prefix']);
    const multi = a.descriptor ? (await readDescriptorFile(io, a.descriptor)).descriptor : undefined;
    if (multi?.target.hosts) return checkNodes(io, a, multi);
    const host = a.host ?? multi?.target.host;
    if (!host) throw new UsageError(t('Give --host ALIAS or --descriptor FILE.'));
    const session = openRemote(io, a, host);
    try {
      const report = await runCheckHost(session.ctx, multi);
      if (a.json) {
        io.stdout(`${JSON.stringify({ host, status: report.status, summary: report.summary, findings: report.findings }, null, 2)}\n`);
      } else {
        for (const f of report.findings) {
          io.stdout(`[${MARK[f.status]}] ${f.title}: ${f.detail}\n`);
          if (f.fix && f.status !== 'pass') io.stdout(`       ${t('Fix: {0}', f.fix)}\n`);
        }
        io.stdout(`${t('Overall: {0}', MARK[report.status])}\n`);
      }
      return report.status === 'fail' ? ExitCode.findings : ExitCode.ok;
    } finally {
      session.close();
    }
  }),
};
