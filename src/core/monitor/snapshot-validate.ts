/**
 * Readers for the snapshot parts of a message (chips, processes, alerts, server metrics). Used by the
 * webview on every host message and by the host on every sample from its data source.
 */
import { LIMITS, type ProcessRow } from './protocol';
import { arr, int, intOrNull, num, numOrNull, obj, oneOf, str, strOrNull, ShapeError } from './shape-guards';
import type { ChipSnapshot, MonitorAlert, NpuSnapshot, ProcessSnapshot, ServerMetrics, UsedTotal } from './snapshot-types';

const T = LIMITS.text;

function usedTotal(v: unknown, path: string): UsedTotal | null {
  if (v === null) return null;
  const o = obj(v, path);
  return { used: num(o.used, `${path}.used`), total: num(o.total, `${path}.total`) };
}

export function readChip(v: unknown, path: string): ChipSnapshot {
  const o = obj(v, path);
  return {
    npuId: int(o.npuId, `${path}.npuId`),
    chipId: int(o.chipId, `${path}.chipId`),
    deviceId: intOrNull(o.deviceId ?? null, `${path}.deviceId`),
    name: strOrNull(o.name ?? null, `${path}.name`, T),
    health: strOrNull(o.health ?? null, `${path}.health`, T),
    powerW: numOrNull(o.powerW ?? null, `${path}.powerW`),
    tempC: numOrNull(o.tempC ?? null, `${path}.tempC`),
    hugepages: usedTotal(o.hugepages ?? null, `${path}.hugepages`),
    busId: strOrNull(o.busId ?? null, `${path}.busId`, T),
    aicorePercent: numOrNull(o.aicorePercent ?? null, `${path}.aicorePercent`),
    memoryMB: usedTotal(o.memoryMB ?? null, `${path}.memoryMB`),
    hbmMB: usedTotal(o.hbmMB ?? null, `${path}.hbmMB`),
  };
}

export function readProcess(v: unknown, path: string): ProcessSnapshot {
  const o = obj(v, path);
  return {
    npuId: int(o.npuId, `${path}.npuId`),
    chipId: int(o.chipId, `${path}.chipId`),
    pid: int(o.pid, `${path}.pid`),
    name: strOrNull(o.name ?? null, `${path}.name`, T),
    memoryMB: numOrNull(o.memoryMB ?? null, `${path}.memoryMB`),
    containerPid: intOrNull(o.containerPid ?? null, `${path}.containerPid`),
  };
}

export function readProcessRow(v: unknown, path: string): ProcessRow {
  const o = obj(v, path);
  return {
    ...readProcess(o, path),
    container: strOrNull(o.container ?? null, `${path}.container`, T),
    deployment: strOrNull(o.deployment ?? null, `${path}.deployment`, T),
  };
}

export function readAlert(v: unknown, path: string): MonitorAlert {
  const o = obj(v, path);
  return {
    id: str(o.id, `${path}.id`, T),
    kind: str(o.kind, `${path}.kind`, T),
    severity: oneOf(o.severity, `${path}.severity`, ['info', 'warning', 'error'] as const),
    npuId: intOrNull(o.npuId ?? null, `${path}.npuId`),
    chipId: intOrNull(o.chipId ?? null, `${path}.chipId`),
    message: str(o.message, `${path}.message`, LIMITS.l10nText),
    advice: str(o.advice ?? '', `${path}.advice`, LIMITS.l10nText),
  };
}

export function readServerMetrics(v: unknown, path: string): ServerMetrics | null {
  if (v === null) return null;
  const o = obj(v, path);
  const field = (k: keyof ServerMetrics): number | null => numOrNull(o[k] ?? null, `${path}.${k}`);
  return {
    running: field('running'),
    waiting: field('waiting'),
    kvCacheUsagePercent: field('kvCacheUsagePercent'),
    ttftP50Seconds: field('ttftP50Seconds'),
    ttftP95Seconds: field('ttftP95Seconds'),
    tokensPerSecond: field('tokensPerSecond'),
  };
}

export function readSnapshot(v: unknown, path: string): NpuSnapshot {
  const o = obj(v, path);
  return {
    version: strOrNull(o.version ?? null, `${path}.version`, T),
    chips: arr(o.chips, `${path}.chips`, LIMITS.chips).map((c, i) => readChip(c, `${path}.chips[${i}]`)),
    processes: arr(o.processes ?? [], `${path}.processes`, LIMITS.processes)
      .map((p, i) => readProcess(p, `${path}.processes[${i}]`)),
  };
}

export function readAlerts(v: unknown, path: string): MonitorAlert[] {
  return arr(v, path, LIMITS.alerts).map((a, i) => readAlert(a, `${path}[${i}]`));
}

export { ShapeError };
