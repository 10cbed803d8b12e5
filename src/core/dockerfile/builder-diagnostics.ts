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

/**
 * dockerfile-utils keeps build-stage names in a plain object, so a stage named `constructor` or `__proto__` (names
 * of Object.prototype; Docker lowercases stage names) makes it throw. Those names are given to it as placeholders of
 * the same length (positions stay right), and put back into its messages.
 */
function maskPrototypeStageNames(text: string): { text: string; unmask: (message: string) => string } {
  const names = new Map<string, string>();
  const masked = text.replace(/^(\s*FROM\s.*?\sAS\s+)(\S+)/gim, (whole, head: string, name: string) => {
    const lower = name.toLowerCase();
    if (!(lower in Object.prototype)) return whole;
    let placeholder = names.get(lower);
    if (!placeholder) {
      placeholder = lower[0] + String(names.size).padStart(name.length - 1, 'z');
      names.set(lower, placeholder);
    }
    return head + placeholder;
  });
  return {
    text: masked,
    unmask: (message) => [...names].reduce((m, [name, placeholder]) => m.split(placeholder).join(name), message),
  };
}

export function builderFindings(text: string): Finding[] {
  const { text: safe, unmask } = maskPrototypeStageNames(text);
  return validate(safe).map((d) => ({
    range: { startLine: d.range.start.line, startColumn: d.range.start.character, endLine: d.range.end.line, endColumn: d.range.end.character },
    severity: severityOf(d.severity),
    code: 'ASC500',
    // dockerfile-utils' own text is English only; we frame it so the user knows where it comes from.
    message: t('Docker builder: {0}', unmask(typeof d.message === 'string' ? d.message : d.message.value)),
    docUrl: DOCS.dockerfileReference,
  }));
}
