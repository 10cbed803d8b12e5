/**
 * What we need to connect to one host alias from ~/.ssh/config, with ssh's defaults filled in and paths
 * expanded. HOME and the local user always come from the caller (tests and the extension run with a sandbox
 * HOME), never from os.homedir().
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigFileCache } from './config-include';
import { evaluateConfig, type ConfigValues } from './config-eval';
import { expandConfigPath, expandTokens, type TokenValues } from './config-tokens';
import { parseProxyJump, type JumpHop } from './proxy-jump';
import { refuseProxyCommand, requireConcreteAlias } from './config-target';

export type StrictHostKeyChecking = 'yes' | 'no' | 'accept-new' | 'ask';

export interface ResolvedHost {
  alias: string;
  hostName: string;
  port: number;
  user: string;
  /** IdentityFile paths, expanded, in order (ssh's defaults when none is configured). */
  identityFiles: string[];
  /** True when IdentityFile came from the config (ssh then also skips missing defaults). */
  identityFilesConfigured: boolean;
  identitiesOnly: boolean;
  /** IdentityAgent: a socket path, or 'none'; undefined means SSH_AUTH_SOCK. */
  identityAgent?: string;
  proxyJump: JumpHop[];
  userKnownHostsFiles: string[];
  globalKnownHostsFiles: string[];
  strictHostKeyChecking: StrictHostKeyChecking;
  hashKnownHosts: boolean;
  /** HostKeyAlias: the name to look up in known_hosts instead of hostName. */
  hostKeyAlias?: string;
  passwordAuthentication: boolean;
  kbdInteractiveAuthentication: boolean;
  pubkeyAuthentication: boolean;
  connectTimeoutSec?: number;
  serverAliveIntervalSec: number;
  serverAliveCountMax: number;
}

export interface ResolveOptions {
  home: string;
  localUser: string;
  /** Defaults to <home>/.ssh/config. */
  configPath?: string;
  localHost?: string;
  uid?: number;
  cache?: ConfigFileCache;
}

/** ssh's default identities (OpenSSH 9.2 readconf.c / ssh.c), tried when no IdentityFile is configured. */
export const DEFAULT_IDENTITY_FILES = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'];

export function resolveHost(alias: string, opts: ResolveOptions): ResolvedHost {
  const configPath = opts.configPath ?? join(opts.home, '.ssh', 'config');
  const v = evaluateConfig({ alias, localUser: opts.localUser, home: opts.home, configPath, cache: opts.cache });
  refuseProxyCommand(alias, v);
  const first = (k: string): string | undefined => v.get(k)?.[0];

  const rawHostName = first('hostname');
  const hostName = rawHostName ? expandTokens(rawHostName, { host: alias }) : alias;
  const port = parsePort(first('port')) ?? 22;
  const user = first('user') ?? opts.localUser;
  const tokens: TokenValues & { home: string } = {
    host: hostName, alias, port, remoteUser: user, localUser: opts.localUser, home: opts.home,
    localHost: opts.localHost, localHostShort: opts.localHost?.split('.')[0], uid: opts.uid,
  };
  const paths = (list: string[]): string[] => [...new Set(list.map((p) => expandConfigPath(p, tokens)))];

  const configured = v.get('identityfile') ?? [];
  const identityFiles = configured.length > 0
    ? paths(configured)
    : DEFAULT_IDENTITY_FILES.map((f) => join(opts.home, '.ssh', f)).filter((p) => existsSync(p));
  const agent = first('identityagent');

  return {
    alias,
    hostName,
    port,
    user,
    identityFiles,
    identityFilesConfigured: configured.length > 0,
    identitiesOnly: yes(first('identitiesonly'), false),
    identityAgent: agent === undefined || agent === 'SSH_AUTH_SOCK' ? undefined : agent === 'none' ? 'none' : expandConfigPath(agent, tokens),
    proxyJump: parseProxyJump(first('proxyjump')),
    userKnownHostsFiles: paths(v.get('userknownhostsfile') ?? ['~/.ssh/known_hosts', '~/.ssh/known_hosts2']),
    globalKnownHostsFiles: paths(v.get('globalknownhostsfile') ?? ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2']),
    strictHostKeyChecking: strictMode(first('stricthostkeychecking')),
    hashKnownHosts: yes(first('hashknownhosts'), false),
    hostKeyAlias: first('hostkeyalias'),
    passwordAuthentication: yes(first('passwordauthentication'), true),
    kbdInteractiveAuthentication: yes(first('kbdinteractiveauthentication') ?? first('challengeresponseauthentication'), true),
    pubkeyAuthentication: yes(first('pubkeyauthentication'), true),
    connectTimeoutSec: parsePort(first('connecttimeout')),
    serverAliveIntervalSec: Number(first('serveraliveinterval') ?? 0) || 0,
    serverAliveCountMax: Number(first('serveralivecountmax') ?? 3) || 3,
  };
}

/**
 * The host a command targets (not a ProxyJump hop, which may be an address): it must be a concrete alias of the
 * config (config-target.ts); then as resolveHost. Throws ConfigRefusedError.
 */
export function resolveTarget(alias: string, opts: ResolveOptions): ResolvedHost {
  requireConcreteAlias(alias, { home: opts.home, configPath: opts.configPath, cache: opts.cache });
  return resolveHost(alias, opts);
}

/** Values as evaluated, for callers that need a directive not modelled above. */
export function configValues(alias: string, opts: ResolveOptions): ConfigValues {
  return evaluateConfig({ alias, localUser: opts.localUser, home: opts.home, configPath: opts.configPath ?? join(opts.home, '.ssh', 'config'), cache: opts.cache });
}

function parsePort(s: string | undefined): number | undefined {
  if (s === undefined || !/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n > 0 && n < 65536 ? n : undefined;
}

function yes(s: string | undefined, dflt: boolean): boolean {
  if (s === undefined) return dflt;
  return ['yes', 'true'].includes(s.toLowerCase());
}

/** ssh_config(5): yes, no/off, accept-new, ask (the default). */
export function strictMode(s: string | undefined): StrictHostKeyChecking {
  switch (s?.toLowerCase()) {
    case 'yes': case 'true': return 'yes';
    case 'no': case 'off': case 'false': return 'no';
    case 'accept-new': return 'accept-new';
    default: return 'ask';
  }
}
