import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { consentFile, hasUploadConsent, recordUploadConsent, type RunContext } from '../../core/remote/index';
import { HostTextFilter, sanitizeHostText } from '../../core/host-command/sanitize-text';
import type { HostConnections } from '../hosts/connections';
import { settings } from '../settings';

/**
 * The one "Ascend Jobs" output channel: streamed job and server output and the steps of a run, kept apart from
 * the extension log. Everything written here comes from a host, so it passes sanitizeHostText first.
 */
export interface JobsOutput {
  /** Host text, as it streams (a sequence split between chunks is still removed whole). */
  stream(): (text: string) => void;
  appendLine(text: string): void;
  show(preserveFocus?: boolean): void;
}

let jobsChannel: vscode.OutputChannel | undefined;
export function jobsOutput(): JobsOutput {
  jobsChannel ??= vscode.window.createOutputChannel(vscode.l10n.t('Ascend Jobs'));
  const channel = jobsChannel;
  return {
    stream: () => {
      const filter = new HostTextFilter();
      return (text) => channel.append(filter.push(text));
    },
    appendLine: (text) => channel.appendLine(sanitizeHostText(text)),
    show: (preserveFocus) => channel.show(preserveFocus),
  };
}

/**
 * Builds the runner's context for one host: the shared connection, the host's paths, mirrors, cancel. Its log
 * goes to the extension log and, as the run's steps, to "Ascend Jobs" (so a step's heading and the output it
 * shows, e.g. the last log lines of a container that failed, stand together there).
 */
export function runContext(
  alias: string,
  connections: HostConnections,
  log: vscode.LogOutputChannel,
  token?: vscode.CancellationToken,
): RunContext {
  const abort = new AbortController();
  token?.onCancellationRequested(() => abort.abort());
  const out = jobsOutput();
  const stream = out.stream();
  return {
    alias,
    shell: connections.shell(alias),
    paths: settings.hostFacts(alias),
    mirrors: { models: settings.modelsMirror() || undefined, images: settings.imagesMirror() || undefined },
    log: (level, message) => {
      log[level](`[${alias}] ${sanitizeHostText(message)}`);
      out.appendLine(level === 'info' ? message : `[${level}] ${message}`);
    },
    signal: abort.signal,
    onOutput: stream,
    confirmUpload,
  };
}

/** The first upload of local files to a host asks once (a modal); the answer is kept per host, as the CLI keeps it. */
async function confirmUpload(host: string, what: string): Promise<boolean> {
  const file = consentFile({ XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME, HOME: homedir() });
  if (file && hasUploadConsent(file, host)) return true;
  const allow = vscode.l10n.t('Allow Uploads');
  const pick = await vscode.window.showWarningMessage(
    vscode.l10n.t('Upload local files to {0}?', host),
    { modal: true, detail: vscode.l10n.t('The workspace asks to upload {0} to {1}. Allow uploads of this workspace\'s files to this host from now on?', what, host) },
    allow);
  if (pick !== allow) return false;
  if (file) recordUploadConsent(file, host);
  return true;
}
