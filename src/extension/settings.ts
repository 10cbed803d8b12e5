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

/** Settings whose change means the language server must restart to pick them up. */
export const SERVER_RESTART_SETTINGS = ['ascend.validation.targetVersion'];
