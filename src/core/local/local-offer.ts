/**
 * When to offer this machine as a target without being asked: the extension host runs on an Arm64 Linux
 * machine (Kunpeng) that has `npu-smi` on its PATH — VS Code Remote-SSH or code-server on the Ascend server
 * itself. Elsewhere `local` is listed only when the user names it (ascend.hosts.local, or target.host: local).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first executable `name` on PATH, or undefined. */
export function findOnPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function offerLocalTarget(platform: string, arch: string, path: string | undefined): boolean {
  return platform === 'linux' && arch === 'arm64' && findOnPath('npu-smi', path) !== undefined;
}
