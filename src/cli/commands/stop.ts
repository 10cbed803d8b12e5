/** `ascend-llm stop --descriptor FILE [--json]`: stops the recorded deployment. */
import { t } from '../../core/l10n/index';
import { runStop } from '../../core/remote/index';
import { remoteUsageFooter } from '../remote-args';
import { descriptorCommand } from '../remote-context';
import { stopNodes } from '../multi-node';
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
  run: descriptorCommand(usage, ['json'], async ({ io, a, descriptor, session }) => {
    if (descriptor.target.hosts) return stopNodes(io, a, descriptor, session);
    await runStop(session.ctx, descriptor.name);
    const message = t('Deployment {0} stopped.', descriptor.name);
    io.stdout(a.json ? `${JSON.stringify({ status: 'succeeded', message })}\n` : `${message}\n`);
    return ExitCode.ok;
  }),
};
