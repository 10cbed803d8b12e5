// A language server process driven over stdio by a minimal LSP client, for the latency benchmarks.
// It answers `workspace/configuration` from a fixed settings object (as VS Code does from settings.json) and
// resolves a waiter when a publishDiagnostics for the given URI satisfies the waiter's predicate.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  ConfigurationRequest, createProtocolConnection, DidChangeConfigurationNotification, DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification,
  RegistrationRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter, type ClientCapabilities,
  type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

export interface PeerOptions {
  /** Arguments after `node` (script and flags). */
  argv: string[];
  cwd: string;
  capabilities: ClientCapabilities;
  /** Settings sections answered to workspace/configuration (`yaml`, `[yaml]`, ...); absent sections answer null. */
  settings?: Record<string, unknown>;
}

type Predicate = (p: PublishDiagnosticsParams) => boolean;

export class LspPeer {
  private readonly child: ChildProcess;
  private readonly client: ProtocolConnection;
  private readonly waiting = new Map<string, { test: Predicate; resolve: (t: number) => void }>();
  /** publishDiagnostics that matched no waiter (stale versions, duplicate publishes), counted per URI. */
  readonly ignored = new Map<string, number>();

  constructor(private readonly options: PeerOptions) {
    this.child = spawn(process.execPath, options.argv, { stdio: ['pipe', 'pipe', 'pipe'], cwd: options.cwd });
    this.child.stderr?.on('data', (d: Buffer) => {
      const text = d.toString();
      // yaml-language-server 2.0.0 declares Node >= 22; on Node 20 it only warns. Keep other stderr visible.
      if (!/ExperimentalWarning|--trace-warnings/.test(text)) process.stderr.write(`[${options.argv[0]}] ${text}`);
    });
    this.client = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.client.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const now = performance.now();
      const w = this.waiting.get(p.uri);
      if (w && w.test(p)) {
        this.waiting.delete(p.uri);
        w.resolve(now);
      } else this.ignored.set(p.uri, (this.ignored.get(p.uri) ?? 0) + 1);
    });
    this.client.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section !== undefined ? this.options.settings?.[item.section] ?? null : null)));
    this.client.onRequest(RegistrationRequest.type, () => undefined);
    this.client.listen();
  }

  async initialize(): Promise<void> {
    await this.client.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: this.options.capabilities,
    });
    await this.client.sendNotification(InitializedNotification.type, {});
    if (this.options.settings) await this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: this.options.settings });
  }

  /** Resolves with performance.now() when a publish for `uri` satisfies `test`. Register BEFORE sending the edit. */
  published(uri: string, test: Predicate, timeoutMs = 30000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(uri);
        reject(new Error(`${this.options.argv[0]}: timeout waiting for diagnostics of ${uri}`));
      }, timeoutMs);
      this.waiting.set(uri, { test, resolve: (t) => { clearTimeout(timer); resolve(t); } });
    });
  }

  /**
   * The server's main thread so far (Linux /proc/<pid>/schedstat): ms on a CPU and ms runnable but waiting for one.
   * Undefined where that file does not exist.
   */
  schedstat(): { cpuMs: number; waitMs: number } | undefined {
    try {
      const [run, wait] = readFileSync(`/proc/${this.child.pid}/schedstat`, 'utf8').split(' ').map(Number);
      return { cpuMs: run / 1e6, waitMs: wait / 1e6 };
    } catch {
      return undefined;
    }
  }

  /** The server process's resident memory now and at its peak (Linux /proc/<pid>/status), in MiB. */
  memory(): { rssMiB: number; peakMiB: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  /** Round trip of a request the server does not know (answered with MethodNotFound): the transport's floor. */
  async ping(): Promise<number> {
    const start = performance.now();
    try {
      await this.client.sendRequest('bench/ping', {});
    } catch {
      // MethodNotFound is the expected answer
    }
    return performance.now() - start;
  }

  open(uri: string, version: number, text: string): Promise<void> {
    return this.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.client.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.client.sendNotification(ExitNotification.type);
    } catch {
      // the process may already be gone
    }
    this.client.dispose();
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => { this.child.kill(); resolve(); }, 2000);
      this.child.once('exit', () => { clearTimeout(timer); resolve(); });
    });
  }
}
