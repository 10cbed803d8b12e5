/** Quick fixes: the fixes each finding carries, plus "disable <code> for this line". */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { t } from '../core/l10n/index';
import { suppressionEdit } from '../core/analysis/suppression';
import { SOURCE, toLspRange, type DiagnosticData } from './to-lsp';

function workspaceEdit(uri: string, edits: TextEdit[]): CodeAction['edit'] {
  return { changes: { [uri]: edits } };
}

export function codeActionsFor(doc: TextDocument, params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  const text = doc.getText();
  const ours = params.context.diagnostics.filter((d: Diagnostic) => d.source === SOURCE && typeof d.code === 'string');
  for (const d of ours) {
    const fixes = (d.data as DiagnosticData | undefined)?.fixes ?? [];
    fixes.forEach((fix, i) => {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: i === 0,
        edit: workspaceEdit(doc.uri, fix.edits.map((e) => ({ range: toLspRange(e.range), newText: e.newText }))),
      });
    });
  }
  for (const d of ours) {
    const code = String(d.code);
    const edit = suppressionEdit(text, d.range.start.line, code);
    out.push({
      title: t('Disable {0} for this line', code),
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: workspaceEdit(doc.uri, [{ range: toLspRange(edit.range), newText: edit.newText }]),
    });
  }
  return out;
}
