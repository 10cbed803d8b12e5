import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { settings } from './settings';
import { offerSchemasToYamlTools } from './yaml-schema-offer';

/**
 * Files the language server checks: vLLM configs, the deploy descriptor, Dockerfiles, shell and Python.
 * Only `file:` documents (SERVER_SCHEMES in src/core/config/yaml-schema-offer.ts must match).
 */
const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json', pattern: '**/*.vllm.json' },
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', language: 'shellscript' },
  { scheme: 'file', language: 'python' },
];

/**
 * Starts the language server (dist/server.js) over IPC. Returns undefined when the server is not built in.
 * Wherever it is not running, the schemas are offered to Red Hat YAML instead (yaml-schema-offer.ts).
 */
export async function startLanguageClient(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): Promise<LanguageClient | undefined> {
  const started: { client?: LanguageClient } = {};
  // Starting counts as active: offering during start-up would leave Red Hat YAML's doubled diagnostics behind.
  offerSchemasToYamlTools(context, log, () => started.client !== undefined && started.client.state !== State.Stopped);
  const module = context.asAbsolutePath('dist/server.js');
  if (!existsSync(module)) {
    log.warn('language server bundle not found; editor checks are off');
    return undefined;
  }
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: log,
    initializationOptions: {
      l10nBundleUri: vscode.l10n.uri?.toString(),
      locale: vscode.env.language,
      targetVersion: settings.validationTargetVersion() || undefined,
    },
    synchronize: { configurationSection: 'ascend.validation' },
  };
  const client = new LanguageClient('ascendLlm', vscode.l10n.t('Ascend LLM Language Server'), serverOptions, clientOptions);
  started.client = client;
  await client.start();
  log.info('language server started');
  return client;
}
