/** `ascend.checkHost` / `ascend-llm check-host`: runs the read-only probes over SSH, then the pure analysis. */
import type { DeployDescriptor } from '../../descriptor/types';
import { analyzeHostOutputs, type HostReport } from './analyze-host';
import { hostProbes } from './probes';
import type { Probe, ProbeId, ProbeOutputs } from './types';
import { readDeployment } from '../host/deployment-read';
import { run, throwIfCancelled, withHostPaths } from '../host/remote-io';
import type { RunContext } from '../host/run-context';

/** Probes in flight at once on the shared connection (sshd's MaxSessions defaults to 10). */
const PARALLEL = 6;

export async function runProbes(ctx: RunContext, probes: readonly Probe[]): Promise<ProbeOutputs> {
  const out: ProbeOutputs = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < probes.length) {
      throwIfCancelled(ctx);
      const p = probes[next++];
      try {
        const r = await run(ctx, p.argv);
        out[p.id] = { stdout: r.stdout, stderr: r.stderr, exitCode: r.code };
      } catch (e) {
        out[p.id] = { stdout: '', stderr: (e as Error).message, exitCode: null };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, probes.length) }, worker));
  throwIfCancelled(ctx);
  return out;
}

export async function runCheckHost(given: RunContext, descriptor?: DeployDescriptor, only?: readonly ProbeId[]): Promise<HostReport> {
  await given.shell.ready(); // connection errors (host key refused, auth failed) end the check; probe errors are findings
  const ctx = await withHostPaths(given); // `ascendPrefix: ~/Ascend` means the host user's home
  const all = hostProbes(ctx.paths, descriptor);
  const probes = only ? all.filter((p) => only.includes(p.id)) : all;
  const [outputs, deployment] = await Promise.all([
    runProbes(ctx, probes),
    descriptor ? readDeployment(ctx, descriptor.name) : Promise.resolve(undefined),
  ]);
  return analyzeHostOutputs(outputs, { paths: ctx.paths, descriptor, deployment: deployment?.status === 'running' ? deployment : undefined });
}
