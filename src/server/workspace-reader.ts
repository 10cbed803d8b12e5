/** Lets the config engine read a sibling file (e.g. ascend-deploy.yaml): the open document first, else the disk. */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';

const MAX_SIBLING_BYTES = 1_000_000;

export function workspaceReader(openText: (path: string) => string | undefined): (path: string) => string | undefined {
  return (path: string) => {
    const open = openText(path);
    if (open !== undefined) return open;
    if (!isAbsolute(path)) return undefined;
    try {
      if (statSync(path).size > MAX_SIBLING_BYTES) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
}
