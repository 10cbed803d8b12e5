import * as vscode from 'vscode';
import { hostFacts, type HostFacts, RESTRICTED_SETTINGS } from '../core/settings/host-facts';

/**
 * The typed settings facade (style.md): the only module that reads `ascend.*` settings. In an untrusted
 * workspace, restricted settings (contracts.md §5) are read from the user's own settings only, never from the
 * workspace, even if VS Code would merge them.
 */
function read<T>(key: string, fallback: T): T {
  const [section, ...rest] = key.split('.');
  const config = vscode.workspace.getConfiguration(section);
  const name = rest.join('.');
  if (!vscode.workspace.isTrusted && RESTRICTED_SETTINGS.includes(key)) {
    const inspected = config.inspect<T>(name);
    return (inspected?.globalValue ?? inspected?.defaultValue ?? fallback) as T;
  }
  return config.get<T>(name, fallback);
}

export const settings = {
  hostFacts(alias: string): HostFacts {
    return hostFacts(read<Record<string, unknown>>('ascend.hosts', {}), alias);
  },
  monitorIntervalMs: () => read('ascend.monitor.intervalMs', 1000),
  monitorHiddenIntervalMs: () => read('ascend.monitor.hiddenIntervalMs', 10000),
  monitorStatusBar: () => read('ascend.monitor.statusBar', true),
  modelsMirror: () => read('ascend.models.mirror', ''),
  imagesMirror: () => read('ascend.images.mirror', ''),
  validationTargetVersion: () => read('ascend.validation.targetVersion', ''),
};

/** Settings whose change means the language server must restart to pick them up. */
export const SERVER_RESTART_SETTINGS = ['ascend.validation.targetVersion'];

// ─── Inline completion (src/extension/completion) ──────────────────────────────────────────────────────────────
// Everything completion reads or writes of the configuration; completion code never calls getConfiguration itself.

export const completionSettings = {
  /** The one source of truth for whether completion is on. */
  enabled: () => read('ascend.completion.enabled', true),
  setEnabled: (on: boolean) => vscode.workspace.getConfiguration('ascend.completion').update('enabled', on, vscode.ConfigurationTarget.Global),
  endpoint: () => read('ascend.completion.endpoint', ''),
  /** The endpoint in the user's own settings (never a workspace's): where a key of an earlier version was meant for. */
  userEndpoint: () => vscode.workspace.getConfiguration('ascend.completion').inspect<string>('endpoint')?.globalValue,
  model: () => read('ascend.completion.model', ''),
  languages: () => read<Record<string, boolean>>('ascend.completion.languages', { '*': true }),
  maxTokens: () => read('ascend.completion.maxTokens', 64),
  debounceMs: () => read('ascend.completion.debounceMs', 75),
  template: () => read('ascend.completion.template', 'auto'),
  /** VS Code's own switch for inline suggestions (the status bar warns when it is off). */
  inlineSuggestEnabled: () => vscode.workspace.getConfiguration('editor').get<boolean>('inlineSuggest.enabled', true),
  /** What a configuration change means for completion. */
  changeKind: (e: vscode.ConfigurationChangeEvent): 'completion' | 'inlineSuggest' | undefined =>
    e.affectsConfiguration('ascend.completion') ? 'completion' : e.affectsConfiguration('editor.inlineSuggest.enabled') ? 'inlineSuggest' : undefined,
};
