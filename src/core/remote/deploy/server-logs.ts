/** `ascend.showLogs` / `ascend-llm logs`: the recorded container's logs, streamed to ctx.onOutput. */
import { t } from '../../l10n/index';
import { CancelledError } from '../../host-command/host-errors';
import { logsArgv } from './rollback';
import { readDeployment } from '../host/deployment-read';
import { reconcileDeployment } from './deploy-reconcile';
import { run } from '../host/remote-io';
import type { RunContext } from '../host/run-context';

export async function followServerLogs(ctx: RunContext, name: string, opts: { follow: boolean; tail?: number }): Promise<void> {
  // An interrupted deploy is settled first, so the logs are those of the container that serves; reading logs
  // never waits for a deploy running elsewhere.
  const settled = await reconcileDeployment(ctx, name);
  if (settled.state === 'live') ctx.log('warn', settled.message ?? '');
  const record = await readDeployment(ctx, name);
  if (!record) throw new Error(t('No deployment named {0} is recorded on {1}.', name, ctx.alias));
  const emit = (d: Buffer): void => ctx.onOutput?.(d.toString('utf8'));
  try {
    const r = await run(ctx, logsArgv(record.container, opts), { onStdout: emit, onStderr: emit, collect: false, signal: ctx.signal });
    if (r.code !== 0) throw new Error(t('docker logs {0} failed (exit {1}).', record.container, String(r.code)));
  } catch (e) {
    if (e instanceof CancelledError) return; // Ctrl+C / closing the terminal ends following
    throw e;
  }
}
