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
  completionEnabled: () => read('ascend.completion.enabled', true),
  completionEndpoint: () => read('ascend.completion.endpoint', ''),
  completionModel: () => read('ascend.completion.model', ''),
  completionLanguages: () => read<Record<string, boolean>>('ascend.completion.languages', { '*': true }),
  completionMaxTokens: () => read('ascend.completion.maxTokens', 64),
  completionDebounceMs: () => read('ascend.completion.debounceMs', 75),
  completionTemplate: () => read('ascend.completion.template', 'auto'),
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
