/** Default target version: `target.vllmAscend` of the workspace's ascend-deploy.yaml, when there is one. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const DESCRIPTOR_NAMES = ['ascend-deploy.yaml', 'ascend-deploy.yml'];

export function targetFromDescriptorText(text: string): string | undefined {
  try {
    const doc = parse(text, { maxAliasCount: 50 }) as { target?: { vllmAscend?: unknown } } | null;
    const v = doc?.target?.vllmAscend;
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  } catch {
    return undefined;
  }
}

export function targetFromFolders(folders: string[]): string | undefined {
  for (const folder of folders) {
    for (const name of DESCRIPTOR_NAMES) {
      try {
        const v = targetFromDescriptorText(readFileSync(join(folder, name), 'utf8'));
        if (v) return v;
      } catch {
        // no descriptor here
      }
    }
  }
  return undefined;
}

export function isDescriptor(fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  return DESCRIPTOR_NAMES.includes(base);
}
