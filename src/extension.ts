/**
 * Entry point: activate() only wires features together; every command goes through registerCommands (the one
 * table and error funnel). Real work starts on first need.
 */
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import type { LanguageClient } from 'vscode-languageclient/node';
import { useBundle } from './core/l10n';
import { registerCommands } from './extension/commands';
import { registerTargetVersion } from './extension/target-version/index';
import { startLanguageClient } from './extension/language-client';
import { registerCompletion } from './extension/completion';
import { HostConnections } from './extension/hosts/connections';
import { offerLocalTarget } from './extension/hosts/local-offer';
import { remoteHandlers } from './extension/remote/handlers';
import { registerViews } from './extension/views';
import { registerMonitor } from './extension/monitor';
import { createNpuSource } from './extension/monitor/npu-source';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Ascend LLM', { log: true });
  context.subscriptions.push(log);
  if (vscode.l10n.uri) useBundle(JSON.parse(readFileSync(vscode.l10n.uri.fsPath, 'utf8')) as Record<string, string>);
  log.info(`activating (VS Code ${vscode.version}, UI ${vscode.env.language}, trusted: ${vscode.workspace.isTrusted})`);

  const connections = new HostConnections(context.secrets, log);
  context.subscriptions.push(connections);
  const monitor = registerMonitor(context, log, createNpuSource(connections, log));
  const completion = registerCompletion(context, log, connections);
  const views = registerViews(context, log, connections);
  const target = registerTargetVersion(context);
  registerCommands(context, log, {
    ...remoteHandlers(log, connections, vscode.Uri.joinPath(context.globalStorageUri, 'reports'), {
      deploymentChanged: () => void completion.refresh(),
      hostChecked: (alias, summary) => views.hosts.setSummary(alias, summary),
      jobsChanged: () => views.jobs.refresh(),
    }),
    ...completion.handlers,
    ...views.handlers,
    ...target.handlers,
    'ascend.showLog': () => log.show(),
    'ascend.openNpuMonitor': () => monitor.open(),
  });

  try {
    client = await startLanguageClient(context, log);
  } catch (err) {
    log.error(`language server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  }
  void offerLocalTarget(context, connections);
  log.info('activated');
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
