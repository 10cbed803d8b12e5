/** Picks the engine for a document (config engine or the Dockerfile/shell/Python rules) and runs it. */
import type { Finding } from '../core/diagnostics';
import { classifyOtherDocument, validateOtherDocument } from '../core/document-rules';
import { t } from '../core/l10n/index';
import { applySuppressions } from '../core/suppression';
import type { ConfigService } from './config-service';
import { skipReason } from './document-guard';

export interface AnalyzeOptions {
  config: ConfigService;
  targetVersion?: string;
  /** Reads a sibling file for the config engine (e.g. the ascend-deploy.yaml next to a serve config). */
  workspaceFiles?: (path: string) => string | undefined;
}

/**
 * In a JSON vLLM config the editor's own JSON service already reports syntax, unknown keys, types, enums and
 * duplicate keys from the schema package.json contributes (`jsonValidation`); the server leaves those to it, so
 * nothing shows twice, and keeps the "must be YAML" error with its convert fix and the semantic rules. The CLI,
 * which has no JSON service beside it, keeps them all.
 */
const LEFT_TO_JSON_SERVICE = new Set(['ASC100', 'ASC110', 'ASC112', 'ASC113', 'ASC114']);

/** Findings for the document, or null when it is not a file we check. */
export function analyzeDocument(fileName: string, text: string, options: AnalyzeOptions): Finding[] | null {
  const reason = skipReason(text);
  if (reason) {
    if (!options.config.classifyConfigFile(fileName, '') && !classifyOtherDocument(fileName)) return null;
    return [{
      range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
      severity: 'info',
      code: 'ASC101',
      message: reason === 'binary'
        ? t('This file looks binary, so Ascend LLM does not check it.')
        : t('This file is larger than 5 MB, so Ascend LLM does not check it.'),
    }];
  }
  // Dockerfiles, scripts and Python first (never configs); then the config engine, which also knows YAML files
  // that a deploy descriptor names, beyond its file patterns.
  const other = validateOtherDocument(fileName, text, { targetVersion: options.targetVersion });
  if (other) return applySuppressions(text, other);
  let findings = options.config.validateConfigFile({ fileName, text, targetVersion: options.targetVersion, workspaceFiles: options.workspaceFiles });
  if (findings && options.config.classifyConfigFile(fileName, text) === 'vllm-json') {
    findings = findings.filter((f) => !LEFT_TO_JSON_SERVICE.has(f.code ?? ''));
  }
  return findings ? applySuppressions(text, findings) : null;
}
