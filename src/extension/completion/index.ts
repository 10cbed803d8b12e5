import * as vscode from 'vscode';
import { createCompletionEngine, type CompletionEngine } from '../../core/completion/engine';
import { keyFor, migrateUnboundKey, setKeyFor } from '../../core/completion/api-key-binding';
import { languageEnabled } from '../../core/completion/context-policy';
import { completionSettings } from '../settings';
import { AscendInlineCompletionProvider } from './provider';
import { RecentEditsTracker } from './recent-edits';
import { CompletionStatusBar } from './status-bar';
import { resolveCompletionEndpoint, type CompletionEndpoint } from './endpoint';
import { completionTraceFromEnv } from './completion-trace';
import type { HostConnections } from '../hosts/connections';
import type { CommandHandlers } from '../commands';

/** Registered with every other command, through the one table and error funnel (src/extension/commands.ts). */
type CompletionCommandId = 'ascend.toggleCompletion' | 'ascend.completion.accepted' | 'ascend.setCompletionApiKey' | 'ascend.completionMenu';

/** The engine in use and what it was built for; replaced as a whole. */
interface Active {
  engine: CompletionEngine;
  endpoint: CompletionEndpoint;
  subscription: vscode.Disposable;
}

/**
 * Inline completion's wiring: the engine (rebuilt when its settings change), the provider for every language, the
 * status bar and its menu, the API key (SecretStorage, bound to the endpoint it was stored for), and the toggle.
 * Whether completion is on is the `ascend.completion.enabled` setting and nothing else: an engine exists only while
 * it is on and an endpoint is known. With no configured endpoint, the workspace's deployment is looked up on its
 * host only when a suggestion is first wanted, so opening a workspace never connects (or asks about a host key).
 */
