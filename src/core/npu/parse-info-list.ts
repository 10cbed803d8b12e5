/**
 * `npu-smi info -l`: `Total Count : 8`, then one block per NPU with `NPU ID` and `Chip Count`
 * (docs/ascend-facts.md §4 "Other commands"). Other keys a driver may add are kept, as printed.
 */
import { t } from '../l10n/index';
import { keyValueInteger, readKeyValueBlocks } from './key-value-blocks';
import { NpuSmiParseError } from './parse-error';

export interface NpuListEntry {
  npuId: number;
  chipCount: number | null;
  /** Every other key of the block, as printed. */
  fields: Record<string, string>;
}

export interface NpuList {
  totalCount: number | null;
  npus: NpuListEntry[];
}

export function parseNpuSmiList(raw: string): NpuList {
  const result: NpuList = { totalCount: null, npus: [] };
  for (const block of readKeyValueBlocks(raw)) {
    let entry: NpuListEntry | null = null;
    for (const { key, value, line } of block) {
      if (key === 'Total Count') {
        const n = keyValueInteger(value);
        if (n === undefined || result.totalCount !== null) throw new NpuSmiParseError('bad-row', t('Unexpected "Total Count": {0}', value), raw, line);
        result.totalCount = n;
      } else if (key === 'NPU ID') {
        const id = keyValueInteger(value);
        if (id === undefined) throw new NpuSmiParseError('bad-row', t('the NPU id is not a number: {0}', value), raw, line);
        entry = { npuId: id, chipCount: null, fields: {} };
        result.npus.push(entry);
      } else if (!entry) {
        throw new NpuSmiParseError('unknown-layout', t('Expected "NPU ID" before "{0}"', key), raw, line);
      } else if (key === 'Chip Count') {
        const n = keyValueInteger(value);
        if (n === undefined) throw new NpuSmiParseError('bad-row', t('not a number: {0}', value), raw, line);
        entry.chipCount = n;
      } else {
        entry.fields[key] = value;
      }
    }
  }
  if (result.npus.length === 0) throw new NpuSmiParseError('no-table', t('"npu-smi info -l" lists no NPUs'), raw);
  if (result.totalCount !== null && result.totalCount !== result.npus.length) {
    throw new NpuSmiParseError('truncated', t('"Total Count" is {0} but {1} NPUs are listed', result.totalCount, result.npus.length), raw);
  }
  return result;
}
