/**
 * The release a config document is checked against and why (for the status bar and the CLI): the same choice
 * validate makes (buildContext → selectTarget, docs/versions.md).
 */
import { buildContext } from './context';
import { classify } from './files';
import { parseYaml } from './yaml-source';
import type { TargetChoice } from '../versions/target-select';

export function documentTarget(input: {
  fileName: string;
  text: string;
  targetVersion?: string;
  hostInstalled?: string;
  workspaceFiles?: (path: string) => string | undefined;
}): TargetChoice | undefined {
  const kind = classify(input.fileName, input.text);
  if (kind !== 'vllm-serve' && kind !== 'deploy') return undefined;
  return buildContext({ ...input, kind, src: parseYaml(input.text) }).target;
}
