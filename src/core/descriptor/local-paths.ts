/**
 * The local files a descriptor names (`image.dockerfile`, `image.tarball`, `model.localPath`, `serve.config`)
 * are uploaded to a host or read into its command line, so a workspace could otherwise send any file of the
 * user's (`image.dockerfile: ~/.ssh/config` synced all of ~/.ssh as a build context). Each must resolve, after
 * following symbolic links (realpath), inside the workspace folder, and never inside a dot-folder of the home
 * folder (~/.ssh, ~/.aws, ~/.config, …) even when the workspace is the home folder; a build context may not be
 * the home folder or hold it. docs/deploy-safety.md says why.
 */
import { realpath as fsRealpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { t } from '../l10n/index';

/** Thrown when a descriptor's local path leaves the workspace; the CLI maps it to exit code 3 (refused). */
export class LocalPathRefusedError extends Error {
  constructor(readonly key: string, readonly path: string, message: string) {
    super(message);
    this.name = 'LocalPathRefusedError';
  }
}

export interface LocalConfinement {
  /** The workspace folder (the VS Code workspace folder holding the descriptor; for the CLI, the descriptor's folder). */
  workspaceDir: string;
  /** The user's home folder. */
  home: string;
  /** Defaults to node's fs realpath. */
  realpath?: (p: string) => Promise<string>;
}

const inside = (root: string, p: string): boolean => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);

/** realpath of `p`, or of its nearest existing ancestor joined with the rest (a file that does not exist yet). */
async function realOrNearest(p: string, real: (p: string) => Promise<string>): Promise<string> {
  const rest: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return join(await real(cur), ...rest.reverse());
    } catch {
      const up = dirname(cur);
      if (up === cur) return p;
      rest.push(cur.slice(up.length).replace(/^[\\/]+/, ''));
      cur = up;
    }
  }
}

/** The path's real location, or a LocalPathRefusedError naming the descriptor key. */
export async function confinedPath(key: string, raw: string, descriptorDir: string, c: LocalConfinement): Promise<string> {
  const real = c.realpath ?? fsRealpath;
  const abs = isAbsolute(raw) ? resolve(raw) : resolve(descriptorDir, raw);
  const [target, root, home] = await Promise.all([realOrNearest(abs, real), realOrNearest(resolve(c.workspaceDir), real), realOrNearest(resolve(c.home), real)]);
  if (!inside(root, target)) {
    throw new LocalPathRefusedError(key, raw, t('{0} {1} is outside the workspace folder {2}: a descriptor may only name files inside its workspace.', key, JSON.stringify(raw), root));
  }
  if (inside(home, target)) {
    const first = relative(home, target).split(/[\\/]/)[0] ?? '';
    if (first.startsWith('.') && first !== '.' && first !== '..') {
      throw new LocalPathRefusedError(key, raw, t('{0} {1} is inside {2}, a hidden folder of your home folder, which holds credentials and settings: it is never uploaded.', key, JSON.stringify(raw), join(home, first)));
    }
  }
  return target;
}

/** A build context folder: confined like the other paths, and never the home folder or one that holds it. */
export async function confinedContext(key: string, raw: string, descriptorDir: string, c: LocalConfinement): Promise<string> {
  const dir = await confinedPath(key, raw, descriptorDir, c);
  const home = await realOrNearest(resolve(c.home), c.realpath ?? fsRealpath);
  if (inside(dir, home)) {
    throw new LocalPathRefusedError(key, raw, t('The build context {0} is your home folder or holds it; it would upload your whole home folder. Put the Dockerfile in a project folder.', dir));
  }
  return dir;
}
