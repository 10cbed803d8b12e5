/**
 * Shared set-up of the remote subcommands: HOME/env → `local` (this machine, no SSH) or ~/.ssh/config → one pooled connection with
 * non-interactive auth (agent + IdentityFile, no prompts; StrictHostKeyChecking honoured, so an unknown key is
 * refused with its SHA256 fingerprint unless accept-new), the host facts (flags or ASCEND_LLM_HOSTS), the
 * descriptor, and the mapping of errors to exit codes (docs/contracts.md §3).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { t } from '../core/l10n/index';
import { DescriptorError, LocalPathRefusedError, loadDescriptor, type DeployDescriptor } from '../core/descriptor/index';
import { PlanError } from '../core/host-command/plan-error';
import { parse as parseYaml } from 'yaml';
import { refuseHostile } from '../core/remote/host/descriptor-input';
import { CancelledError, consentFile, DeployRefusedError, hasUploadConsent, HostKeyError, loadHashCache, recordUploadConsent, UploadNotAllowedError, saveHashCache, type JobOutcome, type RunContext } from '../core/remote/index';
import { InputRefusedError, requireValid } from '../core/host-command/validate-input';
import { hostFacts } from '../core/settings/host-facts';
import { ConnectionPool } from '../core/ssh/connection-pool';
import { hostConnector } from '../core/ssh/host-connector';
import { SshHostShell } from '../core/ssh/ssh-shell';
import { ConfigRefusedError } from '../core/ssh/config-target';
import { LOCAL_TARGET, LocalHostShell } from '../core/local/local-shell';
import { ExitCode, type CliIO } from './types';
import { UsageError, parseRemoteArgs, type FlagName, type RemoteArgs } from './remote-args';

/** A CliIO may carry the process's cancel signal (SIGINT); tests pass their own. */
export type RemoteIO = CliIO & { signal?: AbortSignal };

function hostsSetting(io: CliIO): Record<string, unknown> {
  const raw = io.env.ASCEND_LLM_HOSTS;
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new UsageError(t('ASCEND_LLM_HOSTS is not a JSON object like the ascend.hosts setting.'));
}

/** `etcPrefix` / `usrLocalPrefix` of an ASCEND_LLM_HOSTS entry (hosts that keep those files elsewhere). */
function extraPrefixes(hosts: Record<string, unknown>, alias: string): { etcPrefix?: string; usrLocalPrefix?: string } {
  const e = hosts[alias] as Record<string, unknown> | undefined;
  const abs = (v: unknown): string | undefined => (typeof v === 'string' && v.startsWith('/') ? v : undefined);
  return { etcPrefix: abs(e?.etcPrefix), usrLocalPrefix: abs(e?.usrLocalPrefix) };
}

export async function readDescriptorFile(io: CliIO, file: string): Promise<{ descriptor: DeployDescriptor; dir: string }> {
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(t('Cannot read {0}: {1}', path, (e as Error).message));
  }
  let descriptor: DeployDescriptor;
  try {
    // The CLI's workspace is the descriptor's folder: every local file the descriptor names must be inside it.
    const confine = { workspaceDir: dirname(path), home: io.env.HOME ?? dirname(path) };
    descriptor = await loadDescriptor(text, path, (p) => readFile(resolve(dirname(path), p), 'utf8').catch(() => undefined), confine);
  } catch (e) {
    // A hostile name is refused (exit 3) rather than reported as a mere schema problem (exit 2).
    const name = rawName(text);
    if (e instanceof DescriptorError && name !== undefined) requireValid('deploymentName', name);
    throw e;
  }
  refuseHostile(descriptor);
  return { descriptor, dir: dirname(path) };
}

function rawName(text: string): string | undefined {
  try {
    const v = parseYaml(text) as { name?: unknown } | null;
    return typeof v?.name === 'string' ? v.name : undefined;
  } catch {
    return undefined;
  }
}

/** Prints a job outcome (text or JSON) and returns its exit code. */
export function reportOutcome(io: CliIO, outcome: JobOutcome, json: boolean): number {
  if (json) io.stdout(`${JSON.stringify(outcome, null, 2)}\n`);
  else {
    io.stdout(`${outcome.message}\n`);
    for (const m of outcome.diagnosis) io.stdout(`${t('Diagnosis (log line {0}): {1}', m.line, m.text)}\n  ${t('Cause: {0}', m.cause)}\n  ${t('Fix: {0}', m.fix)}\n`);
  }
  switch (outcome.status) {
    case 'succeeded': case 'skipped': return ExitCode.ok;
    case 'cancelled': return ExitCode.cancelled;
    default: return ExitCode.findings;
  }
}

export interface RemoteSession {
  ctx: RunContext;
  close(): void;
}

