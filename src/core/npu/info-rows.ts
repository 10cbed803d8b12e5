/**
 * Reading one data row of `npu-smi info`: the two rows of a chip (docs/ascend-facts.md §4 item 4) and a process row
 * (item 6). Each reader checks every cell against the layout and says what is wrong instead of guessing.
 */
import { t } from '../l10n/index';
import { integerValue, metricTokens, pairValue, scalarValue, textValue } from './cell-values';
import type { InfoLayout, ProcessColumns } from './info-layout';
import type { NpuChip, NpuProcess } from './types';

export type RowResult<T> = { value: T } | { error: string };

/** What the first row of a chip carries. */
export type ChipRowA = Pick<NpuChip, 'npuId' | 'name' | 'health' | 'powerW' | 'tempC' | 'hugepages'>;
/** What the second row of a chip carries. */
export type ChipRowB = Pick<NpuChip, 'chipId' | 'deviceId' | 'busId' | 'aicorePercent' | 'memoryMB' | 'hbmMB'>;

/** Health is a word (`OK`, `Warning`, `Alarm`, `Critical`, `UNKNOWN`…); a bus id or a number here means rows are out of order. */
const HEALTH = /^[A-Za-z][A-Za-z _-]*$/;
/** PCI address `0000:C1:00.0` (domain may be 4 or 8 hex digits). */
const BUS_ID = /^[0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-9A-Fa-f]$/;

export function readChipRowA(cells: string[], layout: InfoLayout): RowResult<ChipRowA> {
  if (cells.length !== 3) return { error: t('expected 3 cells, found {0}', cells.length) };
  const [idAndName, healthCell, metrics] = cells;
  const idTokens = idAndName.split(/\s+/);
  const npuId = integerValue(idTokens[0]);
  if (npuId === undefined) return { error: t('the NPU id is not a number: {0}', idAndName) };
  const health = textValue(healthCell);
  if (health !== null && !HEALTH.test(health)) return { error: t('the health value is not a word: {0}', healthCell) };
  const tokens = metricTokens(metrics);
  if (tokens.length !== layout.rowA.length) {
    return { error: t('expected {0} values in "{1}", found {2}', layout.rowA.length, metrics, tokens.length) };
  }
  const row: ChipRowA = { npuId, name: textValue(idTokens.slice(1).join(' ')), health, powerW: null, tempC: null, hugepages: null };
  for (let i = 0; i < tokens.length; i++) {
    const field = layout.rowA[i];
    if (field === 'hugepages') {
      const pair = pairValue(tokens[i]);
      if (pair === undefined) return { error: t('not a used / total pair: {0}', tokens[i]) };
      row.hugepages = pair;
    } else {
      const n = scalarValue(tokens[i]);
      if (n === undefined) return { error: t('not a number: {0}', tokens[i]) };
      row[field] = n;
    }
  }
  return { value: row };
}

export function readChipRowB(cells: string[], layout: InfoLayout): RowResult<ChipRowB> {
  if (cells.length !== 3) return { error: t('expected 3 cells, found {0}', cells.length) };
  const [ids, busCell, metrics] = cells;
  const idTokens = ids.split(/\s+/);
  const wantIds = layout.idColumn === 'none' ? 1 : 2;
  if (idTokens.length !== wantIds) return { error: t('expected {0} ids in "{1}"', wantIds, ids) };
  const chipId = integerValue(idTokens[0]);
  if (chipId === undefined) return { error: t('the chip id is not a number: {0}', ids) };
  let deviceId: number | null = null;
  if (wantIds === 2) {
    const d = scalarValue(idTokens[1]);
    if (d === undefined || (d !== null && !Number.isInteger(d))) return { error: t('the device id is not a number: {0}', ids) };
    deviceId = d;
  }
  const busId = textValue(busCell);
  if (busId !== null && !BUS_ID.test(busId)) return { error: t('not a PCI bus id: {0}', busCell) };
  const tokens = metricTokens(metrics);
  if (tokens.length !== layout.rowB.length) {
    return { error: t('expected {0} values in "{1}", found {2}', layout.rowB.length, metrics, tokens.length) };
  }
  const row: ChipRowB = { chipId, deviceId, busId, aicorePercent: null, memoryMB: null, hbmMB: null };
  for (let i = 0; i < tokens.length; i++) {
    const field = layout.rowB[i];
    if (field === 'aicorePercent') {
      const n = scalarValue(tokens[i]);
      if (n === undefined) return { error: t('not a number: {0}', tokens[i]) };
      row.aicorePercent = n;
    } else {
      const pair = pairValue(tokens[i]);
      if (pair === undefined) return { error: t('not a used / total pair: {0}', tokens[i]) };
      row[field] = pair;
    }
  }
  return { value: row };
}

/** `No running processes found in NPU <n>`: returns n, or undefined for any other text. */
export function readNoProcessRow(cells: string[]): number | undefined {
  if (cells.length !== 1) return undefined;
  const m = /^No running processes found in NPU (\d+)$/.exec(cells[0].replace(/\s+/g, ' '));
  return m ? Number(m[1]) : undefined;
}

export function readProcessRow(cells: string[], columns: ProcessColumns): RowResult<NpuProcess> {
  const want = columns === 'pid-name-memory' ? 4 : 5;
  if (cells.length !== want) return { error: t('expected {0} cells, found {1}', want, cells.length) };
  const ids = cells[0].split(/\s+/);
  const npuId = integerValue(ids[0]);
  const chipId = integerValue(ids[1]);
  if (ids.length !== 2 || npuId === undefined || chipId === undefined) return { error: t('expected "NPU Chip" ids, found: {0}', cells[0]) };
  const pid = integerValue(cells[1]);
  if (pid === undefined) return { error: t('the process id is not a number: {0}', cells[1]) };
  const memoryMB = scalarValue(cells[3]);
  if (memoryMB === undefined) return { error: t('not a number: {0}', cells[3]) };
  let containerPid: number | null = null;
  if (want === 5) {
    const c = scalarValue(cells[4]);
    if (c === undefined || (c !== null && !Number.isInteger(c))) return { error: t('the process id is not a number: {0}', cells[4]) };
    containerPid = c;
  }
  return { value: { npuId, chipId, pid, name: textValue(cells[2]), memoryMB, containerPid } };
}
