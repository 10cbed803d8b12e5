/**
 * The host check as a Markdown report (rendered by the extension's Markdown preview): one row per finding with
 * its status and the fix. Findings carry host text (versions, npu-smi lines, errors), so each cell has control
 * characters stripped and Markdown / HTML punctuation escaped: a host cannot add links, images or markup.
 */
import { t } from '../../l10n/index';
import { sanitizeHostText } from '../../host-command/sanitize-text';
import type { HostReport } from './analyze-host';
import type { CheckStatus } from './types';

// Marks from the Dingbats / Misc Symbols blocks, which common fonts carry (color emoji need an emoji font, and
// show as empty boxes without one), followed by the word, so the status reads without the mark too.
const mark = (status: CheckStatus): string => ({
  pass: `✔ ${t('Pass')}`,
  warn: `⚠ ${t('Warning')}`,
  fail: `✖ ${t('Fail')}`,
})[status];

/** One table cell of host text; line breaks become <br> (the only markup it keeps). */
export function markdownCell(text: string | undefined): string {
  return sanitizeHostText(text ?? '')
    .replace(/[\\`*_[\]()<>#!|~&]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, '<br>');
}

export function hostReportMarkdown(alias: string, report: Pick<HostReport, 'findings' | 'summary'>): string {
  const lines = [
    `# ${t('Host check: {0}', markdownCell(alias))}`,
    '',
    `| ${t('Status')} | ${t('Check')} | ${t('Result')} | ${t('Fix')} |`,
    '|---|---|---|---|',
  ];
  for (const f of report.findings) lines.push(`| ${mark(f.status)} | ${markdownCell(f.title)} | ${markdownCell(f.detail)} | ${markdownCell(f.fix)} |`);
  if (report.summary) {
    lines.push('', markdownCell(t('{0} NPUs ({1}), idle HBM {2} MB per NPU.', report.summary.npuCount,
      report.summary.chip ?? '?', report.summary.idleHbmMBPerNpu ?? '?')));
  }
  return lines.join('\n') + '\n';
}

/** Counts by status, for the notification. */
export function countFindings(report: Pick<HostReport, 'findings'>): Record<CheckStatus, number> {
  const c = { pass: 0, warn: 0, fail: 0 };
  for (const f of report.findings) c[f.status]++;
  return c;
}
