/**
 * What ~/.ssh/config may and may not make us do for a target host (docs/deploy-safety.md):
 * - the target must be a concrete alias of the user's config: a name written on a `Host` line (no wildcard,
 *   not negated), not an address and not a name that only `Host *` matches. A workspace descriptor names its
 *   target, so without this rule it could send the user's default key (and uploads) to any address;
 * - `ProxyCommand` is refused with a message: we never run commands found in config files, and going direct
 *   instead would bypass the route the user set up (a bastion, a VPN helper).
 */
import { isIP } from 'node:net';
import { t } from '../l10n/index';
import { listHostAliases } from './host-aliases';
import type { ConfigFileCache } from './config-include';
import type { ConfigValues } from './config-eval';

/** A target or config the connection refuses before any network traffic. */
export class ConfigRefusedError extends Error {
  constructor(readonly alias: string, readonly reason: 'not-an-alias' | 'proxy-command', message: string) {
    super(message);
    this.name = 'ConfigRefusedError';
  }
}

/** Throws unless `alias` is written, as such, on a Host line of the config (or a file it Includes). */
export function requireConcreteAlias(alias: string, opts: { home: string; configPath?: string; cache?: ConfigFileCache }): void {
  const address = isIP(alias.replace(/^\[|\]$/g, '')) !== 0 || /[@:/\s]/.test(alias);
  if (address || !listHostAliases(opts).includes(alias)) {
    throw new ConfigRefusedError(alias, 'not-an-alias', address
      ? t('{0} is an address, not a Host alias of ~/.ssh/config. Add a Host block for it (HostName, User, IdentityFile) and name that alias as the target.', JSON.stringify(alias))
      : t('{0} is not a Host alias of ~/.ssh/config (a name only matched by a wildcard such as "Host *" does not count). Add a Host block for it and name that alias as the target.', JSON.stringify(alias)));
  }
}

/** Throws when the evaluated config for `alias` sets a ProxyCommand (other than `none`). */
export function refuseProxyCommand(alias: string, values: ConfigValues): void {
  const cmd = values.get('proxycommand');
  if (cmd && cmd.join(' ').trim().toLowerCase() !== 'none') {
    throw new ConfigRefusedError(alias, 'proxy-command', t('~/.ssh/config sets ProxyCommand for {0}; this extension does not run commands from ssh config, and will not connect directly instead. Use ProxyJump for a bastion host, or remove the ProxyCommand.', alias));
  }
}
