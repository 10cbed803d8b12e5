/** `ascend-llm deploy --descriptor FILE [--json] [--allow-downtime] [--force]`: health-gated deploy with rollback. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { t } from '../../core/l10n/index';
import { runDeploy } from '../../core/remote/index';
import { remoteUsageFooter } from '../remote-args';
import { descriptorCommand, reportOutcome } from '../remote-context';
import { deployNodes } from '../multi-node';
import { ExitCode, type CliCommand } from '../types';

function usage(): string {
  return [
    t('Usage: ascend-llm deploy --descriptor FILE [--json] [--allow-downtime] [--force] [--ascend-prefix DIR] [--dev-prefix DIR]'),
    t('Starts the vLLM server of the descriptor with docker run, waits for /health and /v1/models, and records the deployment. A failure restores the previous deployment. When too few NPUs are free to run both, the old server must stop first: pass --allow-downtime to accept that (the CLI never prompts).'),
    t('Before anything runs, the descriptor and its serve config are validated for the target version (as ascend-llm validate does); errors stop the deploy (exit 1) and are listed. --force deploys all the same.'),
    remoteUsageFooter(),
  ].join('\n');
}

export const command: CliCommand = {
  name: 'deploy',
  summary: () => t('Deploy the vLLM server on the host (health-gated, with rollback).'),
  usage,
  run: descriptorCommand(usage, ['json', 'allow-downtime', 'force'], async ({ io, a, descriptor, session }) => {
    const gate = {
      descriptorFile: resolve(io.cwd, a.descriptor as string),
      read: (p: string) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } },
      force: a.force,
    };
    if (descriptor.target.hosts) return deployNodes(io, a, descriptor, session, gate);
    let refusedDowntime = false;
    const outcome = await runDeploy(session.ctx, descriptor, {
      confirmDowntime: async (text) => {
        io.stderr(`${text}\n`);
        if (!a.allowDowntime) {
          refusedDowntime = true;
          io.stderr(`${t('Not deploying: pass --allow-downtime to accept the downtime.')}\n`);
        }
        return a.allowDowntime;
      },
      gate,
    });
    const code = reportOutcome(io, outcome, a.json);
    return refusedDowntime ? ExitCode.findings : code;
  }),
};
