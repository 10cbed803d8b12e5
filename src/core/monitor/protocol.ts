/**
 * The messages between the extension host and the NPU monitor webview, in both directions. Both sides
 * validate what they receive with protocol-validate.ts; nothing here is trusted before that.
 *
 * Each `update` is a delta: it carries only the chips whose values changed (and, when they changed, the
 * process table, alerts and server metrics), plus the sample time. The webview appends one history point per
 * known chip on every update, from its current values. On `reset` it drops what it holds, takes `chips` as the
 * complete list and `history` as the backfill of the last minutes.
 */
import type { ChipSnapshot, MonitorAlert, ProcessSnapshot, ServerMetrics } from './snapshot-types';

/** The sparkline metrics, in the order they appear in history columns. */
export const SERIES = ['aicore', 'memory', 'power', 'temp'] as const;
export type SeriesName = (typeof SERIES)[number];

/** `chipKey` → series → values aligned with `times` (null: no reading). */
export type HistorySeries = Record<string, Record<SeriesName, (number | null)[]>>;

export interface HistoryBackfill {
  times: number[];
  series: HistorySeries;
}

/** A process row with the container and deployment it belongs to, when known. */
export interface ProcessRow extends ProcessSnapshot {
  container: string | null;
  deployment: string | null;
}

export interface MonitorDelta {
  /** Grows by one per update of a stream; a gap means the webview missed one and should ask for a reset. */
  seq: number;
  reset: boolean;
  /** Sample time, ms since the epoch. */
  timeMs: number;
  version?: string | null;
  /** Changed or new chips; the complete list when `reset`. */
  chips?: ChipSnapshot[];
  /** Keys of chips that are gone. */
  removed?: string[];
  processes?: ProcessRow[];
  alerts?: MonitorAlert[];
  /** null: no deployment known for this host. */
  server?: ServerMetrics | null;
  history?: HistoryBackfill;
}

export type PollState = 'idle' | 'polling' | 'ok' | 'backoff' | 'stopped';

export type HostMessage =
  | {
      type: 'init';
      /** The l10n bundle contents (English key → translation); null for English. */
      l10n: Record<string, string> | null;
      hosts: string[];
      host: string | null;
      /** How much history a sparkline spans. */
      windowMs: number;
    }
  | { type: 'hosts'; hosts: string[]; host: string | null }
  | { type: 'update'; host: string; delta: MonitorDelta }
  | { type: 'status'; host: string | null; state: PollState; reason: string | null; retryInMs: number | null };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'selectHost'; host: string }
  /** Poll now (after an error) or ask for a reset after a sequence gap. */
  | { type: 'refresh' };

/** Limits that a message must stay within; anything bigger is refused as hostile. */
export const LIMITS = {
  text: 512,
  hosts: 256,
  chips: 256,
  processes: 4096,
  alerts: 256,
  historyPoints: 7200,
  l10nKeys: 10000,
  l10nText: 4096,
} as const;
