/** The process table: PID, name, NPU/chip, memory, and the container and deployment each PID belongs to. */
import * as l10n from '@vscode/l10n';
import type { ProcessRow } from '../../src/core/monitor/protocol';
import { el, setText } from './element';
import { DASH, megabytes } from './format';

export class ProcessTable {
  readonly root: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly empty: HTMLElement;

  constructor() {
    this.root = el('section', 'processes');
    this.root.setAttribute('aria-labelledby', 'processes-title');
    const title = el('h2', undefined, l10n.t('Processes'));
    title.id = 'processes-title';
    const scroller = el('div', 'table-scroll');
    scroller.tabIndex = 0;
    scroller.setAttribute('role', 'region');
    scroller.setAttribute('aria-labelledby', 'processes-title');
    const table = el('table');
    const head = el('thead');
    const tr = el('tr');
    for (const h of [l10n.t('PID'), l10n.t('Name'), l10n.t('NPU / chip'), l10n.t('Memory'), l10n.t('Container'), l10n.t('Deployment')]) {
      const th = el('th', undefined, h);
      th.scope = 'col';
      tr.append(th);
    }
    head.append(tr);
    this.body = el('tbody');
    table.append(head, this.body);
    this.empty = el('p', 'empty', l10n.t('No processes are using the NPUs.'));
    scroller.append(table);
    this.root.append(title, scroller, this.empty);
  }

  render(rows: readonly ProcessRow[]): void {
    const sorted = [...rows].sort((a, b) => a.npuId - b.npuId || a.chipId - b.chipId || a.pid - b.pid);
    while (this.body.rows.length > sorted.length) this.body.deleteRow(-1);
    while (this.body.rows.length < sorted.length) {
      const tr = this.body.insertRow();
      for (let i = 0; i < 6; i++) tr.insertCell();
    }
    sorted.forEach((p, i) => {
      const cells = this.body.rows[i].cells;
      setText(cells[0], String(p.pid));
      setText(cells[1], p.name ?? DASH);
      setText(cells[2], `${p.npuId} / ${p.chipId}`);
      setText(cells[3], megabytes(p.memoryMB));
      setText(cells[4], p.container ?? DASH);
      setText(cells[5], p.deployment ?? DASH);
    });
    this.empty.hidden = sorted.length > 0;
  }
}
