/**
 * `npu-smi info` → {@link NpuSmiInfo}. A small state machine over the table's lines: optional title, two
 * header rows that pick the layout, chip row pairs, then an optional process table. Anything it does not
 * recognise throws {@link NpuSmiParseError}; it never returns numbers it is unsure of.
 */
import { t } from '../l10n/index';
import { isBorderLine, isDoubleBorder, splitTableRow } from './cell-values';
import { detectInfoLayout, detectProcessColumns, isFirstHeaderRow, isProcessHeaderRow, type InfoLayout, type ProcessColumns } from './info-layout';
import { readChipRowA, readChipRowB, readNoProcessRow, readProcessRow, type ChipRowA, type RowResult } from './info-rows';
import { NpuSmiParseError, throwIfDcmiFailure, type NpuSmiParseErrorCode } from './parse-error';
import type { NpuChip, NpuSmiInfo } from './types';

type Mode = 'preamble' | 'header2' | 'header-end' | 'chips' | 'process-header-end' | 'processes';

/** `npu-smi 23.0.2.1   Version: 23.0.2.1` (docs/ascend-facts.md §4 item 2). */
const TITLE = /^npu-smi\s+\S+\s+Version:\s*(\S+)$/;

const isTableLine = (s: string): boolean => s.startsWith('|') || s.startsWith('+');

export function parseNpuSmiInfo(raw: string): NpuSmiInfo {
  const lines = raw.split(/\r?\n/).map((l) => l.trim());
  const first = lines.findIndex(isTableLine);
  if (first < 0) {
    throwIfDcmiFailure(raw);
    throw new NpuSmiParseError('no-table', t('No npu-smi table found in the text'), raw);
  }
  let last = lines.length - 1;
  while (!isTableLine(lines[last])) last--;

  const fail = (code: NpuSmiParseErrorCode, message: string, index: number): never => {
    throw new NpuSmiParseError(code, message, raw, index + 1);
  };
  const take = <T>(r: RowResult<T>, index: number): T =>
    'value' in r ? r.value : fail('bad-row', t('Unexpected row in the npu-smi table: {0}', r.error), index);

  const info: NpuSmiInfo = { version: null, chips: [], processes: [] };
  const seen = new Set<string>();
  let mode: Mode = 'preamble';
  let header1: string[] = [];
  let layout: InfoLayout | null = null;
  let processColumns: ProcessColumns | null = null;
  let pendingA: ChipRowA | null = null;

  for (let i = first; i <= last; i++) {
    const line = lines[i];
    if (line === '') continue;
    if (!isTableLine(line)) fail('bad-row', t('Unexpected text inside the npu-smi table'), i);
    if (line.startsWith('+')) {
      if (!isBorderLine(line)) fail(i === last ? 'truncated' : 'bad-row', t('Malformed table border'), i);
      if (mode === 'header2') fail('unknown-layout', t('Unknown npu-smi layout: the header has one row'), i);
      if (mode === 'header-end') {
        if (!isDoubleBorder(line)) fail('unknown-layout', t('Unknown npu-smi layout: the header has more than two rows'), i);
        mode = 'chips';
      } else if (mode === 'process-header-end') {
        mode = 'processes';
      } else if (mode === 'chips' && pendingA) {
        fail('bad-row', t('A chip row has no second row'), i);
      }
      continue;
    }
    const cells = splitTableRow(line);
    if (!cells) {
      fail(i === last ? 'truncated' : 'bad-row', t('A table row does not end with "|"'), i);
      continue;
    }
    switch (mode) {
      case 'preamble': {
        const title = cells.length === 1 ? TITLE.exec(cells[0].replace(/\s+/g, ' ')) : null;
        if (title && info.version === null) info.version = title[1];
        else if (isFirstHeaderRow(cells)) {
          header1 = cells;
          mode = 'header2';
        } else fail('unknown-layout', t('Unknown npu-smi layout: {0}', line), i);
        break;
      }
      case 'header2':
        layout = detectInfoLayout(header1, cells);
        if (!layout) fail('unknown-layout', t('Unknown npu-smi layout: {0}', `${header1.join(' | ')} / ${cells.join(' | ')}`), i);
        mode = 'header-end';
        break;
      case 'header-end':
        fail('unknown-layout', t('Unknown npu-smi layout: the header has more than two rows'), i);
        break;
      case 'chips':
        if (isProcessHeaderRow(cells)) {
          if (pendingA) fail('bad-row', t('A chip row has no second row'), i);
          processColumns = detectProcessColumns(cells);
          if (!processColumns) fail('unknown-layout', t('Unknown npu-smi process table: {0}', line), i);
          mode = 'process-header-end';
        } else if (!pendingA) {
          pendingA = take(readChipRowA(cells, layout as InfoLayout), i);
        } else {
          const b = take(readChipRowB(cells, layout as InfoLayout), i);
          const key = `${pendingA.npuId}:${b.chipId}`;
          if (seen.has(key)) fail('bad-row', t('NPU {0} chip {1} appears twice', pendingA.npuId, b.chipId), i);
          seen.add(key);
          const chip: NpuChip = { ...pendingA, ...b };
          info.chips.push({
            npuId: chip.npuId, chipId: chip.chipId, deviceId: chip.deviceId, name: chip.name, health: chip.health,
            powerW: chip.powerW, tempC: chip.tempC, hugepages: chip.hugepages, busId: chip.busId,
            aicorePercent: chip.aicorePercent, memoryMB: chip.memoryMB, hbmMB: chip.hbmMB,
          });
          pendingA = null;
        }
        break;
      case 'process-header-end':
        fail('bad-row', t('The process table header is not followed by a border'), i);
        break;
      case 'processes':
        if (readNoProcessRow(cells) === undefined) {
          info.processes.push(take(readProcessRow(cells, processColumns as ProcessColumns), i));
        }
        break;
    }
  }

  if (mode !== 'chips' && mode !== 'processes') {
    fail(mode === 'preamble' ? 'no-table' : 'truncated', t('The npu-smi output ends in the middle of the table'), last);
  }
  if (pendingA) fail('truncated', t('The npu-smi output ends in the middle of the table'), last);
  if (!isBorderLine(lines[last])) fail('truncated', t('The npu-smi output ends in the middle of the table'), last);
  if (info.chips.length === 0) fail('truncated', t('The npu-smi table lists no chips'), last);
  return info;
}
