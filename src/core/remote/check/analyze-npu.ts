/**
 * npu-smi health, the descriptor's NPUs, temperatures (the article's "latency jitter ← NPU temperature" row)
 * and free device memory; plus the summary the config rules cache (NPU count, idle HBM, chip).
 */
import { t } from '../../l10n/index';
import { TEMPERATURE_WARN_C, type NpuChip, type NpuSmiInfo } from '../../npu/index';
import { finding, firstError, missingCommand } from './finding';
import type { AnalysisInput, HostFinding, HostSummary } from './types';

const free = (c: NpuChip): number | null => {
  const m = c.hbmMB ?? c.memoryMB;
  return m && m.total > 0 ? m.total - m.used : null;
};

/** Chip name as the descriptor spells it (docs/ascend-facts.md §4/§6: A3 shows as `Ascend910` with two dies). */
export function chipOf(info: NpuSmiInfo, mapName?: string): string | null {
  const name = info.chips.find((c) => c.name && c.name !== 'xxx')?.name ?? mapName?.replace(/^Ascend\s*/, '') ?? null;
  if (!name) return null;
  if (name === 'Ascend910' || name === '910') return info.chips.some((c) => c.chipId > 0) ? 'A3' : 'Ascend910';
  return name;
}

export function summarize(info: NpuSmiInfo, mapping: AnalysisInput['mapping']): HostSummary {
  const logical = mapping ? mapping.filter((r) => r.logicId !== null).length : info.chips.length;
  const frees = info.chips.map(free).filter((n): n is number => n !== null);
  return {
    npuCount: logical,
    idleHbmMBPerNpu: frees.length ? Math.min(...frees) : 0,
    chip: chipOf(info, mapping?.find((r) => r.logicId !== null)?.chipName),
  };
}

function healthFinding(a: AnalysisInput): HostFinding {
  const r = a.out.npuSmi;
  const title = t('npu-smi health');
  if (missingCommand(r)) return finding('npu-health', 'fail', title, t('npu-smi is not installed or not on PATH.'), t('Install the Ascend driver package, which provides npu-smi.'));
  const text = `${r?.stdout ?? ''}\n${r?.stderr ?? ''}`;
  if (/dcmi module initialize failed\. ret is -8005/.test(text)) {
    return finding('npu-health', 'fail', title, t('npu-smi failed: "dcmi module initialize failed. ret is -8005". The device is held by another container, or device nodes or driver mounts are missing.'),
      t('Stop the container holding the NPUs, and check /dev/davinci* and the driver mounts.'));
  }
  if (!a.info) return finding('npu-health', 'fail', title, t('npu-smi info gave no table: {0}', firstError(r) || '-'));
  const bad = a.info.chips.filter((c) => c.health !== null && c.health !== 'OK');
  if (bad.length === 0) return finding('npu-health', 'pass', title, t('{0} devices, all OK (driver {1})', a.info.chips.length, a.info.version ?? '?'));
  const severe = bad.some((c) => c.health !== 'Warning');
  return finding('npu-health', severe ? 'fail' : 'warn', title, t('Not OK: {0}', bad.map((c) => `NPU ${c.npuId}/${c.chipId} ${c.health}`).join(', ')),
    t('Read the alarms with npu-smi info -t health -i <id> and follow the hardware guide.'));
}

function npuIdsFinding(a: AnalysisInput): HostFinding | undefined {
  const wanted = a.descriptor?.runtime.npus;
  if (!wanted || !a.mapping) return undefined;
  const have = new Set(a.mapping.filter((r) => r.logicId !== null).map((r) => r.npuId));
  const missing = wanted.filter((n) => !have.has(n));
  if (missing.length > 0) {
    return finding('npu-ids', 'fail', t('NPUs of the descriptor'), t('runtime.npus lists {0}, which this host does not have (it has {1}).', missing.join(', '), [...have].join(', ')),
      t('Use NPU ids as npu-smi info prints them.'));
  }
  const logic = a.mapping.filter((r) => wanted.includes(r.npuId) && r.logicId !== null).map((r) => `${r.npuId}→${r.logicId}`);
  return finding('npu-ids', 'pass', t('NPUs of the descriptor'), t('NPU → logic id: {0}', logic.join(', ')));
}

function temperatureFinding(info: NpuSmiInfo): HostFinding {
  const hot = info.chips.filter((c) => c.tempC !== null && c.tempC >= TEMPERATURE_WARN_C);
  const temps = info.chips.map((c) => c.tempC).filter((x): x is number => x !== null);
  if (hot.length > 0) {
    return finding('temperature', 'warn', t('NPU temperature'), t('Hot: {0}. High NPU temperature makes latency jitter.', hot.map((c) => `NPU ${c.npuId} ${c.tempC} °C`).join(', ')),
      t('Check the cooling and the fan speed policy of the server.'));
  }
  return finding('temperature', 'pass', t('NPU temperature'), temps.length ? t('Highest {0} °C (warning from {1} °C)', Math.max(...temps), TEMPERATURE_WARN_C) : t('npu-smi reports no temperatures.'));
}

function memoryFinding(a: AnalysisInput, info: NpuSmiInfo): HostFinding {
  const wanted = a.descriptor?.runtime.npus;
  const chips = wanted ? info.chips.filter((c) => wanted.includes(c.npuId)) : info.chips;
  const ours = new Set(a.deployment?.status === 'running' ? a.deployment.npus : []);
  const foreign = info.processes.filter((p) => chips.some((c) => c.npuId === p.npuId) && !ours.has(p.npuId));
  const frees = chips.map((c) => `NPU ${c.npuId}/${c.chipId}: ${free(c) ?? '?'} MB`);
  if (foreign.length > 0) {
    return finding('hbm', 'warn', t('Free NPU memory'), t('In use by other processes: {0}. Two servers cannot share an NPU: memory is reserved per instance.', foreign.map((p) => `NPU ${p.npuId} pid ${p.pid} ${p.name ?? ''} ${p.memoryMB ?? '?'} MB`.replace(/\s+/g, ' ')).join('; ')),
      t('Stop those processes, or choose other NPUs in runtime.npus.'));
  }
  return finding('hbm', 'pass', t('Free NPU memory'), frees.join(', ') || '-');
}

export function analyzeNpu(a: AnalysisInput): HostFinding[] {
  const out = [healthFinding(a)];
  const ids = npuIdsFinding(a);
  if (ids) out.push(ids);
  if (a.info) out.push(temperatureFinding(a.info), memoryFinding(a, a.info));
  return out;
}
