/**
 * `npu-smi info -m`: the NPU id ↔ chip id ↔ logic id map (docs/ascend-facts.md §4 item 5). The logic id is what
 * `ASCEND_RT_VISIBLE_DEVICES` and `/dev/davinciN` use. A whitespace table; the chip name may contain a space
 * (`Ascend 910B4`), and `Mcu` rows have logic id `-`.
 */
import { t } from '../l10n/index';
import { NpuSmiParseError, throwIfDcmiFailure } from './parse-error';

export interface NpuChipMapping {
  npuId: number;
  chipId: number;
  /** Null for `-` (the MCU). */
  logicId: number | null;
  /** As printed, e.g. `Ascend 910B4`, `Ascend 310P3`, `Mcu`. */
  chipName: string;
}

const HEADER = 'NPU ID Chip ID Chip Logic ID Chip Name';
const ROW = /^(\d+)\s+(\d+)\s+(\d+|-)\s+(\S.*)$/;

export function parseNpuSmiMapping(raw: string): NpuChipMapping[] {
  const lines = raw.split(/\r?\n/).map((l) => l.trim());
  const header = lines.findIndex((l) => l.replace(/\s+/g, ' ') === HEADER);
  if (header < 0) {
    throwIfDcmiFailure(raw);
    const known = lines.some((l) => l.startsWith('NPU ID') && l.includes('Chip'));
    throw new NpuSmiParseError(known ? 'unknown-layout' : 'no-table', t('No "npu-smi info -m" table found in the text'), raw);
  }
  const rows: NpuChipMapping[] = [];
  for (let i = header + 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const m = ROW.exec(lines[i]);
    if (!m) throw new NpuSmiParseError('bad-row', t('Unexpected row in "npu-smi info -m": {0}', lines[i]), raw, i + 1);
    rows.push({ npuId: Number(m[1]), chipId: Number(m[2]), logicId: m[3] === '-' ? null : Number(m[3]), chipName: m[4].trim() });
  }
  if (rows.length === 0) throw new NpuSmiParseError('truncated', t('"npu-smi info -m" lists no chips'), raw);
  return rows;
}

/** The logic id of one chip, or undefined when the map does not list it (or it is an MCU). */
export function logicIdOf(map: NpuChipMapping[], npuId: number, chipId: number): number | undefined {
  const row = map.find((r) => r.npuId === npuId && r.chipId === chipId);
  return row?.logicId ?? undefined;
}
