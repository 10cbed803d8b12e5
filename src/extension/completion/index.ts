import * as vscode from 'vscode';
import { createCompletionEngine, type CompletionEngine } from '../../core/completion/engine';
import { settings } from '../settings';
import { AscendInlineCompletionProvider } from './provider';
import { RecentEditsTracker } from './recent-edits';
import { CompletionStatusBar } from './status-bar';
import { resolveCompletionEndpoint } from './endpoint';
import { completionTraceFromEnv } from './completion-trace';
import type { HostConnections } from '../hosts/connections';
import type { CommandHandlers } from '../commands';

/** Registered with every other command, through the one table and error funnel (src/extension/commands.ts). */
type CompletionCommandId = 'ascend.toggleCompletion' | 'ascend.completion.accepted' | 'ascend.setCompletionApiKey' | 'ascend.completionMenu';

const API_KEY_SECRET = 'ascend.completion.apiKey';

/**
 * Wires inline completion: the engine (rebuilt when its settings change), the provider for every language,
 * the status bar, and the handlers of its commands (the toggle, the menu, the API key in SecretStorage).
 */
export function registerCompletion(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  connections: HostConnections,
): { refresh: () => Promise<void>; handlers: Pick<CommandHandlers, CompletionCommandId> } {
  const tracker = new RecentEditsTracker();
  const trace = completionTraceFromEnv();
  const statusBar = new CompletionStatusBar();
  let engine: CompletionEngine | undefined;
  let engineSub: { dispose(): void } | undefined;
  let endpointInUse = '';

  const inlineSuggestEnabled = () => vscode.workspace.getConfiguration('editor').get<boolean>('inlineSuggest.enabled', true);
  const refreshStatus = () => {
    if (!engine) {
      statusBar.update({ kind: 'off', message: settings.completionEnabled()
        ? vscode.l10n.t('No completion server: set ascend.completion.endpoint, or deploy a model.')
        : vscode.l10n.t('Inline completion is turned off.') }, undefined, inlineSuggestEnabled());
      return;
    }
    statusBar.update(engine.state, engine.stats(), inlineSuggestEnabled());
  };

  let generation = 0;
  // With no configured endpoint, the deployment is looked up on the host only when completion is first wanted,
  // so opening a workspace never connects (or asks about a host key) by itself.
  let lookupPending = false;
  const rebuild = async (connect = false) => {
    const mine = ++generation;
    engineSub?.dispose();
    engine?.dispose();
    engine = undefined;
    endpointInUse = '';
    lookupPending = false;
    refreshStatus();
    if (!settings.completionEnabled()) return;
    if (!connect && !settings.completionEndpoint().trim()) {
      lookupPending = true;
      return;
    }
    const endpoint = await resolveCompletionEndpoint(connections, log).catch((err: unknown) => {
      log.warn(`completion: cannot reach the deployment: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    });
    if (mine !== generation || !endpoint) return;
    endpointInUse = endpoint.url;
    const apiKey = await context.secrets.get(API_KEY_SECRET);
    engine = createCompletionEngine({
      endpoint: endpoint.url,
      apiKey: apiKey || undefined,
      model: settings.completionModel() || endpoint.model || undefined,
      template: settings.completionTemplate() === 'auto' ? undefined : settings.completionTemplate(),
      maxTokensMulti: settings.completionMaxTokens(),
      maxTokensSingle: Math.min(24, settings.completionMaxTokens()),
      debounceMaxMs: settings.completionDebounceMs(),
      onTiming: trace?.onTiming,
    });
    engineSub = engine.onStateChange((st) => {
      if (st.kind === 'error' || st.kind === 'slow') log.warn(`completion ${st.kind}: ${st.message ?? ''}`);
      refreshStatus();
    });
    log.info(`completion engine for ${endpoint.url} (${endpoint.source})`);
    refreshStatus();
  };

  const languageEnabled = (languageId: string): boolean => {
    const map = settings.completionLanguages();
    return map[languageId] ?? map['*'] ?? true;
  };

  const currentEngine = (): CompletionEngine | undefined => {
    if (!engine && lookupPending) {
      lookupPending = false;
      void rebuild(true);
    }
    return engine;
  };
  const provider = new AscendInlineCompletionProvider(currentEngine, languageEnabled, tracker, trace);
  const statsTimer = setInterval(refreshStatus, 2000);
  context.subscriptions.push(
    tracker,
    statusBar,
    { dispose: () => { clearInterval(statsTimer); engineSub?.dispose(); engine?.dispose(); } },
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('ascend.completion')) void rebuild();
      else if (e.affectsConfiguration('editor.inlineSuggest.enabled')) refreshStatus();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void rebuild()),
    // Every edit of the active document goes to the engine: a request in flight that the edit makes useless is
    // aborted at once, and the debounce learns the typing rhythm.
    vscode.workspace.onDidChangeTextDocument((e) => {
      const active = vscode.window.activeTextEditor?.document;
      if (!engine || e.document !== active || e.contentChanges.length !== 1 || !languageEnabled(active.languageId)) return;
      const change = e.contentChanges[0];
      engine.noteEdit(() => active.getText(), change.rangeOffset + change.text.length);
    }),
  );

  const toggle = async () => {
    const next = !settings.completionEnabled();
    await vscode.workspace.getConfiguration('ascend.completion').update('enabled', next, vscode.ConfigurationTarget.Global);
    void vscode.window.setStatusBarMessage(next ? vscode.l10n.t('Ascend inline completion on') : vscode.l10n.t('Ascend inline completion off'), 3000);
  };

  const handlers: Pick<CommandHandlers, CompletionCommandId> = {
    'ascend.toggleCompletion': () => toggle(),
    'ascend.completion.accepted': () => {
      engine?.recordAccepted();
      refreshStatus();
    },
    'ascend.setCompletionApiKey': async () => {
      const key = await vscode.window.showInputBox({
        prompt: vscode.l10n.t('API key of the completion server (stored in VS Code\'s SecretStorage). Leave empty to remove it.'),
        password: true,
        ignoreFocusOut: true,
      });
      if (key === undefined) return;
      if (key) await context.secrets.store(API_KEY_SECRET, key);
      else await context.secrets.delete(API_KEY_SECRET);
      await rebuild();
    },
    'ascend.completionMenu': async () => {
      const items = [
        { id: 'toggle', label: settings.completionEnabled() ? vscode.l10n.t('Turn inline completion off') : vscode.l10n.t('Turn inline completion on') },
        { id: 'key', label: vscode.l10n.t('Set the completion server API key') },
        { id: 'settings', label: vscode.l10n.t('Open completion settings') },
        { id: 'log', label: vscode.l10n.t('Show Log') },
      ];
      const pick = await vscode.window.showQuickPick(items, { placeHolder: engine ? `${endpointInUse} · ${engine.state.kind}` : undefined });
      if (pick?.id === 'toggle') await toggle();
      else if (pick?.id === 'key') await vscode.commands.executeCommand('ascend.setCompletionApiKey');
      else if (pick?.id === 'settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'ascend.completion');
      else if (pick?.id === 'log') log.show();
    },
  };

  void rebuild();
  return { refresh: () => rebuild(true), handlers };
}
