/**
 * `Include` for ~/.ssh/config, which the `ssh-config` package parses but does not follow. As ssh does:
 * `~` is expanded, relative paths live in ~/.ssh, each path is a glob (`*`, `?`, `[...]`) whose matches are
 * read in sorted order, files that do not exist are skipped, and nesting stops at a depth limit.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSshConfig, type SSHConfig } from './ssh-config-parse';
import { expandTilde } from './config-tokens';

/** OpenSSH's READCONF_MAX_DEPTH. */
export const MAX_INCLUDE_DEPTH = 16;

export class IncludeDepthError extends Error {
  constructor(readonly path: string) {
    super(`ssh config: Include nested more than ${MAX_INCLUDE_DEPTH} levels deep at ${path}`);
    this.name = 'IncludeDepthError';
  }
}

/** Reads and parses config files once each. Returns undefined for a file that cannot be read. */
export class ConfigFileCache {
  private readonly parsed = new Map<string, SSHConfig | undefined>();

  read(path: string): SSHConfig | undefined {
    if (!this.parsed.has(path)) {
      let config: SSHConfig | undefined;
      try {
        config = parseSshConfig(readFileSync(path, 'utf8'));
      } catch {
        config = undefined;
      }
      this.parsed.set(path, config);
    }
    return this.parsed.get(path);
  }
}

/** The paths one `Include` argument names, in the order ssh reads them. */
export function includePaths(arg: string, home: string): string[] {
  let path = expandTilde(arg, home);
  if (!path.startsWith('/')) path = join(home, '.ssh', path);
  if (!/[*?[]/.test(path)) return [path];
  return globPath(path);
}

/** A small glob(3): wildcards in any path segment, no match for dot-files unless the pattern starts with a dot. */
export function globPath(pattern: string): string[] {
  const segments = pattern.split('/').filter((s) => s !== '');
  let found = ['/'];
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    const next: string[] = [];
    for (const dir of found) {
      if (!/[*?[]/.test(segment)) {
        next.push(join(dir, segment));
        continue;
      }
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        continue;
      }
      const re = segmentRegExp(segment);
      for (const e of entries.sort()) {
        if (e.startsWith('.') && !segment.startsWith('.')) continue;
        if (re.test(e)) next.push(join(dir, e));
      }
    }
    found = last ? next : next.filter(isDirectory);
  }
  return found.filter((p) => !isDirectory(p));
}

function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) { re += '\\['; continue; }
      let body = segment.slice(i + 1, close);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else re += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
