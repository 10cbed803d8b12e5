import * as vscode from 'vscode';
import type { HostConnections } from '../hosts/connections';
import { sanitizeHostText } from '../../core/host-command/sanitize-text';

const STATE_ICON: Record<string, string> = {
  idle: 'vm-outline', connecting: 'sync~spin', connected: 'vm-active', reconnecting: 'sync~spin', failed: 'error', closed: 'vm-outline',
};

class HostItem extends vscode.TreeItem {
  constructor(readonly alias: string, state: string, summary: string | undefined) {
    super(alias, vscode.TreeItemCollapsibleState.None);
    this.description = summary ? `${state} · ${summary}` : state;
    this.iconPath = new vscode.ThemeIcon(STATE_ICON[state] ?? 'vm-outline');
    this.contextValue = 'ascendHost';
    this.tooltip = alias === 'local' ? vscode.l10n.t('This machine: commands run here, without SSH') : vscode.l10n.t('Host {0} from ~/.ssh/config', alias);
  }
}

/**
 * The Hosts view: every Host alias of ~/.ssh/config, its connection state and, once a host check or the monitor
 * has run, an NPU summary (e.g. "8× 910B4"), kept per host by whoever learns it.
 */
export class HostsView implements vscode.TreeDataProvider<HostItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly summaries = new Map<string, string>();

  constructor(private readonly connections: HostConnections) {
    connections.onDidChangeState(() => this.changed.fire());
  }

  setSummary(alias: string, summary: string): void {
    this.summaries.set(alias, sanitizeHostText(summary)); // e.g. the chip name npu-smi printed
    this.changed.fire();
  }

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(item: HostItem): vscode.TreeItem {
    return item;
  }

  getChildren(): HostItem[] {
    return this.connections.aliases().map((a) => new HostItem(a, this.connections.state(a), this.summaries.get(a)));
  }
}
