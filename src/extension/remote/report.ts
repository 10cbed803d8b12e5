import * as vscode from 'vscode';
import type { HostReport } from '../../core/remote/index';

// Marks from the Dingbats / Misc Symbols blocks, which common fonts carry (color emoji need an emoji font, and
// show as empty boxes without one), followed by the word, so the status reads without the mark too.
const mark = (status: 'pass' | 'warn' | 'fail'): string => ({
  pass: `✔ ${vscode.l10n.t('Pass')}`,
  warn: `⚠ ${vscode.l10n.t('Warning')}`,
  fail: `✖ ${vscode.l10n.t('Fail')}`,
})[status];

/** The host check as a Markdown report: one row per finding with its status and the fix. */
export function hostReportMarkdown(alias: string, report: HostReport): string {
  const lines = [
    `# ${vscode.l10n.t('Host check: {0}', alias)}`,
    '',
    `| ${vscode.l10n.t('Status')} | ${vscode.l10n.t('Check')} | ${vscode.l10n.t('Result')} | ${vscode.l10n.t('Fix')} |`,
    '|---|---|---|---|',
  ];
  const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, '<br>');
  for (const f of report.findings) lines.push(`| ${mark(f.status)} | ${cell(f.title)} | ${cell(f.detail)} | ${cell(f.fix)} |`);
  if (report.summary) {
    lines.push('', vscode.l10n.t('{0} NPUs ({1}), idle HBM {2} MB per NPU.', report.summary.npuCount,
      report.summary.chip ?? '?', report.summary.idleHbmMBPerNpu ?? '?'));
  }
  return lines.join('\n') + '\n';
}

/** Counts by status, for the notification. */
export function countFindings(report: HostReport): { pass: number; warn: number; fail: number } {
  const c = { pass: 0, warn: 0, fail: 0 };
  for (const f of report.findings) c[f.status]++;
  return c;
}
