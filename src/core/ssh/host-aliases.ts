/**
 * The concrete host aliases in ~/.ssh/config (and the files it Includes), for a Hosts view: every name on a
 * `Host` line that has no wildcard and is not negated, in order of appearance, each once.
 */
import { join } from 'node:path';
import { ConfigFileCache, MAX_INCLUDE_DEPTH, includePaths } from './config-include';
import { lineArgs } from './config-eval';
import type { Line } from './ssh-config-parse';

export function listHostAliases(opts: { home: string; configPath?: string; cache?: ConfigFileCache }): string[] {
  const cache = opts.cache ?? new ConfigFileCache();
  const seen = new Set<string>();
  const visit = (path: string, depth: number): void => {
    if (depth > MAX_INCLUDE_DEPTH) return;
    const lines = cache.read(path);
    if (lines) walk(lines, depth);
  };
  const walk = (lines: readonly Line[], depth: number): void => {
    for (const line of lines) {
      if (!('param' in line)) continue;
      const name = line.param.toLowerCase();
      if (name === 'host') {
        for (const p of lineArgs(line.value).flatMap((a) => a.split(','))) {
          if (p !== '' && !/[*?!]/.test(p)) seen.add(p);
        }
      } else if (name === 'include') {
        for (const arg of lineArgs(line.value)) for (const p of includePaths(arg, opts.home)) visit(p, depth + 1);
      }
      if ('config' in line) walk(line.config, depth);
    }
  };
  visit(opts.configPath ?? join(opts.home, '.ssh', 'config'), 0);
  return [...seen];
}
