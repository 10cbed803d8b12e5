/**
 * The `npu-smi info` layouts this parser knows, told apart by their two header rows (docs/ascend-facts.md §4 item 3).
 * Anything else is an unknown layout and is refused rather than guessed at.
 */

export type RowAField = 'powerW' | 'tempC' | 'hugepages';
export type RowBField = 'aicorePercent' | 'memoryMB' | 'hbmMB';

export interface InfoLayout {
  /** Second id in the second row's first cell: none (910B/910), `Phy-ID` (A3) or `Device` (310P/310/310B). */
  idColumn: 'none' | 'phy-id' | 'device';
  /** What the first row's third cell holds, in order. */
  rowA: RowAField[];
  /** What the second row's third cell holds, in order. */
  rowB: RowBField[];
}

const ROW_A: Record<string, RowAField[]> = {
  // every known layout since 21.x
  'Power(W) Temp(C) Hugepages-Usage(page)': ['powerW', 'tempC', 'hugepages'],
  // npu-smi 20.x (Atlas 300, model 3000) has no Hugepages-Usage column
  'Power(W) Temp(C)': ['powerW', 'tempC'],
};

const ROW_B: Record<string, RowBField[]> = {
  // A2 / 910 family and A3
  'AICore(%) Memory-Usage(MB) HBM-Usage(MB)': ['aicorePercent', 'memoryMB', 'hbmMB'],
  // 310P / 310 / 310B: no HBM
  'AICore(%) Memory-Usage(MB)': ['aicorePercent', 'memoryMB'],
};

const ID_COLUMN: Record<string, InfoLayout['idColumn']> = {
  Chip: 'none',
  'Chip Phy-ID': 'phy-id',
  'Chip Device': 'device',
};

function words(cell: string): string {
  return cell.trim().split(/\s+/).join(' ');
}

/** True when a row's cells look like the first header row (`NPU Name | Health | …`). */
export function isFirstHeaderRow(cells: string[]): boolean {
  return cells.length >= 1 && /^NPU\s+Name$/.test(cells[0]);
}

/** True when a row's cells look like the process header (`NPU Chip | Process id | …`). */
export function isProcessHeaderRow(cells: string[]): boolean {
  return cells.length >= 2 && /^NPU\s+Chip$/.test(cells[0]) && words(cells[1]) === 'Process id';
}

/** The layout for two header rows, or null if they are not a layout we know. */
export function detectInfoLayout(first: string[], second: string[]): InfoLayout | null {
  if (first.length !== 3 || second.length !== 3) return null;
  if (words(first[0]) !== 'NPU Name' || words(first[1]) !== 'Health') return null;
  if (words(second[1]) !== 'Bus-Id') return null;
  const idColumn = ID_COLUMN[words(second[0])];
  const rowA = ROW_A[words(first[2])];
  const rowB = ROW_B[words(second[2])];
  if (!idColumn || !rowA || !rowB) return null;
  return { idColumn, rowA, rowB };
}

export type ProcessColumns = 'pid-name-memory' | 'pid-name-memory-containerpid';

/** The process table's columns, or null for an unknown process header. */
export function detectProcessColumns(cells: string[]): ProcessColumns | null {
  const names = cells.map(words);
  const base = names[0] !== undefined && /^NPU Chip$/.test(names[0]) && names[1] === 'Process id'
    && names[2] === 'Process name' && names[3] === 'Process memory(MB)';
  if (!base) return null;
  if (names.length === 4) return 'pid-name-memory';
  if (names.length === 5 && names[4] === 'Process id in container') return 'pid-name-memory-containerpid';
  return null;
}
