/**
 * Public API of the config engine (vLLM serve config, deploy descriptor, JSON meant for --config), used by the
 * language server and by `ascend-llm validate`. Never imports vscode.
 */
import type { Finding } from '../diagnostics';
import { classify, isYamlName, kindByName, modelineKind, type ConfigKind } from './files';
import { dirOf, joinPath } from './context';
import { parseYaml } from './yaml-source';
import { validateKnown } from './validate';

export { configCompletions } from './completions';
export type { ConfigCompletion } from './completions';
export { configHover } from './hover';
export { configSymbols } from './symbols';
export type { ConfigSymbol } from './symbols';
export { Codes as ConfigCodes } from './rule-codes';

export type { ConfigKind };

export function classifyConfigFile(fileName: string, text: string): ConfigKind | null {
  return classify(fileName, text);
}

/** Is this YAML file named in `serve.config` of an ascend-deploy.yaml in the same folder? */
function referencedByDeploy(fileName: string, read?: (relPath: string) => string | undefined): boolean {
  if (!read || !isYamlName(fileName)) return false;
  const dir = dirOf(fileName);
  for (const n of ['ascend-deploy.yaml', 'ascend-deploy.yml']) {
    const text = read(joinPath(dir, n));
    if (!text) continue;
    const v = parseYaml(text).value as { serve?: { config?: unknown } } | undefined;
    const ref = v && typeof v === 'object' ? v.serve?.config : undefined;
    if (typeof ref === 'string' && joinPath(dir, ref) === joinPath(dir, fileName.split(/[\\/]/).pop() ?? '')) return true;
  }
  return false;
}

/** The config kind of a file: by name, by a modeline in `head` (its first lines), or named by a sibling descriptor. */
export function configKindOf(fileName: string, head: string, workspaceFiles?: (relPath: string) => string | undefined): ConfigKind | null {
  return classify(fileName, head) ?? (referencedByDeploy(fileName, workspaceFiles) ? 'vllm-serve' : null);
}

export interface ConfigInput {
  fileName: string;
  text: string;
  targetVersion?: string;
  /**
   * Reads other files; it receives paths joined from this file's folder (so pass workspace-relative file names when
   * it reads workspace-relative paths). It bounds their size (src/core/analysis/limits.ts).
   */
  workspaceFiles?: (relPath: string) => string | undefined;
}

/** The engine's findings for a file of a known kind, before size guards and suppressions (analyze-file.ts). */
export function validateConfigAs(kind: ConfigKind, input: ConfigInput): Finding[] {
  return validateKnown({ ...input, kind });
}

/**
 * The engine's findings for a config file we own, or null when the file is not one of ours (see files.ts for the
 * patterns). `targetVersion` is a vllm-ascend tag such as v0.23.0; the descriptor's target.vllmAscend is used when
 * absent, else v0.23.0. Editors and the CLI go through analyzeFile (src/core/analysis), which adds the size and
 * binary guards and the suppression comments.
 */
export function validateConfigFile(input: ConfigInput): Finding[] | null {
  const kind = configKindOf(input.fileName, input.text, input.workspaceFiles);
  return kind ? validateConfigAs(kind, input) : null;
}

export { kindByName, modelineKind };
export { documentTarget } from './document-target';
export { targetSourceLabel } from './hover';
