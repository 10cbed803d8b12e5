import * as vscode from 'vscode';

/**
 * The aliases of `ascend.hosts`. The settings facade (src/extension/settings.ts) exposes one host's facts but
 * not the list, so the same rule is applied here: in an untrusted workspace only the user's own value counts
 * (contracts.md §5), never the workspace's.
 */
export function configuredHosts(): string[] {
  const config = vscode.workspace.getConfiguration('ascend');
  const inspected = config.inspect<Record<string, unknown>>('hosts');
  const value = vscode.workspace.isTrusted ? config.get<Record<string, unknown>>('hosts', {}) : inspected?.globalValue ?? {};
  return Object.keys(value ?? {}).sort();
}

/** `ascend.hosts` aliases first (in order), then the other ~/.ssh/config aliases, without duplicates. */
export function monitorHosts(configured: readonly string[], sshAliases: readonly string[]): string[] {
  return [...new Set([...configured, ...[...sshAliases].sort()])];
}
