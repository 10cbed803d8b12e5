/**
 * Where a sync (build context, model folder, image tarball) puts files on the host: the shell's HostFiles
 * (SFTP when the server offers it, else plain commands with the bytes streamed to stdin; this machine's files
 * for a local host). Every file lands under a temporary name and is renamed into place once complete, so a
 * cancelled or broken upload never leaves a truncated file under its real name (a half shard would otherwise
 * pass the folder check, which looks at names).
 */
import { t } from '../../l10n/index';
import type { HostFiles } from '../../host-command/host-shell';
import type { RunContext } from '../host/run-context';

export { partName, type PutOptions } from '../../host-command/host-shell';
export type ContextStore = HostFiles;

export function openContextStore(ctx: RunContext): Promise<ContextStore> {
  return ctx.shell.files((why) => ctx.log('warn', t('SFTP is not available on {0} ({1}); uploading through plain SSH commands instead.', ctx.alias, why)));
}
