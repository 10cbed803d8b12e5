/**
 * Alerts over one `npu-smi info` snapshot and, optionally, recent log text (vLLM / container / npu-smi
 * stderr). Tied to the article's troubleshooting table (latency jitter ← NPU temperature; OOM ← batch too
 * large; load failure ← /dev/davinci* permissions) and docs/ascend-facts.md §7 (items 3, 4 and 5).
 */
import { t } from '../l10n/index';
import type { NpuChip, NpuSmiInfo } from './types';

export type NpuAlertKind =
  | 'temperature-high'
  | 'memory-near-full'
  | 'health-not-ok'
  | 'dcmi-init-failed'
  | 'device-permission'
  | 'npu-out-of-memory';

export interface NpuAlert {
  /** Stable across ticks for the same condition (kind + chip), so a panel can keep or dismiss it. */
  id: string;
  kind: NpuAlertKind;
  severity: 'warning' | 'error';
  npuId: number | null;
  chipId: number | null;
  /** What was seen; localized. */
  message: string;
  /** What to check or change; localized. */
  advice: string;
}

/**
 * Chip temperature (°C) from which we warn. The reference material gives no Ascend throttling or alarm
 * temperature; this is our own conservative default (idle 910B4s in the fixtures read 33–39 °C, loaded
 * 910B1s 41–42 °C). Callers can override it.
 */
export const TEMPERATURE_WARN_C = 85;

/**
 * HBM (or, on 310P/310B, device DDR) used/total ratio from which we warn. vLLM reserves
 * `--gpu-memory-utilization` of device memory up front (default 0.92 in v0.23.0, vllm-engine-args.tsv), so a
 * serving chip sits near 92 % by design; above 97 % there is no headroom left for activations.
 */
export const MEMORY_NEAR_FULL_RATIO = 0.97;

export interface AlertThresholds {
  temperatureC: number;
  memoryNearFullRatio: number;
}

const DEFAULTS: AlertThresholds = { temperatureC: TEMPERATURE_WARN_C, memoryNearFullRatio: MEMORY_NEAR_FULL_RATIO };

/** Health values that are an error rather than a warning (npu-smi prints OK, Warning, Alarm, Critical, UNKNOWN). */
const SEVERE_HEALTH = new Set(['Alarm', 'Critical']);

function chipAlerts(chip: NpuChip, limits: AlertThresholds): NpuAlert[] {
  const out: NpuAlert[] = [];
  const where = { npuId: chip.npuId, chipId: chip.chipId };
  const key = `${chip.npuId}:${chip.chipId}`;
  if (chip.tempC !== null && chip.tempC >= limits.temperatureC) {
    out.push({
      id: `temperature-high:${key}`, kind: 'temperature-high', severity: 'warning', ...where,
      message: t('NPU {0} chip {1} is at {2} °C', chip.npuId, chip.chipId, chip.tempC),
      advice: t('High NPU temperature makes inference latency jitter. Check the server\'s cooling: fan speed policy, airflow and inlet temperature.'),
    });
  }
  const memory = chip.hbmMB && chip.hbmMB.total > 0 ? chip.hbmMB : chip.memoryMB && chip.memoryMB.total > 0 ? chip.memoryMB : null;
  if (memory && memory.used / memory.total >= limits.memoryNearFullRatio) {
    out.push({
      id: `memory-near-full:${key}`, kind: 'memory-near-full', severity: 'warning', ...where,
      message: t('NPU {0} chip {1} memory is nearly full: {2} of {3} MB', chip.npuId, chip.chipId, memory.used, memory.total),
      advice: t('Lower --max-num-seqs or --max-model-len (or --gpu-memory-utilization) so that requests do not run out of NPU memory.'),
    });
  }
  if (chip.health !== null && chip.health !== 'OK') {
    out.push({
      id: `health-not-ok:${key}`, kind: 'health-not-ok', severity: SEVERE_HEALTH.has(chip.health) ? 'error' : 'warning', ...where,
      message: t('NPU {0} chip {1} health is {2}', chip.npuId, chip.chipId, chip.health),
      advice: t('Run "npu-smi info -t health -i {0}" on the host to see the alarm codes.', chip.npuId),
    });
  }
  return out;
}

interface LogRule {
  kind: NpuAlertKind;
  pattern: RegExp;
  message: () => string;
  advice: () => string;
}

/** Error texts from docs/ascend-facts.md §7 (and the article's "/dev/davinci* permissions" row). */
const LOG_RULES: LogRule[] = [
  {
    kind: 'dcmi-init-failed',
    pattern: /dcmi module initialize failed\. ret is -8005/,
    message: () => t('npu-smi could not initialize the device management interface (dcmi error {0})', '-8005'),
    advice: () => t('The NPU is held by another container, or this container lacks the device nodes or driver mounts. Check --device /dev/davinciN, /dev/davinci_manager, /dev/devmm_svm and /dev/hisi_hdc, and the /usr/local/Ascend/driver mounts; the reporter of this error fixed it with --privileged.'),
  },
  {
    kind: 'device-permission',
    // The article's row names no exact text; the kernel's errno text is matched only on lines naming a davinci node.
    pattern: /\/dev\/davinci\S*.*Permission denied|Permission denied.*\/dev\/davinci|open device \d+ failed, runtime result = 107001|Set visible device failed, invalid device/,
    message: () => t('The NPU device could not be opened'),
    advice: () => t('Check the permissions of /dev/davinci* for the user running vLLM, and that ASCEND_RT_VISIBLE_DEVICES names only devices passed with --device (inside the container ids restart at 0).'),
  },
  {
    kind: 'npu-out-of-memory',
    pattern: /NPU out of memory|No available memory for the cache blocks/,
    message: () => t('vLLM ran out of NPU memory'),
    advice: () => t('Lower --max-num-seqs or --max-model-len, tune --gpu-memory-utilization, use more tensor parallelism or a quantized model.'),
  },
];

/** Every alert for a snapshot (may be null when npu-smi failed) plus recent log text. */
export function evaluateNpuAlerts(info: NpuSmiInfo | null, logText = '', thresholds: Partial<AlertThresholds> = {}): NpuAlert[] {
  const limits = { ...DEFAULTS, ...thresholds };
  const alerts = info ? info.chips.flatMap((c) => chipAlerts(c, limits)) : [];
  for (const rule of LOG_RULES) {
    if (rule.pattern.test(logText)) {
      alerts.push({ id: rule.kind, kind: rule.kind, severity: 'error', npuId: null, chipId: null, message: rule.message(), advice: rule.advice() });
    }
  }
  return alerts;
}
