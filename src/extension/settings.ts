import * as vscode from 'vscode';
import { hostFacts, type HostFacts } from '../core/settings/host-facts';
import { effectiveSetting, reloadsForChange, reloadsOnTrust, type ReloadTable } from '../core/settings/setting-rules';

/**
 * The typed settings facade: the only module that reads `ascend.*` settings. In an untrusted workspace,
 * restricted settings are read from the user's own settings only, never from the workspace, even if VS Code
 * would merge them (src/core/settings/setting-rules.ts).
 */
function read<T>(key: string, fallback: T): T {
  const [section, ...rest] = key.split('.');
  const config = vscode.workspace.getConfiguration(section);
  const name = rest.join('.');
  return effectiveSetting(key, vscode.workspace.isTrusted, () => config.get<T>(name), () => config.inspect<T>(name), fallback);
}

export const settings = {
  hostFacts(alias: string): HostFacts {
    return hostFacts(read<Record<string, unknown>>('ascend.hosts', {}), alias);
  },
  /** The aliases that `ascend.hosts` has an entry for, sorted. */
  hostAliases(): string[] {
    const hosts = read<Record<string, unknown> | null>('ascend.hosts', {});
    return Object.keys(hosts && typeof hosts === 'object' ? hosts : {}).sort();
  },
  monitorIntervalMs: () => read('ascend.monitor.intervalMs', 1000),
  monitorHiddenIntervalMs: () => read('ascend.monitor.hiddenIntervalMs', 10000),
  monitorStatusBar: () => read('ascend.monitor.statusBar', true),
  modelsMirror: () => read('ascend.models.mirror', ''),
  imagesMirror: () => read('ascend.images.mirror', ''),
  validationTargetVersion: () => read('ascend.validation.targetVersion', ''),
};

/**
 * What a settings change must reload. Everything else is read when used (a host command reads `ascend.hosts`
 * and the mirrors when it runs; the language server gets `ascend.validation` pushed by the client), so it needs
 * no reload. Granting workspace trust reloads what reads a restricted setting, whose value changes then.
 */
const SETTING_RELOADS = {
  /** The polling intervals and the status-bar summary of the NPU monitor. */
  monitor: ['ascend.monitor'],
  /** The monitor's host list. */
  monitorHosts: ['ascend.hosts'],
} as const satisfies ReloadTable<string>;

export type ReloadArea = keyof typeof SETTING_RELOADS;

/** Calls `fn` whenever `area` must reload ({@link SETTING_RELOADS}). */
export function onSettingsReload(area: ReloadArea, fn: () => void): vscode.Disposable {
  const subs = [
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (reloadsForChange(SETTING_RELOADS, (s) => e.affectsConfiguration(s)).includes(area)) fn();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (reloadsOnTrust(SETTING_RELOADS).includes(area)) fn();
    }),
  ];
  return { dispose: () => subs.forEach((s) => s.dispose()) };
}

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
