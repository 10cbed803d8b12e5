/** The schema node for a key path, in a serve config or a deploy descriptor (whose `serve:` holds serve keys). */
import { normalizeServeKey } from './keys';
import { ascendDef, deployDef, ownProp, serveDef } from './schemas';
import type { PropSchema } from './schemas';

export type Place =
  | { space: 'serve'; def?: PropSchema; key?: string }
  | { space: 'ascend'; def?: PropSchema; path: string[] }
  | { space: 'deploy'; def?: PropSchema; path: string[] };

/** What the mapping at `path` holds (the keys one may write there). */
export function containerAt(kind: 'vllm-serve' | 'deploy', path: string[], locale?: string, target?: string): Place | undefined {
  let rest = path;
  if (kind === 'deploy') {
    if (rest[0] !== 'serve') {
      const def = deployDef(rest, locale);
      return def ? { space: 'deploy', def, path: rest } : undefined;
    }
    rest = rest.slice(1);
  }
  if (rest.length === 0) return { space: 'serve' };
  if (normalizeServeKey(rest[0]) === 'additional-config') {
    const p = rest.slice(1);
    const def = ascendDef(p, locale, target);
    return def ? { space: 'ascend', def, path: p } : undefined;
  }
  return undefined;
}

/** The schema of one key inside the mapping at `path`. */
export function keyDef(kind: 'vllm-serve' | 'deploy', path: string[], key: string, locale?: string, target?: string): PropSchema | undefined {
  const c = containerAt(kind, path, locale, target);
  if (!c) return undefined;
  if (c.space === 'serve') return serveDef(normalizeServeKey(key), locale, target);
  return ownProp(c.def?.properties, key);
}
