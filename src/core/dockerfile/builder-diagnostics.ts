/** What the Docker builder itself would reject, from dockerfile-utils' validator, as findings with code ASC500. */
import { validate } from 'dockerfile-utils';
import type { Finding, Severity } from '../diagnostics';
import { t } from '../l10n/index';
import { DOCS } from '../shell/doc-links';

function severityOf(s: number | undefined): Severity {
  // LSP DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint.
  if (s === 1) return 'error';
  if (s === 2) return 'warning';
  return 'info';
}

export function builderFindings(text: string): Finding[] {
  return validate(text).map((d) => ({
    range: { startLine: d.range.start.line, startColumn: d.range.start.character, endLine: d.range.end.line, endColumn: d.range.end.character },
    severity: severityOf(d.severity),
    code: 'ASC500',
    // dockerfile-utils' own text is English only; we frame it so the user knows where it comes from.
    message: t('Docker builder: {0}', typeof d.message === 'string' ? d.message : d.message.value),
    docUrl: DOCS.dockerfileReference,
  }));
}
