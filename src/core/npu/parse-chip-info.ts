/**
 * `npu-smi info -t usages -i <id>` and `info -t common -i <id>` (docs/ascend-facts.md §4 "Other commands"): an
 * `NPU ID` / `Chip Count` block, then one block per chip. `usages` prints `Chip ID` last in a chip's block,
 * `common` prints it first; blocks without a `Chip ID` (the `Chip Name : mcu` block) are kept as `others`.
 * Keys are kept exactly as printed (`HBM Usage Rate(%)`, `NPU Real-time Power(W)`, …).
 */
import { t } from '../l10n/index';
import { keyValueInteger, keyValueValue, readKeyValueBlocks, type KeyValueEntry } from './key-value-blocks';
import { NpuSmiParseError } from './parse-error';

export type ChipInfoValue = number | string | null;

export interface NpuChipInfo {
  npuId: number;
  chipCount: number | null;
  chips: { chipId: number; values: Record<string, ChipInfoValue> }[];
  /** Blocks without a `Chip ID`, e.g. `{ "Chip Name": "mcu", "Temperature(C)": 38 }`. */
  others: Record<string, ChipInfoValue>[];
}

const CHIP_ID = 'Chip ID';

/** Splits a block holding several chips at each `Chip ID`, before or after it depending on where it sits. */
function splitChips(block: KeyValueEntry[], raw: string): KeyValueEntry[][] {
  const ids = block.filter((e) => e.key === CHIP_ID).length;
  if (ids <= 1) return [block];
  const leading = block[0].key === CHIP_ID;
  const trailing = block[block.length - 1].key === CHIP_ID;
  if (!leading && !trailing) throw new NpuSmiParseError('unknown-layout', t('Cannot tell which values belong to which chip'), raw, block[0].line);
  const parts: KeyValueEntry[][] = [];
  let current: KeyValueEntry[] = [];
  for (const e of block) {
    if (leading && e.key === CHIP_ID && current.length > 0) {
      parts.push(current);
      current = [];
    }
    current.push(e);
    if (!leading && e.key === CHIP_ID) {
      parts.push(current);
      current = [];
    }
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

export function parseNpuSmiChipInfo(raw: string): NpuChipInfo {
  const blocks = readKeyValueBlocks(raw);
  const head = blocks[0];
  if (head[0].key !== 'NPU ID') throw new NpuSmiParseError('unknown-layout', t('Expected "NPU ID" first, found "{0}"', head[0].key), raw, head[0].line);
  const npuId = keyValueInteger(head[0].value);
  if (npuId === undefined) throw new NpuSmiParseError('bad-row', t('the NPU id is not a number: {0}', head[0].value), raw, head[0].line);
  const result: NpuChipInfo = { npuId, chipCount: null, chips: [], others: [] };
  const rest = [head.slice(1), ...blocks.slice(1)];
  for (const block of rest) {
    if (block.length === 0) continue;
    for (const part of splitChips(block, raw)) {
      const values: Record<string, ChipInfoValue> = {};
      let chipId: number | undefined;
      for (const e of part) {
        if (e.key === 'Chip Count' && result.chipCount === null && result.chips.length === 0) {
          const n = keyValueInteger(e.value);
          if (n === undefined) throw new NpuSmiParseError('bad-row', t('not a number: {0}', e.value), raw, e.line);
          result.chipCount = n;
        } else if (e.key === CHIP_ID) {
          chipId = keyValueInteger(e.value);
          if (chipId === undefined) throw new NpuSmiParseError('bad-row', t('the chip id is not a number: {0}', e.value), raw, e.line);
        } else if (e.key in values) {
          throw new NpuSmiParseError('bad-row', t('"{0}" appears twice in one chip', e.key), raw, e.line);
        } else {
          values[e.key] = keyValueValue(e.value);
        }
      }
      if (chipId !== undefined) result.chips.push({ chipId, values });
      else if (Object.keys(values).length > 0) result.others.push(values);
    }
  }
  if (result.chips.length === 0) throw new NpuSmiParseError('truncated', t('The npu-smi output lists no chips'), raw);
  if (result.chipCount !== null && result.chipCount !== result.chips.length) {
    throw new NpuSmiParseError('truncated', t('"Chip Count" is {0} but {1} chips are listed', result.chipCount, result.chips.length), raw);
  }
  return result;
}
