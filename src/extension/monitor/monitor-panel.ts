import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { makeNonce, panelHtml } from '../../core/monitor/panel-html';
import type { HostMessage } from '../../core/monitor/protocol';

const MONITOR_VIEW_TYPE = 'ascend.npuMonitor';

export interface PanelEvents {
  /** A raw message from the webview (not yet validated: the session does that). */
  onMessage(raw: unknown): void;
  onVisibility(visible: boolean): void;
  onClosed(): void;
}

/**
 * The monitor's WebviewPanel: scripts on, resources only from dist/webview and media, a fresh nonce per
 * load, and no retained context (a hidden panel costs nothing; it reloads and asks for state when shown).
 */
export class MonitorPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(extensionUri: vscode.Uri, events: PanelEvents) {
    const roots = [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
    this.panel = vscode.window.createWebviewPanel(MONITOR_VIEW_TYPE, vscode.l10n.t('NPU Monitor'), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: roots,
      retainContextWhenHidden: false,
    });
    const webview = this.panel.webview;
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce((n) => randomBytes(n)),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(roots[0], 'monitor.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(roots[1], 'monitor.css')).toString(),
      lang: vscode.env.language,
      title: vscode.l10n.t('NPU Monitor'),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => events.onMessage(m)),
      this.panel.onDidChangeViewState((e) => events.onVisibility(e.webviewPanel.visible)),
      this.panel.onDidDispose(() => {
        for (const d of this.disposables) d.dispose();
        events.onClosed();
      }),
    );
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  reveal(): void {
    this.panel.reveal();
  }

  post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.panel.dispose();
  }
}
