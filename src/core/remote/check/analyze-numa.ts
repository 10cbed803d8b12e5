/**
 * NUMA nodes and NPU affinity. vllm-ascend ≥ v0.18.0rc1 binds each NPU's workers to its NUMA node itself
 * (docs/ascend-facts.md §6); older targets get a cpuset from deploy, which needs each NPU's node.
 */
import { t } from '../../l10n/index';
import { atLeast } from '../../versions/version-tags';
import { CPU_BINDING_SINCE } from '../deploy/docker-run-argv';
import { parseNumactlHardware, parsePciNumaNodes, rangeList } from '../host/numa';
import { finding, missingCommand, okText } from './finding';
import type { AnalysisInput, HostFinding } from './types';

/** NUMA node per NPU die, keyed `${npuId}:${chipId}`, from npu-smi Bus-Ids and sysfs. */
export function npuNumaNodes(a: AnalysisInput): Map<string, number> {
  const pci = parsePciNumaNodes(a.out.pciNuma?.stdout ?? '');
  const out = new Map<string, number>();
  for (const c of a.info?.chips ?? []) {
    const node = c.busId ? pci.get(c.busId.toLowerCase()) : undefined;
    if (node !== undefined) out.set(`${c.npuId}:${c.chipId}`, node);
  }
  return out;
}

export function analyzeNuma(a: AnalysisInput): HostFinding[] {
  const title = t('NUMA and NPU affinity');
  if (missingCommand(a.out.numa)) return [finding('numa', 'warn', title, t('numactl is not installed, so the NUMA layout is unknown.'), t('Install numactl (apt install numactl / dnf install numactl).'))];
  const nodes = parseNumactlHardware(okText(a.out.numa) ?? '');
  if (nodes.length === 0) return [finding('numa', 'warn', title, t('numactl -H printed no nodes.'))];
  const layout = nodes.map((n) => `node ${n.id}: CPUs ${rangeList(n.cpus)}`).join('; ');
  const affinity = npuNumaNodes(a);
  const wanted = a.descriptor?.runtime.npus;
  const chips = (a.info?.chips ?? []).filter((c) => !wanted || wanted.includes(c.npuId));
  const known = chips.filter((c) => affinity.has(`${c.npuId}:${c.chipId}`));
  const npuText = known.map((c) => `NPU ${c.npuId} → node ${affinity.get(`${c.npuId}:${c.chipId}`)}`).join(', ');
  const target = a.descriptor?.target.vllmAscend;
  const binds = !target || atLeast(target, CPU_BINDING_SINCE);
  if (chips.length > 0 && known.length < chips.length && !binds) {
    return [finding('numa', 'warn', title, t('{0}. The NUMA node of some NPUs is unknown, and vllm-ascend {1} does not bind CPUs itself, so deploy cannot set a cpuset.', layout, target ?? ''),
      t('Use vllm-ascend v0.18.0 or later, which binds CPUs per NPU itself.'))];
  }
  const how = binds ? t('vllm-ascend binds CPUs to each NPU NUMA node itself.') : t('Deploy sets a cpuset of the NPUs NUMA nodes.');
  return [finding('numa', 'pass', title, [layout, npuText, how].filter(Boolean).join('. '))];
}
