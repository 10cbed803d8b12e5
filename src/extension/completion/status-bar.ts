import * as vscode from 'vscode';
import type { EngineStats } from '../../core/completion/engine';
import type { EngineState } from '../../core/completion/engine-state';
import type { CompletionEndpoint } from './endpoint';

const LABELS: Record<EngineState['kind'], () => string> = {
  off: () => vscode.l10n.t('off'),
  connecting: () => vscode.l10n.t('connecting'),
  ready: () => vscode.l10n.t('ready'),
  slow: () => vscode.l10n.t('slow'),
  error: () => vscode.l10n.t('error'),
};

const ICONS: Record<EngineState['kind'], string> = {
  off: '$(circle-slash)',
  connecting: '$(loading~spin)',
  ready: '$(sparkle)',
  slow: '$(watch)',
  error: '$(error)',
};

/**
 * The completion status bar item: state (off, connecting, ready, slow, error), the latency the user gets (p50/p95
 * from the edit reaching the extension to a fresh suggestion handed to VS Code, through the SSH forward when that is
 * the path), a warning when `editor.inlineSuggest.enabled` is off. A click opens the completion menu.
 */
export class CompletionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ascend.completion', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = vscode.l10n.t('Ascend Completion');
    this.item.command = 'ascend.completionMenu';
    this.item.show();
  }

  update(state: EngineState, stats: EngineStats | undefined, inlineSuggestEnabled: boolean, endpoint?: CompletionEndpoint): void {
    const latency = stats?.shownP50 !== undefined
      ? ` ${Math.round(stats.shownP50)}/${Math.round(stats.shownP95 ?? stats.shownP50)} ms`
      : '';
    const warn = !inlineSuggestEnabled && state.kind !== 'off';
    this.item.text = `${warn ? '$(warning)' : ICONS[state.kind]} Ascend${state.kind === 'ready' || state.kind === 'slow' ? latency : ''}`;
    const lines = [vscode.l10n.t('Ascend completion: {0}', LABELS[state.kind]())];
    if (state.model) lines.push(vscode.l10n.t('Model: {0}', state.model));
    if (state.message) lines.push(state.message);
    if (endpoint) {
      lines.push(endpoint.source === 'deployment'
        ? vscode.l10n.t('Server: {0}, through the SSH forward', endpoint.identity)
        : vscode.l10n.t('Server: {0}', endpoint.identity));
    }
    if (stats?.shownP50 !== undefined) {
      lines.push(vscode.l10n.t('Edit to fresh suggestion: p50 {0} ms, p95 {1} ms ({2} samples; VS Code adds about a frame to paint it)',
        Math.round(stats.shownP50), Math.round(stats.shownP95 ?? stats.shownP50), stats.shownSamples));
    }
    if (stats) {
      const c = stats.counters;
      lines.push(vscode.l10n.t('Suggestions {0}, from cache {1}, accepted {2}, superseded {3}, cancelled {4}', c.returned,
        c.cacheHits, c.accepted, c.superseded, c.cancelled));
      lines.push(vscode.l10n.t('Requests {0}, of which ahead of an accept {1}', c.requests, c.speculative));
    }
    if (warn) lines.push(vscode.l10n.t('editor.inlineSuggest.enabled is off: VS Code will not show suggestions.'));
    this.item.tooltip = lines.join('\n');
    this.item.backgroundColor = state.kind === 'error' || warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
