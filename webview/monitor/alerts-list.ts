/** The alerts list: what was seen and what to check, most severe first. Announced politely when it changes. */
import * as l10n from '@vscode/l10n';
import type { MonitorAlert } from '../../src/core/monitor/snapshot-types';
import { el } from './element';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export class AlertsList {
  readonly root: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor() {
    this.root = el('section', 'alerts');
    this.root.setAttribute('aria-labelledby', 'alerts-title');
    const title = el('h2', undefined, l10n.t('Alerts'));
    title.id = 'alerts-title';
    this.list = el('ul', 'alert-list');
    this.list.setAttribute('aria-live', 'polite');
    this.root.append(title, this.list);
    this.root.hidden = true;
  }

  render(alerts: readonly MonitorAlert[]): void {
    const sorted = [...alerts].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.id.localeCompare(b.id));
    const items = sorted.map((a) => {
      const li = el('li', `alert alert-${a.severity}`);
      li.dataset.alertId = a.id;
      li.tabIndex = 0;
      const sev = { error: l10n.t('Error'), warning: l10n.t('Warning'), info: l10n.t('Info') }[a.severity];
      const head = el('div', 'alert-head');
      head.append(el('span', 'alert-severity', sev));
      // Messages raised from npu-smi already name the chip ("NPU 0 chip 0 is at 96 °C"): do not say it twice.
      if (a.npuId !== null && !a.message.includes(`NPU ${a.npuId}`)) {
        head.append(el('span', 'alert-where', a.chipId === null ? l10n.t('NPU {0}', a.npuId) : l10n.t('NPU {0} · chip {1}', a.npuId, a.chipId)));
      }
      head.append(el('span', 'alert-message', a.message));
      li.append(head);
      if (a.advice) li.append(el('div', 'alert-advice', a.advice));
      return li;
    });
    this.list.replaceChildren(...items);
    this.root.hidden = items.length === 0;
  }
}
