/**
 * The deploy's health gate, through the shell's forward to the published loopback port (an SSH local forward, or
 * the port itself on a local host): GET /health until it answers 200, then GET /v1/models until it lists the served
 * name. Fails early when the container exits. When the gate fails, deploy-run.ts undoes the steps
 * (deploy-steps.ts): the new container's last log lines are kept and diagnosed, the container removed, and the
 * previous server restored (rollback.ts).
 */
import { request } from 'node:http';
import { t } from '../../l10n/index';
import { authHeaders, HEALTH_PATHS, modelsListServed } from './health-paths';
import { run } from '../host/remote-io';
import type { RunContext } from '../host/run-context';
import { CancelledError } from '../../host-command/host-errors';
import { reconnectTimeoutMs } from '../host/reconnect';

export const DEFAULT_HEALTH_TIMEOUT_MS = 15 * 60 * 1000;

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', timeout: 5000, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** The container's docker state; 'removed' when it no longer exists; undefined when the host did not answer. */
async function containerState(ctx: RunContext, container: string): Promise<string | undefined> {
  const r = await run(ctx, ['docker', 'inspect', '--type', 'container', '--format', '{{.State.Status}}', container]).catch(() => undefined);
  if (r?.code === 0) return r.stdout.trim();
  if (r && r.code !== null && /No such (?:object|container)/i.test(r.stderr)) return 'removed';
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves undefined when healthy, else a localized reason. Throws CancelledError on ctx.signal.
 * The deadline only fails the wait while the host answers: when it passes during an outage, the wait goes on
 * (up to ctx.reconnectTimeoutMs more) so the verdict, and any rollback, is made with the host in reach.
 */
export async function waitHealthy(ctx: RunContext, w: { container: string; hostPort: number; servedModelName: string; apiKey?: string }): Promise<string | undefined> {
  const timeoutMs = ctx.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const giveUp = deadline + reconnectTimeoutMs(ctx);
  // /health through the open forward is cheap, so it is asked every 250 ms (the server is seen healthy within a
  // quarter second, test/bench/remote/deploy-overhead.bench.ts); the container's state costs a remote command and
  // is read every 2 s, to fail early when it exited.
  const interval = Math.min(ctx.pollMs ?? 250, 1000);
  const inspectEveryMs = 2000;
  let inspectedAt = 0;
  const fwd = await ctx.shell.forward(w.hostPort);
  try {
    let stage = 0;
    let reachable = true;
    for (;;) {
      if (ctx.signal?.aborted) throw new CancelledError();
      try {
        const r = await get(fwd.localPort, HEALTH_PATHS[stage], stage === 1 ? authHeaders(w.apiKey) : {});
        if (r.status === 200 && stage === 0) {
          stage = 1;
          continue; // ask /v1/models right away
        }
        if (r.status === 200 && modelsListServed(r.body, w.servedModelName)) return undefined;
        // A server restored from its record keeps its key in its env file only: vLLM's 401 shows it serves.
        if (r.status === 401 && !w.apiKey) return undefined;
      } catch {
        // not listening yet, or the host is out of reach
      }
      const late = Date.now() > deadline;
      if (late || Date.now() - inspectedAt >= inspectEveryMs) {
        inspectedAt = Date.now();
        const state = await containerState(ctx, w.container);
        reachable = state !== undefined;
        if (state !== undefined && state !== 'running' && state !== 'created' && state !== 'restarting') {
          return t('Container {0} stopped ({1}) before it was healthy.', w.container, state);
        }
      }
      if (late && (reachable || Date.now() > giveUp)) return t('{0} was not healthy within {1} s.', w.container, Math.round(timeoutMs / 1000));
      await sleep(interval);
    }
  } finally {
    fwd.close();
  }
}
