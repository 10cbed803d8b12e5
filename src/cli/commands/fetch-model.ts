/** `ascend-llm fetch-model --descriptor FILE [--json]`: the weights onto the host (skipped when complete). */
import { t } from '../../core/l10n/index';
import { runFetchModel } from '../../core/remote/index';
import { remoteUsageFooter } from '../remote-args';
import { descriptorCommand, reportOutcome, withHashCache } from '../remote-context';
import { progressLines } from '../progress-lines';
import type { CliCommand } from '../types';

function usage(): string {
  return [
    t('Usage: ascend-llm fetch-model --descriptor FILE [--json] [--allow-upload] [--ascend-prefix DIR] [--dev-prefix DIR]'),
    t('With model.source: upload, the first upload to a host needs --allow-upload (then remembered for that host); model.hostPath must lie below model.uploadRoot (default ~/models) on the host, outside dot-folders, and model.localPath inside the descriptor\'s folder.'),
    t('Downloads model.id into model.hostPath on the host as a detached job (ModelScope or Hugging Face; ASCEND_LLM_MODELS_MIRROR sets a mirror), and verifies config.json and the safetensors index. Complete weights are not downloaded again.'),
    t('With model.source: upload, sends the local folder model.localPath (relative to the descriptor) to model.hostPath over SFTP instead, incrementally by content hash; progress goes to stderr.'),
    remoteUsageFooter(),
  ].join('\n');
}

export const command: CliCommand = {
  name: 'fetch-model',
  summary: () => t('Download the model weights onto the host.'),
  usage,
  run: descriptorCommand(usage, ['json', 'allow-upload'], async ({ io, a, descriptor, dir, session }) =>
    reportOutcome(io, await withHashCache(io, () => runFetchModel(session.ctx, descriptor, { descriptorDir: dir, onProgress: progressLines(io) })), a.json)),
};
