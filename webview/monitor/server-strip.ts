/** The server-metrics strip: vLLM's running/waiting requests, KV cache use, TTFT p50/p95 and tokens/s. */
import * as l10n from '@vscode/l10n';
import type { ServerMetrics } from '../../src/core/monitor/snapshot-types';
import { el, setText } from './element';
import { number, percent, seconds } from './format';

type Field = 'running' | 'waiting' | 'kv' | 'ttft50' | 'ttft95' | 'tps';

export class ServerStrip {
  readonly root: HTMLElement;
  private readonly values = {} as Record<Field, HTMLElement>;
  private readonly note: HTMLElement;

  constructor() {
    this.root = el('section', 'server-strip');
    this.root.setAttribute('aria-label', l10n.t('Server metrics'));
    const labels: Record<Field, string> = {
      running: l10n.t('Running'),
      waiting: l10n.t('Waiting'),
      kv: l10n.t('KV cache'),
      ttft50: l10n.t('TTFT p50'),
      ttft95: l10n.t('TTFT p95'),
      tps: l10n.t('Tokens/s'),
    };
    const list = el('dl', 'tiles');
    for (const f of Object.keys(labels) as Field[]) {
      const tile = el('div', `tile tile-${f}`);
      const value = el('dd', 'tile-value');
      tile.append(el('dt', 'tile-label', labels[f]), value);
      list.append(tile);
      this.values[f] = value;
    }
    this.note = el('p', 'server-note', l10n.t('No deployment known on this host: server metrics appear once one is deployed.'));
    this.root.append(list, this.note);
    this.render(null);
  }

  render(m: ServerMetrics | null): void {
    this.note.hidden = m !== null;
    setText(this.values.running, number(m?.running ?? null));
    setText(this.values.waiting, number(m?.waiting ?? null));
    setText(this.values.kv, percent(m?.kvCacheUsagePercent ?? null, 1));
    setText(this.values.ttft50, seconds(m?.ttftP50Seconds ?? null));
    setText(this.values.ttft95, seconds(m?.ttftP95Seconds ?? null));
    setText(this.values.tps, number(m?.tokensPerSecond ?? null, 1));
  }
}
