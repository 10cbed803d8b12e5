/**
 * A JSON file meant for `vllm serve --config` (the article's `{"model": ..., "device": "npu"}`): vLLM accepts only
 * .yaml/.yml ("Config file must be of a yaml/yml type", vllm/utils/argparse_utils.py:552-556). The quick fix
 * replaces the text with the equivalent YAML; the file must then be renamed to *.vllm.yaml (an edit cannot
 * rename, so the fix title says so).
 */
import { stringify } from 'yaml';
import type { Finding, Range } from '../diagnostics';
import { t } from '../l10n/index';
import { lineCount, lineText } from './edits';
import { Codes, docUrl } from './rule-codes';

/** Drops `# ...` comments that articles put inside JSON (outside strings), so the text parses. */
function stripHashComments(text: string): string {
  let out = '';
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      out += c;
      if (c === '\\') { out += text[++i] ?? ''; continue; }
      if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') { inStr = true; out += c; continue; }
    if (c === '#') { while (i < text.length && text[i] !== '\n') i++; out += '\n'; continue; }
    out += c;
  }
  return out;
}

export function jsonToYaml(text: string): string | undefined {
  try {
    const v: unknown = JSON.parse(stripHashComments(text));
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    return stringify(v, { lineWidth: 0 });
  } catch {
    return undefined;
  }
}

export function jsonConfigFindings(fileName: string, text: string): Finding[] {
  const total = lineCount(text);
  const whole: Range = { startLine: 0, startColumn: 0, endLine: total - 1, endColumn: lineText(text, total - 1).length };
  const first: Range = { startLine: 0, startColumn: 0, endLine: 0, endColumn: lineText(text, 0).length };
  const yaml = jsonToYaml(text);
  const target = fileName.replace(/\.json$/i, '.yaml').split(/[\\/]/).pop() ?? 'config.vllm.yaml';
  return [{
    range: first, severity: 'error', code: Codes.jsonConfig, docUrl: docUrl[Codes.jsonConfig],
    message: t('vllm serve --config accepts only .yaml/.yml files ("Config file must be of a yaml/yml type"): convert this JSON to YAML.'),
    fixes: yaml ? [{ title: t('Convert to YAML (then rename the file to {0})', target), edits: [{ range: whole, newText: yaml }] }] : [],
  }];
}
