/** `ascend-llm logs --descriptor FILE [--follow] [--tail N]`: the deployed server's logs. */
import { t } from '../../core/l10n/index';
import { followServerLogs } from '../../core/remote/index';
import { remoteUsageFooter } from '../remote-args';
import { descriptorCommand } from '../remote-context';
import { logsNodes } from '../multi-node';
import { ExitCode, type CliCommand } from '../types';

function usage(): string {
  return [
    t('Usage: ascend-llm logs --descriptor FILE [--follow] [--tail N] [--ascend-prefix DIR] [--dev-prefix DIR]'),
    t('Prints the logs of the recorded deployment container (the last 200 lines unless --tail says otherwise); --follow keeps streaming until interrupted.'),
    remoteUsageFooter(),
  ].join('\n');
}

export const command: CliCommand = {
  name: 'logs',
  summary: () => t('Show the deployed server logs.'),
  usage,
  run: descriptorCommand(usage, ['follow', 'tail'], async ({ io, a, descriptor, session }) => {
    if (descriptor.target.hosts) return logsNodes(io, a, descriptor, session);
    await followServerLogs(session.ctx, descriptor.name, { follow: a.follow, tail: a.tail });
    return ExitCode.ok;
  }),
};
