/**
 * The numbers a chip's sparklines plot, taken from one snapshot row. Memory is a percentage so that chips
 * with different capacities share one scale: HBM where the chip has it (910B prints Memory as `0 / 0`),
 * else the DDR pair (310P, 310B).
 */
import type { SeriesName } from './protocol';
import type { ChipSnapshot, UsedTotal } from './snapshot-types';

function percent(pair: UsedTotal | null): number | null {
  if (!pair || pair.total <= 0) return null;
  return (pair.used / pair.total) * 100;
}

/** The memory pair a chip's card shows: HBM when the chip has a non-empty one, else Memory. */
export function primaryMemory(chip: ChipSnapshot): { kind: 'hbm' | 'memory'; pair: UsedTotal } | null {
  if (chip.hbmMB && chip.hbmMB.total > 0) return { kind: 'hbm', pair: chip.hbmMB };
  if (chip.memoryMB && chip.memoryMB.total > 0) return { kind: 'memory', pair: chip.memoryMB };
  if (chip.hbmMB) return { kind: 'hbm', pair: chip.hbmMB };
  if (chip.memoryMB) return { kind: 'memory', pair: chip.memoryMB };
  return null;
}

export function seriesPoint(chip: ChipSnapshot): Record<SeriesName, number | null> {
  const mem = primaryMemory(chip);
  return {
    aicore: chip.aicorePercent,
    memory: mem ? percent(mem.pair) : null,
    power: chip.powerW,
    temp: chip.tempC,
  };
}
