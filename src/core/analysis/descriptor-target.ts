/**
 * The default target version, for the language server and `ascend-llm validate` alike: `target.vllmAscend` of the
 * workspace's ascend-deploy.yaml, when there is one (else the rules' own default).
 */
import { join } from 'node:path';
import { parse } from 'yaml';
import { siblingReader } from './file-source';
import { exceeds, MAX_SIBLING_BYTES } from './limits';

export const DESCRIPTOR_NAMES = ['ascend-deploy.yaml', 'ascend-deploy.yml'];

export function targetFromDescriptorText(text: string): string | undefined {
  if (exceeds(text, MAX_SIBLING_BYTES)) return undefined;
  try {
    const doc = parse(text, { maxAliasCount: 50 }) as { target?: { vllmAscend?: unknown } } | null;
    const v = doc?.target?.vllmAscend;
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  } catch {
    return undefined;
  }
}

export function targetFromFolders(folders: string[]): string | undefined {
  const read = siblingReader();
  for (const folder of folders) {
    for (const name of DESCRIPTOR_NAMES) {
      const text = read(join(folder, name));
      const v = text === undefined ? undefined : targetFromDescriptorText(text);
      if (v) return v;
    }
  }
  return undefined;
}

export function isDescriptor(fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  return DESCRIPTOR_NAMES.includes(base);
}
