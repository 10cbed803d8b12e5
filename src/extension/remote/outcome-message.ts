import * as vscode from 'vscode';
import type { DeployOutcome, JobOutcome } from '../../core/remote/index';
import { sanitizeHostText } from '../../core/host-command/sanitize-text';
import { jobsOutput } from './run-context';

/**
 * The one message that ends a host operation. A failure names the causes the known-error catalogue matched in
 * the job's log or the failed container's last log lines (src/core/remote/diagnose), and offers the output;
 * "Ascend Jobs" gets the same diagnosis under the run's output.
 */
export async function showOutcome(title: string, outcome: JobOutcome | DeployOutcome): Promise<void> {
  const message = sanitizeHostText(outcome.message);
  if (outcome.status === 'succeeded' || outcome.status === 'skipped') {
    void vscode.window.showInformationMessage(`${title}: ${message}`);
    return;
  }
  if (outcome.status === 'cancelled') {
    // An upload says what it kept on the host ("the next run sends only the rest").
    void vscode.window.showInformationMessage(message ? vscode.l10n.t('{0} cancelled: {1}', title, message) : vscode.l10n.t('{0} cancelled.', title));
    return;
  }
  const out = jobsOutput();
  const causes = outcome.diagnosis.map((m) => `${m.cause} ${m.fix}`).filter((x, i, a) => a.indexOf(x) === i);
  for (const m of outcome.diagnosis) {
    out.appendLine(vscode.l10n.t('Diagnosis (log line {0}): {1}', m.line, m.text));
    out.appendLine(`  ${vscode.l10n.t('Cause: {0}', m.cause)}`);
    out.appendLine(`  ${vscode.l10n.t('Fix: {0}', m.fix)}`);
  }
  const rolled = 'rolledBack' in outcome && outcome.rolledBack ? ` ${vscode.l10n.t('The previous deployment was restored.')}` : '';
  const showOutput = vscode.l10n.t('Show Output');
  const text = `${title}: ${message}${rolled}${causes.length ? ` — ${sanitizeHostText(causes.join(' '))}` : ''}`;
  const pick = await vscode.window.showErrorMessage(text, showOutput);
  if (pick === showOutput) out.show(true);
}
