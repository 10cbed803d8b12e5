/**
 * The one analysis of a file, used by the language server (as the user types) and by `ascend-llm validate` (CI):
 *
 *   1. what it is: a config (by name, a modeline in its head, or a YAML file a sibling ascend-deploy.yaml names in
 *      `serve.config`), else a Dockerfile / shell script / Python file by name, else not ours (null);
 *   2. the guards of limits.ts: larger than MAX_FILE_BYTES or binary → one ASC101 notice, the text is not read;
 *      a Dockerfile / script / Python file over its MAX_RULES_BYTES → one ASC101 notice, its rules do not run;
 *   3. the engine: src/core/config, or the document rules (src/core/document-rules.ts);
 *   4. the suppression comments (suppression.ts), once.
 */
import { configKindOf, ConfigCodes, validateConfigAs, type ConfigKind } from '../config/index';
import { docUrl } from '../config/rule-codes';
import type { Finding } from '../diagnostics';
import { classifyOtherDocument, validateOtherDocument, type OtherDocumentKind } from '../document-rules';
import { t } from '../l10n/index';
import type { FileSource } from './file-source';
import { MAX_FILE_BYTES, MAX_RULES_BYTES } from './limits';
import { applySuppressions } from './suppression';

export type FileKind =
  | { engine: 'config'; kind: ConfigKind }
  | { engine: 'rules'; kind: OtherDocumentKind };

export interface AnalyzeInput {
  /** The path the rules see (absolute in the editor, relative to the working directory in the CLI). */
  fileName: string;
  source: FileSource;
  /** vllm-ascend release to check against (e.g. v0.23.0); else the descriptor's, else the schema's default. */
  targetVersion?: string;
  /** Reads other files for cross-file rules (siblingReader in file-source.ts). */
  readSibling?: (path: string) => string | undefined;
  /**
   * The editor's JSON service checks JSON vLLM configs against the schema package.json contributes
   * (`jsonValidation`): syntax, unknown keys, types, enums and duplicate keys are then left to it, so nothing shows
   * twice. The CLI has no such service and keeps them.
   */
  jsonService?: boolean;
}

const LEFT_TO_JSON_SERVICE = new Set<string>([
  ConfigCodes.syntax, ConfigCodes.unknownKey, ConfigCodes.badValue, ConfigCodes.notAllowed, ConfigCodes.duplicateKey,
]);

/** What a file is to us, or null when we do not check it. `head` is its first characters (file-source.ts). */
export function fileKindOf(fileName: string, head: string, readSibling?: (path: string) => string | undefined): FileKind | null {
  const config = configKindOf(fileName, head, readSibling);
  if (config) return { engine: 'config', kind: config };
  const other = classifyOtherDocument(fileName);
  return other ? { engine: 'rules', kind: other } : null;
}

const KIND_NAMES: Record<OtherDocumentKind, () => string> = {
  dockerfile: () => t('Dockerfiles'),
  shell: () => t('shell scripts'),
  python: () => t('Python files'),
};

function notice(message: string): Finding {
  return {
    range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
    severity: 'info',
    code: ConfigCodes.skipped,
    docUrl: docUrl[ConfigCodes.skipped],
    message,
  };
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

/** Findings for a file, or null when it is not a file we check. */
export function analyzeFile(input: AnalyzeInput): Finding[] | null {
  const { fileName, source } = input;
  const head = source.head();
  const kind = fileKindOf(fileName, head, input.readSibling);
  if (!kind) return null;
  if (source.largerThan(MAX_FILE_BYTES)) {
    return [notice(t('This file is larger than {0}, so Ascend LLM does not check it.', sizeLabel(MAX_FILE_BYTES)))];
  }
  if (head.includes('\u0000')) return [notice(t('This file looks binary, so Ascend LLM does not check it.'))];
  if (kind.engine === 'rules' && source.largerThan(MAX_RULES_BYTES[kind.kind])) {
    const cap = sizeLabel(MAX_RULES_BYTES[kind.kind]);
    return [notice(t('Not checked: this file is larger than {0}, and Ascend LLM checks {1} up to that size (its rules would take seconds on every edit).', cap, KIND_NAMES[kind.kind]()))];
  }
  const text = source.text();
  let findings: Finding[];
  if (kind.engine === 'config') {
    findings = validateConfigAs(kind.kind, { fileName, text, targetVersion: input.targetVersion, workspaceFiles: input.readSibling });
    if (input.jsonService && kind.kind === 'vllm-json') findings = findings.filter((f) => !LEFT_TO_JSON_SERVICE.has(f.code));
  } else {
    findings = validateOtherDocument(fileName, text, { targetVersion: input.targetVersion }) ?? [];
  }
  return applySuppressions(text, findings);
}
