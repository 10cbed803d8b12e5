/** `ascend-llm stop --descriptor FILE [--json]`: stops the recorded deployment. */
import { t } from '../../core/l10n/index';
import { runStop } from '../../core/remote/runner/index';
import { parseRemoteArgs, remoteUsageFooter } from '../remote-args';
import { guarded, openRemote, readDescriptorFile, type RemoteIO } from '../remote-context';
import { ExitCode, type CliCommand } from '../types';

function usage(): string {
  return [
    t('Usage: ascend-llm stop --descriptor FILE [--json] [--ascend-prefix DIR] [--dev-prefix DIR]'),
    t('Stops the container of the recorded deployment named by the descriptor and marks its record stopped.'),
    remoteUsageFooter(),
  ].join('\n');
}

export const command: CliCommand = {
  name: 'stop',
  summary: () => t('Stop the deployment on the host.'),
  usage,
  run: (args, io: RemoteIO) => guarded(io, usage, async () => {
    const a = parseRemoteArgs(args, ['descriptor', 'json', 'ascend-prefix', 'dev-prefix'], ['descriptor']);
    const { descriptor } = await readDescriptorFile(io, a.descriptor as string);
    const session = openRemote(io, a, descriptor.target.host);
    try {
      await runStop(session.ctx, descriptor.name);
      const message = t('Deployment {0} stopped.', descriptor.name);
      io.stdout(a.json ? `${JSON.stringify({ status: 'succeeded', message })}\n` : `${message}\n`);
      return ExitCode.ok;
    } finally {
      session.close();
    }
  }),
};
