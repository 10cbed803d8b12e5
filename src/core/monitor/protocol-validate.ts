/**
 * Validation of every message crossing the webview boundary. The host checks what the webview sends (a
 * compromised webview must not make it do anything but poll a known host); the webview checks what the host
 * sends before it touches the DOM. Both return a rebuilt value or the reason for refusing.
 */
import {
  LIMITS, SERIES, type HistoryBackfill, type HistorySeries, type HostMessage, type MonitorDelta, type PollState,
  type SeriesName, type WebviewMessage,
} from './protocol';
import { arr, bool, int, isForbiddenKey, num, obj, oneOf, str, strOrNull, stringMap, ShapeError } from './shape-guards';
import { readAlerts, readChip, readProcessRow, readServerMetrics } from './snapshot-validate';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

function checked<T>(read: () => T): Checked<T> {
  try {
    return { ok: true, value: read() };
  } catch (err) {
    if (err instanceof ShapeError) return { ok: false, error: err.message };
    throw err;
  }
}

const POLL_STATES: readonly PollState[] = ['idle', 'polling', 'ok', 'backoff', 'stopped'];

function hostList(v: unknown, path: string): string[] {
  return arr(v, path, LIMITS.hosts).map((h, i) => str(h, `${path}[${i}]`, LIMITS.text));
}

function history(v: unknown, path: string): HistoryBackfill {
  const o = obj(v, path);
  const times = arr(o.times, `${path}.times`, LIMITS.historyPoints).map((x, i) => num(x, `${path}.times[${i}]`));
  const seriesObj = obj(o.series, `${path}.series`);
  const keys = Object.keys(seriesObj);
  if (keys.length > LIMITS.chips) throw new ShapeError(`${path}.series: more than ${LIMITS.chips} chips`);
  const series: HistorySeries = Object.create(null) as HistorySeries;
  for (const key of keys) {
    if (isForbiddenKey(key) || !/^\d+:\d+$/.test(key)) throw new ShapeError(`${path}.series: bad chip key`);
    const chip = obj(seriesObj[key], `${path}.series.${key}`);
    const cols = {} as Record<SeriesName, (number | null)[]>;
    for (const name of SERIES) {
      const p = `${path}.series.${key}.${name}`;
      const col = arr(chip[name], p, LIMITS.historyPoints).map((x, i) => (x === null ? null : num(x, `${p}[${i}]`)));
      if (col.length !== times.length) throw new ShapeError(`${p}: length differs from times`);
      cols[name] = col;
    }
    series[key] = cols;
  }
  return { times, series };
}

function delta(v: unknown, path: string): MonitorDelta {
  const o = obj(v, path);
  const out: MonitorDelta = {
    seq: int(o.seq, `${path}.seq`),
    reset: bool(o.reset, `${path}.reset`),
    timeMs: num(o.timeMs, `${path}.timeMs`),
  };
  if (o.version !== undefined) out.version = strOrNull(o.version, `${path}.version`, LIMITS.text);
  if (o.chips !== undefined) {
    out.chips = arr(o.chips, `${path}.chips`, LIMITS.chips).map((c, i) => readChip(c, `${path}.chips[${i}]`));
  }
  if (o.removed !== undefined) {
    out.removed = arr(o.removed, `${path}.removed`, LIMITS.chips).map((k, i) => str(k, `${path}.removed[${i}]`, 64));
  }
  if (o.processes !== undefined) {
    out.processes = arr(o.processes, `${path}.processes`, LIMITS.processes)
      .map((p, i) => readProcessRow(p, `${path}.processes[${i}]`));
  }
  if (o.alerts !== undefined) out.alerts = readAlerts(o.alerts, `${path}.alerts`);
  if (o.server !== undefined) out.server = readServerMetrics(o.server, `${path}.server`);
  if (o.history !== undefined) out.history = history(o.history, `${path}.history`);
  return out;
}

/** What the webview accepts from the host. */
export function validateHostMessage(v: unknown): Checked<HostMessage> {
  return checked((): HostMessage => {
    const o = obj(v, 'message');
    const type = oneOf(o.type, 'message.type', ['init', 'hosts', 'update', 'status'] as const);
    switch (type) {
      case 'init':
        return {
          type,
          l10n: o.l10n === null ? null : stringMap(o.l10n, 'message.l10n', LIMITS.l10nKeys, LIMITS.l10nText),
          hosts: hostList(o.hosts, 'message.hosts'),
          host: strOrNull(o.host, 'message.host', LIMITS.text),
          windowMs: int(o.windowMs, 'message.windowMs', 1000),
        };
      case 'hosts':
        return { type, hosts: hostList(o.hosts, 'message.hosts'), host: strOrNull(o.host, 'message.host', LIMITS.text) };
      case 'update':
        return { type, host: str(o.host, 'message.host', LIMITS.text), delta: delta(o.delta, 'message.delta') };
      case 'status':
        return {
          type,
          host: strOrNull(o.host, 'message.host', LIMITS.text),
          state: oneOf(o.state, 'message.state', POLL_STATES),
          reason: strOrNull(o.reason, 'message.reason', LIMITS.l10nText),
          retryInMs: o.retryInMs === null ? null : int(o.retryInMs, 'message.retryInMs'),
        };
    }
  });
}

/**
 * What the host accepts from the webview. `knownHosts` is the list the host offered: a host the webview
 * names must be one of them, so a hostile webview cannot make the extension connect anywhere else.
 */
export function validateWebviewMessage(v: unknown, knownHosts: readonly string[]): Checked<WebviewMessage> {
  return checked((): WebviewMessage => {
    const o = obj(v, 'message');
    const type = oneOf(o.type, 'message.type', ['ready', 'selectHost', 'refresh'] as const);
    if (type !== 'selectHost') return { type };
    const host = str(o.host, 'message.host', LIMITS.text);
    if (!knownHosts.includes(host)) throw new ShapeError('message.host: not a configured host');
    return { type, host };
  });
}
