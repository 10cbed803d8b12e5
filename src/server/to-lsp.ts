/** Finding (core) → LSP Diagnostic, keeping the quick fixes in `data` for the code-action request. */
import { DiagnosticSeverity, type Diagnostic, type Range as LspRange } from 'vscode-languageserver';
import type { Finding, QuickFix, Range, Severity } from '../core/diagnostics';

export const SOURCE = 'ascend-llm';

export interface DiagnosticData {
  fixes?: QuickFix[];
}

export function toLspRange(r: Range): LspRange {
  return { start: { line: r.startLine, character: r.startColumn }, end: { line: r.endLine, character: r.endColumn } };
}

export function fromLspRange(r: LspRange): Range {
  return { startLine: r.start.line, startColumn: r.start.character, endLine: r.end.line, endColumn: r.end.character };
}

function severity(s: Severity): DiagnosticSeverity {
  return s === 'error' ? DiagnosticSeverity.Error : s === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

export function toDiagnostic(f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: toLspRange(f.range),
    severity: severity(f.severity),
    code: f.code,
    source: SOURCE,
    message: f.message,
  };
  if (f.docUrl) d.codeDescription = { href: f.docUrl };
  if (f.fixes && f.fixes.length > 0) d.data = { fixes: f.fixes } satisfies DiagnosticData;
  return d;
}
