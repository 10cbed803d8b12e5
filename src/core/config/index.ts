/**
 * Public API of the config engine (vLLM serve config, deploy descriptor, JSON meant for --config), used by the
 * language server and by `ascend-llm validate`. Never imports vscode.
 */
import type { Finding } from '../diagnostics';
import { classify, isYamlName, kindByName, modelineKind } from './files';
import { dirOf, joinPath } from './context';
import { parseYaml } from './yaml-source';
import { validateKnown } from './validate';
export { configSkipNotice } from './validate';

export { configCompletions } from './completions';
export type { ConfigCompletion } from './completions';
export { configHover } from './hover';
export { configSymbols } from './symbols';
export type { ConfigSymbol } from './symbols';
export { Codes as ConfigCodes } from './rule-codes';
export { MAX_CONFIG_BYTES } from './files';

export function classifyConfigFile(fileName: string, text: string): 'vllm-serve' | 'deploy' | 'vllm-json' | null {
  return classify(fileName, text);
}

/** Is this YAML file named in `serve.config` of an ascend-deploy.yaml in the same folder? */
function referencedByDeploy(fileName: string, read?: (relPath: string) => string | undefined): boolean {
  if (!read || !isYamlName(fileName)) return false;
  const dir = dirOf(fileName);
  for (const n of ['ascend-deploy.yaml', 'ascend-deploy.yml']) {
    const text = read(joinPath(dir, n));
    if (!text || text.length > 1_000_000) continue;
    const v = parseYaml(text).value as { serve?: { config?: unknown } } | undefined;
    const ref = v && typeof v === 'object' ? v.serve?.config : undefined;
    if (typeof ref === 'string' && joinPath(dir, ref) === joinPath(dir, fileName.split(/[\\/]/).pop() ?? '')) return true;
  }
  return false;
}

/**
 * Findings for a config file we own, or null when the file is not one of ours (see files.ts for the patterns).
 * `workspaceFiles` reads other files; it receives paths joined from this file's folder (so pass workspace-relative
 * file names when it reads workspace-relative paths). `targetVersion` is a vllm-ascend tag such as v0.23.0; the
 * descriptor's target.vllmAscend is used when absent, else v0.23.0.
 */
export function validateConfigFile(input: {
  fileName: string;
  text: string;
  targetVersion?: string;
  workspaceFiles?: (relPath: string) => string | undefined;
}): Finding[] | null {
  let kind = classify(input.fileName, input.text);
  if (!kind && referencedByDeploy(input.fileName, input.workspaceFiles)) kind = 'vllm-serve';
  if (!kind) return null;
  return validateKnown({ ...input, kind });
}

export { kindByName, modelineKind };
export { documentTarget } from './document-target';
export { targetSourceLabel } from './hover';
