/** `ascend-llm quantize --descriptor FILE [--json]`: msModelSlim on the host (W4A16 on dense models refused). */
import { t } from '../../core/l10n/index';
import { runQuantize } from '../../core/remote/index';
import { remoteUsageFooter } from '../remote-args';
import { descriptorCommand, reportOutcome } from '../remote-context';
import type { CliCommand } from '../types';

function usage(): string {
  return [
    t('Usage: ascend-llm quantize --descriptor FILE [--json] [--ascend-prefix DIR] [--dev-prefix DIR]'),
    t('Runs msmodelslim quant on the host as a detached job, with the scheme of quantization.scheme, and verifies quant_model_description.json. W4A16 is refused for dense models before anything runs; verified output already in place is kept.'),
    remoteUsageFooter(),
  ].join('\n');
}

export const command: CliCommand = {
  name: 'quantize',
  summary: () => t('Quantize the model on the host with msModelSlim.'),
  usage,
  run: descriptorCommand(usage, ['json'], async ({ io, a, descriptor, session }) =>
    reportOutcome(io, await runQuantize(session.ctx, descriptor), a.json)),
};
