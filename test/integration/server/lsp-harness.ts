/**
 * Runs the real language server over an in-memory connection (two PassThrough streams) and drives it as a client
 * would. Test support only.
 */
import { PassThrough } from 'node:stream';
import {
  ConfigurationRequest, createConnection, createProtocolConnection, InitializedNotification, InitializeRequest,
  PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DidChangeConfigurationNotification,
  type ProtocolConnection, type PublishDiagnosticsParams, type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from '../../../src/server/server';

export interface Harness {
  client: ProtocolConnection;
  published: PublishDiagnosticsParams[];
  open(uri: string, text: string, languageId?: string): void;
  change(uri: string, version: number, text: string): void;
  diagnosticsFor(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  setSettings(s: Record<string, unknown>): void;
  dispose(): void;
}

export interface HarnessOptions extends ServerOptions {
  initializationOptions?: unknown;
  workspaceFolders?: WorkspaceFolder[];
  settings?: Record<string, unknown>;
  /** Delay the answer to workspace/configuration, to open a window for stale results. */
  configurationDelayMs?: number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(serverConnection, options);
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: Array<() => void> = [];
  let settings: Record<string, unknown> = options.settings ?? {};
  client.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    waiters.splice(0).forEach((w) => w());
  });
  client.onRequest(ConfigurationRequest.type, async (params) => {
    if (options.configurationDelayMs) await new Promise((r) => setTimeout(r, options.configurationDelayMs));
    return params.items.map((i) => (i.section === 'ascend.validation' ? settings : null));
  });
  client.listen();
  await client.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: null,
    workspaceFolders: options.workspaceFolders ?? null,
    capabilities: { workspace: { configuration: true } },
    initializationOptions: options.initializationOptions,
  });
  await client.sendNotification(InitializedNotification.type, {});
  const versions = new Map<string, number>();
  return {
    client,
    published,
    open(uri, text, languageId = 'plaintext') {
      versions.set(uri, 1);
      void client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    },
    change(uri, version, text) {
      void client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async diagnosticsFor(uri, predicate = () => true, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = published.find((p) => p.uri === uri && predicate(p));
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri}; got ${JSON.stringify(published.map((p) => [p.uri, p.version]))}`);
        await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 50); });
      }
    },
    setSettings(s) {
      settings = s;
      void client.sendNotification(DidChangeConfigurationNotification.type, { settings: { ascend: { validation: s } } });
    },
    dispose() {
      client.dispose();
      serverConnection.dispose();
      toServer.end();
      toClient.end();
    },
  };
}
