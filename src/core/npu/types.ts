/**
 * The JSON shape of a parsed `npu-smi info`. Every field is reported as npu-smi printed it;
 * `NA` and `-` become null, and a column that the layout lacks is null too (never 0).
 */

/** A `used / total` pair as printed, e.g. `2654 / 32768`. */
export interface UsedTotal {
  used: number;
  total: number;
}

/** One chip (die) row pair of the `npu-smi info` table. */
export interface NpuChip {
  /** The NPU id printed in the first column (not 0..N-1 on 310P: 32896, 24, …). */
  npuId: number;
  /** The `Chip` column of the second row. */
  chipId: number;
  /** The `Device` (310P/310/310B) or `Phy-ID` (A3) column; null where the layout has neither. */
  deviceId: number | null;
  /** e.g. `910B4`, `Ascend910`, `310P3`, or `xxx` when masked; null if the cell is blank. */
  name: string | null;
  /** e.g. `OK`, `Warning`, `Alarm` (kept as printed). */
  health: string | null;
  powerW: number | null;
  tempC: number | null;
  /** Hugepages-Usage(page); null where the layout lacks it (npu-smi 20.x) or it reads NA. */
  hugepages: UsedTotal | null;
  /** PCI bus id such as `0000:C1:00.0`; null when printed `NA` (SoC boards). */
  busId: string | null;
  aicorePercent: number | null;
  /** Memory-Usage(MB): `0 / 0` on 910B, DDR on Ascend 910 and 310P. */
  memoryMB: UsedTotal | null;
  /** HBM-Usage(MB); null where the layout has no HBM column (310P, 310, 310B). */
  hbmMB: UsedTotal | null;
}

/** One row of the process table that follows the chip table. */
export interface NpuProcess {
  npuId: number;
  chipId: number;
  pid: number;
  /** Truncated by npu-smi to ~15 characters; null when blank. */
  name: string | null;
  memoryMB: number | null;
  /** `Process id in container` (newer wide layout); null on the host (`NA`) or where the column is absent. */
  containerPid: number | null;
}

/** A parsed `npu-smi info`. */
export interface NpuSmiInfo {
  /** The title row's `Version:` value; null when the title row is missing. */
  version: string | null;
  chips: NpuChip[];
  processes: NpuProcess[];
}
