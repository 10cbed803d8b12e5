/**
 * A finding in a user's file, shared by the config, Dockerfile, shell and Python rules, the language server
 * and `ascend-llm validate`. Lines and columns are 0-based here (LSP style); the CLI prints them 1-based.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Range {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface QuickFix {
  /** Shown in the light-bulb menu; already localized. */
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  range: Range;
  severity: Severity;
  /** Stable rule code, e.g. "ASC101"; used for suppression comments and docs. */
  code: string;
  /** Already localized. */
  message: string;
  /** Where to read more (vLLM / vllm-ascend docs). */
  docUrl?: string;
  fixes?: QuickFix[];
}