export class CompletionController implements vscode.Disposable {
  private active: Active | undefined;
  /** Incremented per rebuild; an older rebuild that finishes late is dropped. */
  private generation = 0;
  /** Enabled, no endpoint setting, and the deployment not looked up yet. */
  private lookupWanted = false;
  private readonly tracker = new RecentEditsTracker(() => completionSettings.languages());
  private readonly trace = completionTraceFromEnv();
  private readonly statusBar = new CompletionStatusBar();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly connections: HostConnections,
  ) {
    const provider = new AscendInlineCompletionProvider(() => this.engineForRequest(),
      (languageId) => languageEnabled(completionSettings.languages(), languageId), this.tracker, this.trace);
    const statsTimer = setInterval(() => this.refreshStatus(), 2000);
    this.disposables.push(
      this.tracker,
      this.statusBar,
      { dispose: () => clearInterval(statsTimer) },
      vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
      vscode.workspace.onDidChangeConfiguration((e) => {
        const kind = completionSettings.changeKind(e);
        if (kind === 'completion') void this.rebuild();
        else if (kind === 'inlineSuggest') this.refreshStatus();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.rebuild()),
      // Every edit of the active document goes to the engine: a request in flight that the edit makes useless is
      // aborted at once, and the debounce learns the typing rhythm.
      vscode.workspace.onDidChangeTextDocument((e) => {
        const engine = this.active?.engine;
        const active = vscode.window.activeTextEditor?.document;
        if (!engine || e.document !== active || e.contentChanges.length !== 1) return;
        if (!languageEnabled(completionSettings.languages(), active.languageId)) return;
        const change = e.contentChanges[0];
        engine.noteEdit(() => active.getText(), change.rangeOffset + change.text.length);
      }),
    );
    void this.rebuild();
  }

  /** The handlers of completion's commands, for the one command table. */
  readonly handlers: Pick<CommandHandlers, CompletionCommandId> = {
    'ascend.toggleCompletion': () => this.toggle(),
    'ascend.completion.accepted': () => {
      this.active?.engine.recordAccepted();
      this.refreshStatus();
    },
    'ascend.setCompletionApiKey': () => this.setApiKey(),
    'ascend.completionMenu': () => this.menu(),
  };

  async toggle(): Promise<void> {
    const next = !completionSettings.enabled();
    await completionSettings.setEnabled(next);
    void vscode.window.setStatusBarMessage(next ? vscode.l10n.t('Ascend inline completion on') : vscode.l10n.t('Ascend inline completion off'), 3000);
  }

  /** Re-resolves the endpoint now (after a deploy or stop). */
  refresh(): Promise<void> {
    return this.rebuild(true);
  }

  dispose(): void {
    this.generation++;
    this.drop();
    for (const d of this.disposables) d.dispose();
  }

  private engineForRequest(): CompletionEngine | undefined {
    if (!this.active && this.lookupWanted) {
      this.lookupWanted = false;
      void this.rebuild(true);
    }
    return this.active?.engine;
  }

  private drop(): void {
    this.active?.subscription.dispose();
    this.active?.engine.dispose();
    this.active = undefined;
  }

  private async rebuild(connect = false): Promise<void> {
    const mine = ++this.generation;
    this.drop();
    this.lookupWanted = false;
    this.refreshStatus();
    if (!completionSettings.enabled()) return;
    if (!connect && !completionSettings.endpoint().trim()) {
      this.lookupWanted = true;
      return;
    }
    const endpoint = await resolveCompletionEndpoint(this.connections, this.log).catch((err: unknown) => {
      this.log.warn(`completion: cannot reach the deployment: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    });
    if (mine !== this.generation || !endpoint) return;
    await migrateUnboundKey(this.context.secrets, completionSettings.userEndpoint());
    const apiKey = await keyFor(this.context.secrets, endpoint.identity);
    if (mine !== this.generation) return;
    const maxTokens = completionSettings.maxTokens();
    const engine = createCompletionEngine({
      endpoint: endpoint.url,
      apiKey,
      model: completionSettings.model() || endpoint.model || undefined,
      template: completionSettings.template() === 'auto' ? undefined : completionSettings.template(),
      maxTokensMulti: maxTokens,
      maxTokensSingle: Math.min(24, maxTokens),
      debounceMaxMs: completionSettings.debounceMs(),
      onTiming: this.trace?.onTiming,
    });
    const subscription = engine.onStateChange((st) => {
      if (st.kind === 'error' || st.kind === 'slow') this.log.warn(`completion ${st.kind}: ${st.message ?? ''}`);
      this.refreshStatus();
    });
    this.active = { engine, endpoint, subscription };
    this.log.info(`completion engine for ${endpoint.url} (${endpoint.source}, ${endpoint.identity}${apiKey ? ', with its API key' : ''})`);
    this.refreshStatus();
  }

  private refreshStatus(): void {
    const a = this.active;
    if (!a) {
      this.statusBar.update({ kind: 'off', message: completionSettings.enabled()
        ? vscode.l10n.t('No completion server: set ascend.completion.endpoint, or deploy a model.')
        : vscode.l10n.t('Inline completion is turned off.') }, undefined, completionSettings.inlineSuggestEnabled());
      return;
    }
    this.statusBar.update(a.engine.state, a.engine.stats(), completionSettings.inlineSuggestEnabled(), a.endpoint);
  }

  /** Stores the key for the endpoint in use (resolving it first), so it is never sent anywhere else. */
  private async setApiKey(): Promise<void> {
    let endpoint = this.active?.endpoint;
    if (!endpoint && completionSettings.enabled()) {
      await this.rebuild(true);
      endpoint = this.active?.endpoint;
    }
    if (!endpoint) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No completion server: set ascend.completion.endpoint, or deploy a model.'));
      return;
    }
    const key = await vscode.window.showInputBox({
      prompt: vscode.l10n.t('API key for the completion server {0} (stored in VS Code\'s SecretStorage, sent only there). Leave empty to remove it.', endpoint.identity),
      password: true,
      ignoreFocusOut: true,
    });
    if (key === undefined) return;
    await setKeyFor(this.context.secrets, endpoint.identity, key);
    await this.rebuild(true);
  }

  private async menu(): Promise<void> {
    const items = [
      { id: 'toggle', label: completionSettings.enabled() ? vscode.l10n.t('Turn inline completion off') : vscode.l10n.t('Turn inline completion on') },
      { id: 'key', label: vscode.l10n.t('Set the completion server API key') },
      { id: 'settings', label: vscode.l10n.t('Open completion settings') },
      { id: 'log', label: vscode.l10n.t('Show Log') },
    ];
    const a = this.active;
    const pick = await vscode.window.showQuickPick(items, { placeHolder: a ? `${a.endpoint.url} · ${a.engine.state.kind}` : undefined });
    if (pick?.id === 'toggle') await this.toggle();
    else if (pick?.id === 'key') await vscode.commands.executeCommand('ascend.setCompletionApiKey');
    else if (pick?.id === 'settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'ascend.completion');
    else if (pick?.id === 'log') this.log.show();
  }
}

export function registerCompletion(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  connections: HostConnections,
): CompletionController {
  const controller = new CompletionController(context, log, connections);
  context.subscriptions.push(controller);
  return controller;
}
