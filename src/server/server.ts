/**
 * The language server: diagnostics (analyzeFile, src/core/analysis — the same analysis as `ascend-llm validate`),
 * completion, hover, quick fixes and symbols for vLLM/deploy configs and for Dockerfiles, shell scripts and Python.
 * Takes any `Connection`, so tests run it over an in-memory one.
 */
import {
  CodeActionKind, DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeResult, type PublishDiagnosticsParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeFile } from '../core/analysis/analyze-file';
import { siblingReader, textSource } from '../core/analysis/file-source';
import type { Finding } from '../core/diagnostics';
import { isDescriptor, targetFromDescriptorText, targetFromFolders } from '../core/analysis/descriptor-target';
import { loadBundle, type InitOptions } from './l10n-setup';
import { registerFeatureHandlers } from './feature-handlers';
import { fileNameOf, workspaceFolderOf } from './file-name';
import { toDiagnostic } from './to-lsp';
import { ValidationScheduler } from './validation-scheduler';

export interface ServerOptions {
  /** Longest a validation waits for more queued edits of its document (default 75 ms); see validation-scheduler.ts. */
  debounceMs?: number;
}

interface Settings {
  targetVersion?: string;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const lastFindings = new Map<string, Finding[]>();
  let folders: string[] = [];
  let locale: string | undefined;
  let canConfigure = false;
  let canRegister = false;
  let settings: Settings = {};
  let descriptorTarget: string | undefined;
  let settingsReady: Promise<void> = Promise.resolve();

  // A closed connection (client gone) must not turn into an unhandled rejection.
  const publish = (p: PublishDiagnosticsParams): void => {
    try {
      connection.sendDiagnostics(p).catch(() => undefined);
    } catch {
      // disposed
    }
  };

  const openText = (path: string): string | undefined => documents.all().find((d) => fileNameOf(d.uri) === path)?.getText();
  /** Other files for cross-file rules; workspace-relative paths (a model's config.json) from the file's folder. */
  const readSiblingOf = (fileName: string) => siblingReader({ base: workspaceFolderOf(fileName, folders), openText });

  const targetVersion = (): string | undefined => settings.targetVersion || descriptorTarget;

  const validate = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    await settingsReady;
    const current = documents.get(uri);
    if (!current || current.version !== version) return; // stale: a newer run is scheduled
    let findings: Finding[] | null;
    try {
      const fileName = fileNameOf(uri);
      findings = analyzeFile({ fileName, source: textSource(current.getText()), targetVersion: targetVersion(), readSibling: readSiblingOf(fileName), jsonService: true });
    } catch (err) {
      connection.console.error(`ascend-llm: validation failed for ${uri}: ${String(err)}`);
      return;
    }
    if (documents.get(uri)?.version !== version) return;
    if (findings === null) {
      if (lastFindings.delete(uri)) publish({ uri, version, diagnostics: [] });
      return;
    }
    lastFindings.set(uri, findings);
    publish({ uri, version, diagnostics: findings.map(toDiagnostic) });
  };

  const scheduler = new ValidationScheduler(validate, options.debounceMs ?? 75);
  const revalidateAll = (): void => documents.all().forEach((d) => scheduler.now(d.uri));

  const loadSettings = async (): Promise<void> => {
    if (!canConfigure) return;
    try {
      const s = (await connection.workspace.getConfiguration({ section: 'ascend.validation' })) as Settings | null;
      settings = { targetVersion: typeof s?.targetVersion === 'string' && s.targetVersion.trim() ? s.targetVersion.trim() : undefined };
    } catch {
      settings = {};
    }
  };

  connection.onInitialize((params): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as InitOptions;
    loadBundle(init);
    locale = init.locale ?? params.locale;
    folders = (params.workspaceFolders ?? []).map((f) => fileNameOf(f.uri));
    if (folders.length === 0 && params.rootUri) folders = [fileNameOf(params.rootUri)];
    descriptorTarget = targetFromFolders(folders);
    canConfigure = Boolean(params.capabilities.workspace?.configuration);
    canRegister = Boolean(params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', ' ', '-', '(', ',', '/'] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
      },
      serverInfo: { name: 'ascend-llm' },
    };
  });

  connection.onInitialized(() => {
    settingsReady = loadSettings();
    if (canConfigure && canRegister) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ascend' }).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (!canConfigure) {
      // Clients without workspace/configuration push the settings instead.
      const pushed = (change.settings as { ascend?: { validation?: Settings } } | undefined)?.ascend?.validation;
      const v = pushed?.targetVersion;
      settings = { targetVersion: typeof v === 'string' && v.trim() ? v.trim() : undefined };
    }
    settingsReady = loadSettings();
    void settingsReady.then(revalidateAll);
  });

  documents.onDidOpen((e) => {
    if (isDescriptor(fileNameOf(e.document.uri))) descriptorTarget = targetFromDescriptorText(e.document.getText()) ?? descriptorTarget;
    scheduler.now(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    if (isDescriptor(fileNameOf(e.document.uri))) {
      const before = descriptorTarget;
      descriptorTarget = targetFromDescriptorText(e.document.getText()) ?? targetFromFolders(folders);
      if (before !== descriptorTarget) { revalidateAll(); return; }
    }
    scheduler.changed(e.document.uri);
  });
  documents.onDidClose((e) => {
    scheduler.forget(e.document.uri);
    if (lastFindings.delete(e.document.uri)) publish({ uri: e.document.uri, diagnostics: [] });
  });

  registerFeatureHandlers(connection, { documents, lastFindings, locale: () => locale, targetVersion });

  connection.onShutdown(() => scheduler.dispose());

  documents.listen(connection);
  connection.listen();
}
