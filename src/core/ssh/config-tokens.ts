/**
 * Expansions that the `ssh-config` package leaves to us: a leading `~` and the `%` tokens of ssh_config(5)
 * ("TOKENS"). Nothing here reads the environment or the real home folder: every value comes from the caller.
 */

/** Values for the `%` tokens. Missing ones are left as written. */
export interface TokenValues {
  /** %h: the remote host name (after HostName). */
  host?: string;
  /** %n: the original alias as typed. */
  alias?: string;
  /** %p: the remote port. */
  port?: number;
  /** %r: the remote user name. */
  remoteUser?: string;
  /** %u: the local user name. */
  localUser?: string;
  /** %d: the local home folder. */
  home?: string;
  /** %l: the local host name without domain; %L: the full local host name. */
  localHostShort?: string;
  localHost?: string;
  /** %i: the local user id. */
  uid?: number;
}

/** Replaces a leading `~` or `~/` with `home`. (`~otheruser` is left alone: we never look up other users.) */
export function expandTilde(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return `${home.replace(/\/+$/, '')}${path.slice(1)}`;
  return path;
}

/**
 * Expands `%%`, `%h`, `%n`, `%p`, `%r`, `%u`, `%d`, `%l`, `%L`, `%i`. Unknown tokens (e.g. `%C`, a hash of the
 * connection we do not compute) and tokens without a value stay as they are.
 */
export function expandTokens(text: string, v: TokenValues): string {
  return text.replace(/%(.)/g, (whole, c: string) => {
    let out: string | number | undefined;
    switch (c) {
      case '%': return '%';
      case 'h': out = v.host; break;
      case 'n': out = v.alias; break;
      case 'p': out = v.port; break;
      case 'r': out = v.remoteUser; break;
      case 'u': out = v.localUser; break;
      case 'd': out = v.home; break;
      case 'l': out = v.localHostShort; break;
      case 'L': out = v.localHost; break;
      case 'i': out = v.uid; break;
      default: out = undefined;
    }
    return out === undefined ? whole : String(out);
  });
}

/** A path from the config (IdentityFile, UserKnownHostsFile, IdentityAgent): `~` first, then tokens, as ssh does. */
export function expandConfigPath(path: string, v: TokenValues & { home: string }): string {
  return expandTokens(expandTilde(path, v.home), v);
}
