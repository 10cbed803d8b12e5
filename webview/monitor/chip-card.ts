/**
 * One chip's card: name and health badge, then AICore, memory (HBM where the chip has it), power and
 * temperature, each with its current value and a 10-minute sparkline. The DOM is built once; updates only
 * change text that differs and repaint the canvases.
 */
import * as l10n from '@vscode/l10n';
import { primaryMemory, seriesPoint } from '../../src/core/monitor/chip-series';
import { SERIES, type SeriesName } from '../../src/core/monitor/protocol';
import type { ChipSnapshot } from '../../src/core/monitor/snapshot-types';
import { el, setAttr, setText } from './element';
import { megabytes, number, percent } from './format';
import { SeriesRing } from './series-ring';
import { Sparkline } from './sparkline';

interface MetricRow {
  label: HTMLElement;
  value: HTMLElement;
  detail: HTMLElement;
  spark: Sparkline;
}

export function healthClass(health: string | null): 'ok' | 'warning' | 'error' | 'unknown' {
  if (health === null) return 'unknown';
  const h = health.toLowerCase();
  if (h === 'ok') return 'ok';
  if (h === 'warning') return 'warning';
  if (h === 'alarm' || h === 'critical') return 'error';
  return 'unknown';
}

export class ChipCard {
  readonly root: HTMLElement;
  readonly ring: SeriesRing;
  private readonly title: HTMLElement;
  private readonly name: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly bus: HTMLElement;
  private readonly rows = {} as Record<SeriesName, MetricRow>;
  chip: ChipSnapshot;
  /** Whether the card is on screen; an off-screen card keeps its history but is not repainted. */
  onScreen = true;

  constructor(readonly key: string, chip: ChipSnapshot, capacity: number, windowMinutes: number) {
    this.chip = chip;
    this.ring = new SeriesRing(capacity);
    this.root = el('section', 'chip-card');
    this.root.tabIndex = 0;
    this.root.dataset.chip = key;
    const head = el('header', 'chip-head');
    this.title = el('h3', 'chip-title');
    this.title.id = `chip-${key.replace(':', '-')}`;
    this.root.setAttribute('aria-labelledby', this.title.id);
    this.name = el('span', 'chip-name');
    this.badge = el('span', 'health');
    this.bus = el('div', 'chip-bus');
    head.append(this.title, this.name, this.badge);
    this.root.append(head, this.bus);
    const labels: Record<SeriesName, string> = {
      aicore: l10n.t('AICore'),
      memory: l10n.t('HBM'),
      power: l10n.t('Power'),
      temp: l10n.t('Temperature'),
    };
    for (const name of SERIES) {
      const row = el('div', `metric metric-${name}`);
      const label = el('span', 'metric-label', labels[name]);
      const value = el('span', 'metric-value');
      const detail = el('span', 'metric-detail');
      const spark = new Sparkline(`spark-${name}`, name === 'aicore' || name === 'memory' ? 100 : null);
      spark.canvas.setAttribute('aria-label', l10n.t('{0}, last {1} minutes', labels[name], windowMinutes));
      row.append(label, detail, value, spark.canvas);
      this.root.append(row);
      this.rows[name] = { label, value, detail, spark };
    }
    this.update(chip);
  }

  update(chip: ChipSnapshot): void {
    this.chip = chip;
    setText(this.title, l10n.t('NPU {0} · chip {1}', chip.npuId, chip.chipId));
    setText(this.name, chip.name ?? '');
    setText(this.badge, chip.health ?? l10n.t('unknown'));
    setAttr(this.badge, 'class', `health health-${healthClass(chip.health)}`);
    setAttr(this.badge, 'aria-label', l10n.t('Health: {0}', chip.health ?? l10n.t('unknown')));
    const where = [chip.busId, chip.deviceId === null ? null : l10n.t('device {0}', chip.deviceId)].filter((x) => x);
    setText(this.bus, where.join(' · '));

    const point = seriesPoint(chip);
    setText(this.rows.aicore.value, percent(chip.aicorePercent));
    const mem = primaryMemory(chip);
    setText(this.rows.memory.label, mem?.kind === 'memory' ? l10n.t('Memory') : l10n.t('HBM'));
    setText(this.rows.memory.value, percent(point.memory));
    setText(this.rows.memory.detail, mem ? `${megabytes(mem.pair.used)} / ${megabytes(mem.pair.total)}` : '');
    setText(this.rows.power.value, chip.powerW === null ? number(null) : l10n.t('{0} W', number(chip.powerW, 1)));
    setText(this.rows.temp.value, chip.tempC === null ? number(null) : l10n.t('{0} °C', number(chip.tempC)));
  }

  /**
   * Marks the card with its alerts' highest severity and the metric each alert is about (temperature-high →
   * temperature, memory-near-full → memory), so the chip named in the alert list stands out in the grid.
   */
  markAlerts(alerts: readonly { kind: string; severity: string }[]): void {
    const severity = alerts.some((a) => a.severity === 'error') ? 'error' : alerts.length > 0 ? 'warning' : '';
    if (severity) this.root.dataset.alert = severity;
    else delete this.root.dataset.alert;
    const about: Partial<Record<string, SeriesName>> = { 'temperature-high': 'temp', 'memory-near-full': 'memory' };
    const hot = new Set(alerts.map((a) => about[a.kind]).filter((x): x is SeriesName => x !== undefined));
    for (const name of SERIES) this.rows[name].value.classList.toggle('metric-alert', hot.has(name));
  }

  push(timeMs: number): void {
    this.ring.push(timeMs, seriesPoint(this.chip));
  }

  measure(): void {
    for (const name of SERIES) this.rows[name].spark.measure();
  }

  draw(nowMs: number, windowMs: number): void {
    for (const name of SERIES) this.rows[name].spark.draw(this.ring, name, nowMs, windowMs);
  }
}
