/** `ascend-llm fetch-model --descriptor FILE [--json]`: the weights onto the host (skipped when complete). */
import { t } from '../../core/l10n/index';
import { runFetchModel } from '../../core/remote/runner/index';
import { parseRemoteArgs, remoteUsageFooter } from '../remote-args';
import { guarded, openRemote, readDescriptorFile, reportOutcome, type RemoteIO } from '../remote-context';
import type { CliCommand } from '../types';

function usage(): string {
  return [
    t('Usage: ascend-llm fetch-model --descriptor FILE [--json] [--ascend-prefix DIR] [--dev-prefix DIR]'),
    t('Downloads model.id into model.hostPath on the host as a detached job (ModelScope or Hugging Face; ASCEND_LLM_MODELS_MIRROR sets a mirror), and verifies config.json and the safetensors index. Complete weights are not downloaded again.'),
    remoteUsageFooter(),
  ].join('\n');
}

export const command: CliCommand = {
  name: 'fetch-model',
  summary: () => t('Download the model weights onto the host.'),
  usage,
  run: (args, io: RemoteIO) => guarded(io, usage, async () => {
    const a = parseRemoteArgs(args, ['descriptor', 'json', 'ascend-prefix', 'dev-prefix'], ['descriptor']);
    const { descriptor } = await readDescriptorFile(io, a.descriptor as string);
    const session = openRemote(io, a, descriptor.target.host);
    try {
      return reportOutcome(io, await runFetchModel(session.ctx, descriptor), a.json);
    } finally {
      session.close();
    }
  }),
};
