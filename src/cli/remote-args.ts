/**
 * Argument parsing shared by the remote subcommands (check-host, fetch-model, build, quantize, deploy, stop,
 * logs). Pure: argv in, options or a usage error out.
 */
import { t } from '../core/l10n/index';

export interface RemoteArgs {
  host?: string;
  descriptor?: string;
  json: boolean;
  follow: boolean;
  tail?: number;
  context?: string;
  allowDowntime: boolean;
  /** deploy: past the validator's errors. */
  force: boolean;
  /** fetch-model / build: consent to upload local files to this host (remembered per host). */
  allowUpload: boolean;
  ascendPrefix?: string;
  devPrefix?: string;
}

export type FlagName = 'host' | 'descriptor' | 'json' | 'follow' | 'tail' | 'context' | 'allow-downtime' | 'force' | 'allow-upload' | 'ascend-prefix' | 'dev-prefix';

const VALUE_FLAGS = new Set<FlagName>(['host', 'descriptor', 'tail', 'context', 'ascend-prefix', 'dev-prefix']);

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses `--flag value`, `--flag=value` and boolean flags; only the flags in `allowed` are accepted. */
export function parseRemoteArgs(args: readonly string[], allowed: readonly FlagName[], required: readonly FlagName[] = []): RemoteArgs {
  const out: RemoteArgs = { json: false, follow: false, allowDowntime: false, force: false, allowUpload: false };
  const seen = new Set<FlagName>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) throw new UsageError(t('Unexpected argument {0}.', JSON.stringify(a)));
    const eq = a.indexOf('=');
    const name = (eq >= 0 ? a.slice(2, eq) : a.slice(2)) as FlagName;
    if (!allowed.includes(name)) throw new UsageError(t('Unknown option {0}.', a.slice(0, eq >= 0 ? eq : undefined)));
    seen.add(name);
    let value: string | undefined;
    if (VALUE_FLAGS.has(name)) {
      value = eq >= 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') throw new UsageError(t('Option --{0} needs a value.', name));
    } else if (eq >= 0) {
      throw new UsageError(t('Option --{0} takes no value.', name));
    }
    switch (name) {
      case 'host': out.host = value; break;
      case 'descriptor': out.descriptor = value; break;
      case 'json': out.json = true; break;
      case 'follow': out.follow = true; break;
      case 'allow-downtime': out.allowDowntime = true; break;
      case 'force': out.force = true; break;
      case 'allow-upload': out.allowUpload = true; break;
      case 'context': out.context = value; break;
      case 'ascend-prefix': out.ascendPrefix = value; break;
      case 'dev-prefix': out.devPrefix = value; break;
      case 'tail': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) throw new UsageError(t('Option --tail needs a whole number.'));
        out.tail = n;
        break;
      }
    }
  }
  for (const r of required) if (!seen.has(r)) throw new UsageError(t('Option --{0} is required.', r));
  for (const p of [out.ascendPrefix, out.devPrefix]) {
    if (p !== undefined && !p.startsWith('/') && p !== '~' && !p.startsWith('~/')) throw new UsageError(t('Prefixes must be absolute paths or start with ~/ (the host user\'s home): {0}', p));
  }
  return out;
}

/** Usage lines every remote subcommand shares (host facts, exit codes). */
export function remoteUsageFooter(): string {
  return [
    t('Host facts: --ascend-prefix DIR and --dev-prefix DIR (default /usr/local/Ascend and /dev), or the environment variable ASCEND_LLM_HOSTS holding JSON like the ascend.hosts setting, e.g. {"kunpeng-01": {"ascendPrefix": "/usr/local/Ascend", "devPrefix": "/dev"}}.'),
    t('Hosts come from ~/.ssh/config (HOME). Authentication: ssh-agent (SSH_AUTH_SOCK) and IdentityFile only; never prompts. An unknown host key is refused (its SHA256 fingerprint printed) unless StrictHostKeyChecking is accept-new.'),
    t('The host local (--host local, target.host: local) is this machine: commands run here directly, without SSH.'),
    t('Exit codes: 0 ok, 1 findings or a failed job, 2 usage error, 3 refused (host key, hostile input), 130 cancelled.'),
  ].join('\n');
}
