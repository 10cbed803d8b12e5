import * as vscode from 'vscode';
import type { StatusSummary } from '../../core/monitor/status-summary';
import { sanitizeHostText } from '../../core/host-command/sanitize-text';

/** The status-bar summary shown while the monitor panel is closed; clicking it opens the panel. */
export class MonitorStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(openCommand: string) {
    this.item = vscode.window.createStatusBarItem('ascend.npuMonitor', vscode.StatusBarAlignment.Left, 10);
    this.item.name = vscode.l10n.t('NPU Monitor');
    this.item.command = openCommand;
  }

  show(summary: StatusSummary | null): void {
    if (!summary) {
      this.item.hide();
      return;
    }
    // Built from npu-smi's text (chip names, alerts): host text.
    this.item.text = sanitizeHostText(summary.text);
    this.item.tooltip = sanitizeHostText(summary.tooltip);
    this.item.backgroundColor = summary.level === 'error'
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : summary.level === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
