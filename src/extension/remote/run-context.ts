import * as vscode from 'vscode';
import type { RunContext } from '../../core/remote/index';
import type { HostConnections } from '../hosts/connections';
import { settings } from '../settings';

/** The one "Ascend Jobs" output channel: streamed job and server output, kept apart from the extension log. */
let jobsChannel: vscode.OutputChannel | undefined;
export function jobsOutput(): vscode.OutputChannel {
  jobsChannel ??= vscode.window.createOutputChannel(vscode.l10n.t('Ascend Jobs'));
  return jobsChannel;
}

/** Builds the runner's context for one host: the shared connection, the host's paths, mirrors, cancel. */
export function runContext(
  alias: string,
  connections: HostConnections,
  log: vscode.LogOutputChannel,
  token?: vscode.CancellationToken,
): RunContext {
  const abort = new AbortController();
  token?.onCancellationRequested(() => abort.abort());
  const out = jobsOutput();
  return {
    alias,
    shell: connections.shell(alias),
    paths: settings.hostFacts(alias),
    mirrors: { models: settings.modelsMirror() || undefined, images: settings.imagesMirror() || undefined },
    log: (level, message) => log[level](`[${alias}] ${message}`),
    signal: abort.signal,
    onOutput: (text) => out.append(text),
  };
}
