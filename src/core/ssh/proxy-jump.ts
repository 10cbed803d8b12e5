/**
 * ProxyJump values: `none`, or a comma-separated list of `[user@]host[:port]` or `ssh://[user@]host[:port]`
 * hops, connected in order (the first hop is reached directly, each next one through the previous).
 */
export interface JumpHop {
  /** The host as written: an alias that is itself resolved through ~/.ssh/config, or a plain host name. */
  host: string;
  user?: string;
  port?: number;
}

export function parseProxyJump(value: string | undefined): JumpHop[] {
  if (value === undefined || value.toLowerCase() === 'none' || value.trim() === '') return [];
  return value.split(',').map((raw) => parseHop(raw.trim()));
}

function parseHop(raw: string): JumpHop {
  let s = raw.replace(/^ssh:\/\//, '');
  let user: string | undefined;
  const at = s.lastIndexOf('@');
  if (at >= 0) {
    user = s.slice(0, at);
    s = s.slice(at + 1);
  }
  let port: number | undefined;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (bracket) {
    s = bracket[1];
    port = bracket[2] ? Number(bracket[2]) : undefined;
  } else {
    const colon = /^([^:]+):(\d+)$/.exec(s);
    if (colon) {
      s = colon[1];
      port = Number(colon[2]);
    }
  }
  return { host: s, user: user || undefined, port };
}
