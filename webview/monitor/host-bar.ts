/**
 * The bar above everything: the host selector, what polling is doing (and why it is not, while backing
 * off), and a refresh button that polls now.
 */
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import * as l10n from '@vscode/l10n';
import type { PollState } from '../../src/core/monitor/protocol';
import { el, setAttr, setText } from './element';

export class HostBar {
  readonly root: HTMLElement;
  private readonly select: HTMLElementTagNameMap['vscode-single-select'];
  private readonly status: HTMLElement;
  private hosts: string[] = [];

  constructor(onSelect: (host: string) => void, onRefresh: () => void) {
    this.root = el('header', 'host-bar');
    const label = el('span', 'host-label', l10n.t('Host'));
    label.id = 'host-label';
    this.select = document.createElement('vscode-single-select');
    this.select.id = 'host-select';
    this.select.label = l10n.t('Host');
    this.select.addEventListener('change', () => {
      if (this.select.value) onSelect(this.select.value);
    });
    this.status = el('span', 'poll-status');
    this.status.setAttribute('role', 'status');
    const refresh = document.createElement('vscode-button');
    refresh.id = 'refresh';
    refresh.setAttribute('secondary', '');
    refresh.textContent = l10n.t('Refresh');
    refresh.addEventListener('click', () => onRefresh());
    this.root.append(label, this.select, this.status, refresh);
  }

  setHosts(hosts: readonly string[], current: string | null): void {
    if (hosts.join('\n') !== this.hosts.join('\n')) {
      this.hosts = [...hosts];
      const options = hosts.map((h) => {
        const o = document.createElement('vscode-option');
        o.value = h;
        o.textContent = h;
        return o;
      });
      this.select.replaceChildren(...options);
    }
    if (current !== null && this.select.value !== current) this.select.value = current;
    if (hosts.length === 0) this.setStatus('stopped', null);
    else if (this.status.classList.contains('poll-no-hosts')) this.setStatus('idle', null);
  }

  setStatus(state: PollState, reason: string | null, retryInMs: number | null = null): void {
    let text: string;
    if (this.hosts.length === 0) {
      state = 'stopped';
      reason = l10n.t('No hosts configured: add one under the "ascend.hosts" setting.');
    }
    switch (state) {
      case 'backoff':
        text = retryInMs === null
          ? l10n.t('Not updating: {0}', reason ?? '')
          : l10n.t('Not updating: {0} (retrying in {1} s)', reason ?? '', Math.round(retryInMs / 1000));
        break;
      case 'polling': text = l10n.t('Connecting…'); break;
      case 'ok': text = l10n.t('Live'); break;
      case 'stopped': text = reason ?? l10n.t('Paused'); break;
      default: text = l10n.t('Waiting for the first sample…');
    }
    setText(this.status, text);
    setAttr(this.status, 'class', `poll-status poll-${state}${this.hosts.length === 0 ? ' poll-no-hosts' : ''}`);
  }
}
