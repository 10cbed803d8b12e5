import * as vscode from 'vscode';
import { hostReportMarkdown, type HostReport } from '../../core/remote/index';

/**
 * Writes the host check's report to `dir` (the extension's storage, one file per host, replaced by the next
 * check) and opens it as a rendered Markdown preview: a report to read, not an unsaved buffer that asks to be
 * saved when closed.
 */
export async function showHostReport(dir: vscode.Uri, alias: string, report: HostReport): Promise<vscode.Uri> {
  await vscode.workspace.fs.createDirectory(dir);
  const file = vscode.Uri.joinPath(dir, `host-check-${alias.replace(/[^\w.-]/g, '_')}.md`);
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(hostReportMarkdown(alias, report)));
  await vscode.commands.executeCommand('markdown.showPreview', file);
  return file;
}
