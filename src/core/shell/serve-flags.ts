/**
 * What `vllm serve` accepts on a command line, for the shell and Dockerfile rules: long options with their
 * `--no-` forms, the one-dash aliases, and the choices vLLM enforces, at the target's release line
 * (schemas/vllm-serve@<line>.schema.json, generated from that line's vLLM source; docs/versions.md).
 */
import { serveDef, serveKeyElsewhere, serveKeys, shortAliases } from '../config/schemas';
import { editDistance } from '../edit-distance';
import { lineFor, type ReleaseLine } from '../versions/release-lines';

/** The catalogue line a target is checked against, and whether it is the target's own release. */
export function catalogueFor(target: string): { line: ReleaseLine; exact: boolean } {
  return lineFor(target);
}

/** Another release line's option: the line it exists from (newer) or was removed in (older). */
export function flagElsewhere(name: string, target: string): { since?: string; removedIn?: string } | undefined {
  const e = serveKeyElsewhere(name.replace(/_/g, '-'), target);
  return e && (e.since || e.removedIn) ? { since: e.since, removedIn: e.removedIn } : undefined;
}

/** argparse's own options and `vllm serve`'s positional-or-flag extras that the engine-arg table does not list. */
const CLI_ONLY = new Set(['help', 'config']);

export interface FlagInfo {
  /** The dashed long name. */
  name: string;
  /** Does the option take a value on the command line (not a store_true / BooleanOptionalAction flag)? */
  takesValue: boolean;
  choices?: string[];
}

/**
 * The long option for `--name` (dashes or underscores before the first dot; `.key+` list items), when vLLM has
 * it. argparse also takes a unique prefix of a long option (vLLM's parser keeps allow_abbrev on), so
 * `--max-model` is `--max-model-len`; a prefix of several options is ambiguous and not accepted.
 */
export function longFlag(name: string, target: string): FlagInfo | undefined {
  const dot = name.indexOf('.');
  const norm = dot === -1 ? name.replace(/_/g, '-') : name.slice(0, dot).replace(/_/g, '-') + name.slice(dot).replace(/\+$/, '');
  if (CLI_ONLY.has(norm)) return { name: norm, takesValue: norm === 'config' };
  let def = serveDef(norm, undefined, target);
  let full = norm;
  if (!def && dot === -1) {
    const matches = serveKeys(target).filter((k) => k.startsWith(norm) && !k.includes('_'));
    if (matches.length === 1) { full = matches[0]; def = serveDef(full, undefined, target); }
  }
  if (!def) return undefined;
  return infoOf(full, def);
}

function infoOf(norm: string, def: NonNullable<ReturnType<typeof serveDef>>): FlagInfo {
  const bool = def['x-type'] === 'bool';
  const choices = Array.isArray(def.enum) ? def.enum.filter((v): v is string => typeof v === 'string') : undefined;
  return { name: norm, takesValue: !bool, choices: choices?.length ? choices : undefined };
}

/** `-tp` → tensor-parallel-size; `-O3` style (the value glued on) is recognised by its letter. */
export function shortFlag(name: string, target: string): FlagInfo | undefined {
  const aliases = shortAliases(target);
  const long = aliases.get(name) ?? (/^O\d*$/.test(name) ? aliases.get('O') : undefined);
  if (!long) return name === 'h' ? { name: 'help', takesValue: false } : undefined;
  const info = longFlag(long, target);
  return info && /^O\d+$/.test(name) ? { ...info, takesValue: false } : info;
}

/** Up to three long options close to a misspelt one. */
export function nearestFlags(name: string, target: string): string[] {
  const max = Math.max(2, Math.floor(name.length / 3));
  return serveKeys(target)
    .filter((k) => !k.includes('_'))
    .map((k) => ({ k, d: editDistance(name, k, max) }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map((x) => x.k);
}
