/** `ascend-llm build --descriptor FILE [--json] [--context DIR]`: the image onto the host. */
import { resolve } from 'node:path';
import { t } from '../../core/l10n/index';
import { runBuild } from '../../core/remote/index';
import { remoteUsageFooter } from '../remote-args';
import { descriptorCommand, reportOutcome, withHashCache } from '../remote-context';
import { progressLines } from '../progress-lines';
import type { CliCommand } from '../types';

function usage(): string {
  return [
    t('Usage: ascend-llm build --descriptor FILE [--json] [--context DIR] [--allow-upload] [--ascend-prefix DIR] [--dev-prefix DIR]'),
    t('The first upload of local files to a host needs --allow-upload (then remembered for that host in ~/.config/ascend-llm/upload-consent.json); without it nothing is uploaded (exit 3). The Dockerfile, tarball and context must be inside the descriptor\'s folder.'),
    t('With image.dockerfile: syncs the build context (default: the Dockerfile folder) to the host over SFTP, incrementally and respecting .dockerignore, then runs docker build as a detached job. With image.base only: docker pull (ASCEND_LLM_IMAGES_MIRROR sets a mirror). An image already present is not built again.'),
    t('With image.tarball (hosts that cannot pull): uploads that docker save archive over SFTP (skipped when unchanged) and runs docker load, then checks image.tag. Progress goes to stderr.'),
    remoteUsageFooter(),
  ].join('\n');
}

export const command: CliCommand = {
  name: 'build',
  summary: () => t('Build or pull the image on the host.'),
  usage,
  run: descriptorCommand(usage, ['json', 'context', 'allow-upload'], async ({ io, a, descriptor, dir, session }) => {
    const outcome = await withHashCache(io, () => runBuild(session.ctx, descriptor, {
      descriptorDir: dir, contextDir: a.context ? resolve(io.cwd, a.context) : undefined, onProgress: progressLines(io),
    }));
    return reportOutcome(io, outcome, a.json);
  }),
};
