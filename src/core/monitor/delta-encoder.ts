/**
 * Turns successive samples of one host into the deltas the webview receives (protocol.ts): chips only when
 * their values changed, the process table, alerts and server metrics only when they changed, and a reset with
 * the full state and a history backfill when the webview (re)starts or the host changes.
 */
import { canonicalJson } from './canonical-json';
import type { HistoryWindow } from './history-window';
import type { MonitorDelta, ProcessRow } from './protocol';
import { chipKey, type ChipSnapshot, type MonitorAlert, type ServerMetrics } from './snapshot-types';

export interface EncodedSample {
  timeMs: number;
  version: string | null;
  chips: readonly ChipSnapshot[];
  processes: readonly ProcessRow[];
  alerts: readonly MonitorAlert[];
  server: ServerMetrics | null;
}

export class DeltaEncoder {
  private seq = 0;
  private needReset = true;
  private chips = new Map<string, string>();
  private version: string | null = null;
  private processes = '';
  private alerts = '';
  private server = '';

  /** The next delta will be a reset (call when the webview (re)loads or asks for one). */
  reset(): void {
    this.needReset = true;
  }

  /** `history` must already hold this sample's point; it is used only for a reset. */
  encode(sample: EncodedSample, history?: HistoryWindow): MonitorDelta {
    const reset = this.needReset;
    this.needReset = false;
    const delta: MonitorDelta = { seq: this.seq++, reset, timeMs: sample.timeMs };

    const next = new Map<string, string>();
    const changed: ChipSnapshot[] = [];
    for (const chip of sample.chips) {
      const key = chipKey(chip.npuId, chip.chipId);
      const json = canonicalJson(chip);
      next.set(key, json);
      if (reset || this.chips.get(key) !== json) changed.push(chip);
    }
    const removed = reset ? [] : [...this.chips.keys()].filter((k) => !next.has(k));
    this.chips = next;
    if (changed.length > 0 || reset) delta.chips = changed;
    if (removed.length > 0) delta.removed = removed;

    if (reset || sample.version !== this.version) delta.version = sample.version;
    this.version = sample.version;

    const processes = canonicalJson(sample.processes);
    if (reset || processes !== this.processes) delta.processes = [...sample.processes];
    this.processes = processes;

    const alerts = canonicalJson(sample.alerts);
    if (reset || alerts !== this.alerts) delta.alerts = [...sample.alerts];
    this.alerts = alerts;

    const server = canonicalJson(sample.server);
    if (reset || server !== this.server) delta.server = sample.server;
    this.server = server;

    if (reset && history) delta.history = history.backfill([...next.keys()]);
    return delta;
  }
}
