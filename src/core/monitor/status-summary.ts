/**
 * The status-bar item shown while the monitor panel is closed: chip count, mean AICore, hottest chip, and
 * whether an alert is raised or polling is failing. Pure text; the extension host puts it on the item.
 */
import { t } from '../l10n/index';
import type { SchedulerStatus } from './poll-scheduler';
import type { ChipSnapshot, MonitorAlert } from './snapshot-types';

export interface StatusSummary {
  text: string;
  tooltip: string;
  level: 'normal' | 'warning' | 'error';
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export function statusSummary(
  host: string,
  chips: readonly ChipSnapshot[] | null,
  alerts: readonly MonitorAlert[],
  status: Pick<SchedulerStatus, 'state' | 'reason'>,
): StatusSummary {
  if (status.state === 'backoff') {
    return {
      text: `$(warning) ${t('NPU {0}: not updating', host)}`,
      tooltip: t('Sampling {0} failed: {1}', host, status.reason ?? ''),
      level: 'error',
    };
  }
  if (!chips) return { text: `$(pulse) ${t('NPU {0}: waiting', host)}`, tooltip: t('Waiting for the first sample of {0}', host), level: 'normal' };
  const aicore = mean(chips.flatMap((c) => (c.aicorePercent === null ? [] : [c.aicorePercent])));
  const temps = chips.flatMap((c) => (c.tempC === null ? [] : [c.tempC]));
  const hottest = temps.length ? Math.max(...temps) : null;
  const parts = [t('{0} chips', chips.length)];
  if (aicore !== null) parts.push(t('AICore {0}%', Math.round(aicore)));
  if (hottest !== null) parts.push(`${hottest}°C`);
  const errors = alerts.filter((a) => a.severity === 'error').length;
  const level = errors > 0 ? 'error' : alerts.length > 0 ? 'warning' : 'normal';
  const icon = level === 'normal' ? '$(pulse)' : '$(warning)';
  const alertText = alerts.length > 0 ? ` · ${t('{0} alerts', alerts.length)}` : '';
  const lines = [t('NPU monitor: {0}', host), ...alerts.map((a) => `• ${a.message}`), t('Click to open the NPU monitor')];
  return { text: `${icon} ${host}: ${parts.join(' · ')}${alertText}`, tooltip: lines.join('\n'), level };
}
