/**
 * Entry point: activate() only wires features together (style.md). Real work starts on first need.
 */
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import type { LanguageClient } from 'vscode-languageclient/node';
import { useBundle } from './core/l10n';
import { registerCommands } from './extension/commands';
import { startLanguageClient } from './extension/language-client';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Ascend LLM', { log: true });
  context.subscriptions.push(log);
  if (vscode.l10n.uri) useBundle(JSON.parse(readFileSync(vscode.l10n.uri.fsPath, 'utf8')) as Record<string, string>);
  log.info(`activating (VS Code ${vscode.version}, UI ${vscode.env.language}, trusted: ${vscode.workspace.isTrusted})`);

  registerCommands(context, log, {
    'ascend.showLog': () => log.show(),
  });

  try {
    client = await startLanguageClient(context, log);
  } catch (err) {
    log.error(`language server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  }
  log.info('activated');
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
