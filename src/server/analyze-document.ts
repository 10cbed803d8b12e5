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
  const findings = validateOtherDocument(fileName, text, { targetVersion: options.targetVersion })
    ?? options.config.validateConfigFile({ fileName, text, targetVersion: options.targetVersion, workspaceFiles: options.workspaceFiles });
  return findings ? applySuppressions(text, findings) : null;
}
