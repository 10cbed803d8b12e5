/**
 * `runtime.npus` (NPU ids as `npu-smi info` prints them) → logic ids through the `npu-smi info -m` map
 * (docs/ascend-facts.md §4 item 5). An NPU with two dies (A3, 300I Duo) contributes one logic id per die. The logic id
 * is what `/dev/davinciN` and ASCEND_RT_VISIBLE_DEVICES use on the host.
 */
import { t } from '../../l10n/index';
import type { NpuChipMapping } from '../../npu/index';
import { PlanError } from '../../host-command/plan-error';

export interface NpuDevice {
  npuId: number;
  chipId: number;
  logicId: number;
}

export function devicesFor(npus: readonly number[], mapping: readonly NpuChipMapping[]): NpuDevice[] {
  const out: NpuDevice[] = [];
  for (const npuId of npus) {
    const chips = mapping
      .filter((r) => r.npuId === npuId && r.logicId !== null)
      .sort((a, b) => a.chipId - b.chipId);
    if (chips.length === 0) {
      const known = [...new Set(mapping.filter((r) => r.logicId !== null).map((r) => r.npuId))].join(', ');
      throw new PlanError('unknown-npu', t('NPU {0} is not on this host: npu-smi info -m lists NPUs {1}.', npuId, known || '-'));
    }
    for (const c of chips) out.push({ npuId, chipId: c.chipId, logicId: c.logicId as number });
  }
  return out;
}
