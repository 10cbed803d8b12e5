/**
 * Consent before the first upload of local files to a host (docs/deploy-safety.md): a workspace descriptor names
 * both the host and the files, so uploading is asked once per host, and the answer is remembered in
 * `$XDG_CONFIG_HOME/ascend-llm/upload-consent.json` (else `~/.config/…`), one list of host aliases shared by the
 * CLI (`--allow-upload` records it) and the extension (a modal records it). The runner asks through
 * RunContext.confirmUpload; without one (direct core callers, tests) nothing is asked.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { t } from '../../l10n/index';
import type { RunContext } from '../host/run-context';

export class UploadNotAllowedError extends Error {
  constructor(readonly host: string, message: string) {
    super(message);
    this.name = 'UploadNotAllowedError';
  }
}

/** Throws UploadNotAllowedError unless the caller's confirmUpload allows uploading `what` to ctx's host. */
export async function requireUploadConsent(ctx: RunContext, what: string): Promise<void> {
  if (!ctx.confirmUpload || (await ctx.confirmUpload(ctx.alias, what))) return;
  throw new UploadNotAllowedError(ctx.alias, t('Nothing was uploaded: uploading local files ({0}) to {1} has not been allowed. The CLI asks for --allow-upload once per host; in VS Code, answer "Allow Uploads".', what, ctx.alias));
}

/** Where the per-host consent is kept. */
export function consentFile(env: { XDG_CONFIG_HOME?: string; HOME?: string }): string | undefined {
  const base = env.XDG_CONFIG_HOME || (env.HOME ? join(env.HOME, '.config') : undefined);
  return base ? join(base, 'ascend-llm', 'upload-consent.json') : undefined;
}

function readHosts(file: string): string[] {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as { hosts?: unknown };
    return Array.isArray(v.hosts) ? v.hosts.filter((h): h is string => typeof h === 'string') : [];
  } catch {
    return [];
  }
}

export function hasUploadConsent(file: string, host: string): boolean {
  return readHosts(file).includes(host);
}

/** Records the consent (mode 600, through a rename). */
export function recordUploadConsent(file: string, host: string): void {
  const hosts = readHosts(file);
  if (hosts.includes(host)) return;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ hosts: [...hosts, host].sort() }, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
