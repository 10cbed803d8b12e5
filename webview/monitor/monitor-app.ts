/**
 * The panel's state and layout. Applies each validated host message: builds the UI on `init` (after the
 * l10n bundle is loaded), applies `update` deltas (see protocol.ts), and repaints at most once per animation
 * frame however many messages arrive.
 */
import * as l10n from '@vscode/l10n';
import type { HostMessage, MonitorDelta, WebviewMessage } from '../../src/core/monitor/protocol';
import type { MonitorAlert } from '../../src/core/monitor/snapshot-types';

import { chipKey } from '../../src/core/monitor/snapshot-types';
import { AlertsList } from './alerts-list';
import { ChipCard } from './chip-card';
import { el, setText } from './element';
import { setLocale } from './format';
import { HostBar } from './host-bar';
import { ProcessTable } from './process-table';
import { ServerStrip } from './server-strip';

/** Shortest polling interval the settings allow (ascend.monitor.intervalMs minimum). */
const MIN_INTERVAL_MS = 250;

interface Ui {
  bar: HostBar;
  server: ServerStrip;
  alerts: AlertsList;
  grid: HTMLElement;
  chipsEmpty: HTMLElement;
  version: HTMLElement;
  processes: ProcessTable;
}

export class MonitorApp {
  private ui: Ui | null = null;
  private host: string | null = null;
  private windowMs = 600_000;
  private lastSeq = -1;
  private lastTimeMs = 0;
  private readonly cards = new Map<string, ChipCard>();
  /** The latest alerts (deltas carry them only when they change). */
  private alerts: readonly MonitorAlert[] = [];
  private framePending = false;
  private readonly visibility = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const card = this.cards.get((e.target as HTMLElement).dataset.chip ?? '');
      if (card) card.onScreen = e.isIntersecting;
    }
    this.requestFrame();
  });
  /** Frames painted, for tests and benchmarks. */
  frames = 0;

  constructor(private readonly root: HTMLElement, private readonly post: (m: WebviewMessage) => void) {}

  handle(msg: HostMessage): void {
    switch (msg.type) {
      case 'init':
        if (msg.l10n) l10n.config({ contents: msg.l10n });
        setLocale(document.documentElement.lang || 'en');
        this.windowMs = msg.windowMs;
        if (!this.ui) this.build();
        this.host = msg.host;
        this.ui?.bar.setHosts(msg.hosts, msg.host);
        break;
      case 'hosts':
        if (msg.host !== this.host) this.clear();
        this.host = msg.host;
        this.ui?.bar.setHosts(msg.hosts, msg.host);
        break;
      case 'status':
        if (msg.host === this.host) this.ui?.bar.setStatus(msg.state, msg.reason, msg.retryInMs);
        break;
      case 'update':
        if (msg.host === this.host) this.apply(msg.delta);
        break;
    }
  }

  private build(): void {
    const bar = new HostBar(
      (host) => this.post({ type: 'selectHost', host }),
      () => this.post({ type: 'refresh' }),
    );
    const server = new ServerStrip();
    const alerts = new AlertsList();
    const chipsSection = el('section', 'chips');
    chipsSection.setAttribute('aria-labelledby', 'chips-title');
    const chipsTitle = el('h2', undefined, l10n.t('NPUs'));
    chipsTitle.id = 'chips-title';
    const version = el('span', 'driver-version');
    chipsTitle.append(version);
    const grid = el('div', 'chip-grid');
    const chipsEmpty = el('p', 'empty', l10n.t('No NPU data yet.'));
    chipsSection.append(chipsTitle, chipsEmpty, grid);
    const processes = new ProcessTable();
    this.root.replaceChildren(bar.root, server.root, alerts.root, chipsSection, processes.root);
    this.root.setAttribute('aria-busy', 'false');
    this.ui = { bar, server, alerts, grid, chipsEmpty, version, processes };
    new ResizeObserver(() => this.remeasure()).observe(grid);
    new MutationObserver(() => this.remeasure()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  private clear(): void {
    this.visibility.disconnect();
    this.cards.clear();
    this.alerts = [];
    this.lastSeq = -1;
    if (!this.ui) return;
    this.ui.grid.replaceChildren();
    this.ui.chipsEmpty.hidden = false;
    this.ui.processes.render([]);
    this.ui.alerts.render([]);
    this.ui.server.render(null);
  }

  private apply(d: MonitorDelta): void {
    const ui = this.ui;
    if (!ui) return;
    if (!d.reset && d.seq !== this.lastSeq + 1) {
      // A missed delta would leave stale values on screen: ask for a fresh full state instead.
      this.post({ type: 'refresh' });
      return;
    }
    if (d.reset) this.clear();
    this.lastSeq = d.seq;
    let reorder = d.reset;
    const capacity = Math.ceil(this.windowMs / MIN_INTERVAL_MS);
    for (const chip of d.chips ?? []) {
      const key = chipKey(chip.npuId, chip.chipId);
      const card = this.cards.get(key);
      if (card) card.update(chip);
      else {
        const created = new ChipCard(key, chip, capacity, Math.round(this.windowMs / 60_000));
        this.cards.set(key, created);
        this.visibility.observe(created.root);
        reorder = true;
      }
    }
    for (const key of d.removed ?? []) {
      const gone = this.cards.get(key);
      if (gone) this.visibility.unobserve(gone.root);
      gone?.root.remove();
      this.cards.delete(key);
    }
    if (reorder) {
      const sorted = [...this.cards.values()].sort((a, b) => a.chip.npuId - b.chip.npuId || a.chip.chipId - b.chip.chipId);
      ui.grid.replaceChildren(...sorted.map((c) => c.root));
      for (const c of sorted) c.measure();
    }
    ui.chipsEmpty.hidden = this.cards.size > 0;
    if (d.version !== undefined) setText(ui.version, d.version ? ` · ${l10n.t('driver {0}', d.version)}` : '');
    if (d.processes) ui.processes.render(d.processes);
    if (d.alerts) ui.alerts.render(d.alerts);
    if (d.alerts || reorder) {
      this.alerts = d.alerts ?? this.alerts;
      for (const card of this.cards.values()) {
        card.markAlerts(this.alerts.filter((a) => a.npuId === card.chip.npuId && (a.chipId === null || a.chipId === card.chip.chipId)));
      }
    }
    if (d.server !== undefined) ui.server.render(d.server);

    const h = d.history;
    if (d.reset && h && h.times.length > 0) {
      for (const [key, card] of this.cards) {
        const cols = h.series[key];
        if (!cols) continue;
        h.times.forEach((t, i) => card.ring.push(t, {
          aicore: cols.aicore[i], memory: cols.memory[i], power: cols.power[i], temp: cols.temp[i],
        }));
      }
    }
    // The backfill already holds this sample's point; otherwise append it for every chip.
    if (!(d.reset && h && h.times.at(-1) === d.timeMs)) for (const card of this.cards.values()) card.push(d.timeMs);
    this.lastTimeMs = d.timeMs;
    this.requestFrame();
  }

  private remeasure(): void {
    for (const c of this.cards.values()) c.measure();
    this.requestFrame();
  }

  private requestFrame(): void {
    if (this.framePending) return;
    this.framePending = true;
    requestAnimationFrame(() => {
      this.framePending = false;
      for (const c of this.cards.values()) if (c.onScreen) c.draw(this.lastTimeMs, this.windowMs);
      this.frames++;
    });
  }
}


