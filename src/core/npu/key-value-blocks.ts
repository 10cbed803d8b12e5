/**
 * The indented `Key   : value` blocks that `npu-smi info -l` and `info -t <type>` print, split on blank
 * lines. Values stay strings here; callers decide what is a number.
 */
import { t } from '../l10n/index';
import { NpuSmiParseError, throwIfDcmiFailure } from './parse-error';

export interface KeyValueEntry {
  key: string;
  value: string;
  /** 1-based line number. */
  line: number;
}

const ENTRY = /^(\S.*?)\s*:\s*(.*)$/;

export function readKeyValueBlocks(raw: string): KeyValueEntry[][] {
  const blocks: KeyValueEntry[][] = [];
  let current: KeyValueEntry[] = [];
  const lines = raw.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].trim();
    if (text === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
      continue;
    }
    const m = ENTRY.exec(text);
    if (!m) {
      throwIfDcmiFailure(raw);
      throw new NpuSmiParseError(blocks.length === 0 && current.length === 0 ? 'no-table' : 'bad-row',
        t('Expected "key : value", found: {0}', text), raw, i + 1);
    }
    current.push({ key: m[1].replace(/\s+/g, ' '), value: m[2].trim(), line: i + 1 });
  }
  if (current.length > 0) blocks.push(current);
  if (blocks.length === 0) throw new NpuSmiParseError('no-table', t('No npu-smi output found in the text'), raw);
  return blocks;
}

/** `NA`/`-` → null, a number → number, anything else → the string as printed. */
export function keyValueValue(value: string): number | string | null {
  if (value === 'NA' || value === '-') return null;
  return /^-?\d+(?:\.\d+)?$/.test(value) ? Number(value) : value;
}

/** An integer value, else undefined. */
export function keyValueInteger(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