/** The session of one target: `local` is this machine (no SSH); any other name is a ~/.ssh/config alias. */
export function openRemote(io: RemoteIO, args: RemoteArgs, alias: string): RemoteSession {
  const home = io.env.HOME;
  if (!home) throw new UsageError(t('HOME is not set: it locates ~/.ssh/config.'));
  if (alias === LOCAL_TARGET) return { ctx: runContextFor(io, args, alias, new LocalHostShell({ env: io.env })), close: () => undefined };
  const localUser = io.env.USER ?? io.env.LOGNAME ?? userInfo().username;
  const pool = new ConnectionPool({
    connect: hostConnector({ home, localUser }, { agentSocket: io.env.SSH_AUTH_SOCK }),
    initialDelayMs: 500,
    maxDelayMs: 5000,
  });
  return { ctx: runContextFor(io, args, alias, new SshHostShell(alias, () => pool.get(alias))), close: () => pool.dispose() };
}

function runContextFor(io: RemoteIO, args: RemoteArgs, alias: string, shell: RunContext['shell']): RunContext {
  const facts = hostFacts(hostsSetting(io), alias);
  return {
    alias,
    shell,
    paths: { ascendPrefix: args.ascendPrefix ?? facts.ascendPrefix, devPrefix: args.devPrefix ?? facts.devPrefix, ...extraPrefixes(hostsSetting(io), alias) },
    mirrors: { models: io.env.ASCEND_LLM_MODELS_MIRROR || undefined, images: io.env.ASCEND_LLM_IMAGES_MIRROR || undefined },
    log: (level, message) => io.stderr(`${level === 'info' ? '' : `${level}: `}${message}\n`),
    signal: io.signal,
    onOutput: (text) => (args.json ? io.stderr(text) : io.stdout(text)),
    // The first upload to a host needs --allow-upload, which is then remembered for that host.
    confirmUpload: async (host) => {
      const file = consentFile(io.env);
      if (file && hasUploadConsent(file, host)) return true;
      if (!args.allowUpload) return false;
      if (file) recordUploadConsent(file, host);
      return true;
    },
  };
}

/** Runs a remote subcommand body, mapping every error to its exit code and message. */
export async function guarded(io: CliIO, usage: () => string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    const err = e as Error;
    if (e instanceof UsageError) {
      io.stderr(`${err.message}\n${usage()}\n`);
      return ExitCode.usage;
    }
    if (e instanceof DescriptorError) {
      io.stderr(`${err.message}\n`);
      return ExitCode.usage;
    }
    if (e instanceof HostKeyError || e instanceof InputRefusedError || e instanceof LocalPathRefusedError || e instanceof ConfigRefusedError || e instanceof UploadNotAllowedError) {
      io.stderr(`${t('Refused:')} ${err.message}\n`);
      return ExitCode.refused;
    }
    if (e instanceof CancelledError) {
      io.stderr(`${t('Cancelled.')}\n`);
      return ExitCode.cancelled;
    }
    if (e instanceof PlanError || e instanceof DeployRefusedError) {
      io.stderr(`${err.message}\n`);
      return ExitCode.findings;
    }
    io.stderr(`${err.message}\n`);
    return ExitCode.findings;
  }
}

/** What a descriptor-driven subcommand's body gets: its flags, the descriptor, its folder and an open session. */
export interface DescriptorRun {
  io: RemoteIO;
  a: RemoteArgs;
  descriptor: DeployDescriptor;
  dir: string;
  session: RemoteSession;
}

/**
 * The shape every `--descriptor FILE` subcommand shares: parse the flags (`descriptor`, the prefixes and `extra`),
 * read the descriptor, open the session to its host, run the body, close the session, map errors to exit codes.
 */
export function descriptorCommand(
  usage: () => string,
  extra: readonly FlagName[],
  body: (run: DescriptorRun) => Promise<number>,
): (args: string[], io: RemoteIO) => Promise<number> {
  return (args, io) => guarded(io, usage, async () => {
    const a = parseRemoteArgs(args, ['descriptor', 'ascend-prefix', 'dev-prefix', ...extra], ['descriptor']);
    const { descriptor, dir } = await readDescriptorFile(io, a.descriptor as string);
    const session = openRemote(io, a, descriptor.target.host);
    try {
      return await body({ io, a, descriptor, dir, session });
    } finally {
      session.close();
    }
  });
}

/**
 * Runs `fn` with the local file hashes of earlier runs remembered (`$XDG_CACHE_HOME/ascend-llm/file-hashes.json`,
 * else `~/.cache/…`), and saves them after: an unchanged build context or model folder is not read again.
 */
export async function withHashCache<T>(io: CliIO, fn: () => Promise<T>): Promise<T> {
  const base = io.env.XDG_CACHE_HOME || (io.env.HOME ? join(io.env.HOME, '.cache') : undefined);
  if (!base) return fn();
  const file = join(base, 'ascend-llm', 'file-hashes.json');
  await loadHashCache(file);
  try {
    return await fn();
  } finally {
    await saveHashCache(file);
  }
}
