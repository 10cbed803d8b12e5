/**
 * Glue for the pool: alias -> ~/.ssh/config -> authenticated connection. The extension and the CLI each
 * build one with their own HOME, agent socket, secrets and prompts (the CLI passes no prompts).
 */
import { connectHost, type ConnectOptions, type SshConnection } from './connect';
import { resolveHost, resolveTarget, type ResolveOptions, type ResolvedHost } from './host-config';

export function hostConnector(resolveOpts: ResolveOptions, connectOpts: ConnectOptions): (alias: string) => Promise<SshConnection> {
  const resolve = (alias: string): ResolvedHost => resolveHost(alias, resolveOpts);
  // The target must be a concrete alias of the config; its ProxyJump hops may be addresses.
  return async (alias) => connectHost(resolveTarget(alias, resolveOpts), { resolveHop: resolve, ...connectOpts });
}
