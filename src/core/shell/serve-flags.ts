/**
 * What `vllm serve` accepts on a command line, for the shell and Dockerfile rules: long options with their
 * `--no-` forms, the one-dash aliases, and the choices vLLM enforces. Read from the engine-arg catalogue
 * (schemas/vllm-serve.schema.json, vLLM v0.23.0 with vllm-ascend v0.23.0); other targets are checked against
 * that table, and say so.
 */
import { serveDef, serveKeys, shortAliases, SCHEMA_VLLM_ASCEND_VERSION } from '../config/schemas';
import { editDistance } from '../config/keys';

export const CATALOGUE_VERSION = SCHEMA_VLLM_ASCEND_VERSION;

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
export function longFlag(name: string): FlagInfo | undefined {
  const dot = name.indexOf('.');
  const norm = dot === -1 ? name.replace(/_/g, '-') : name.slice(0, dot).replace(/_/g, '-') + name.slice(dot).replace(/\+$/, '');
  if (CLI_ONLY.has(norm)) return { name: norm, takesValue: norm === 'config' };
  let def = serveDef(norm);
  let full = norm;
  if (!def && dot === -1) {
    const matches = serveKeys().filter((k) => k.startsWith(norm) && !k.includes('_'));
    if (matches.length === 1) { full = matches[0]; def = serveDef(full); }
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
export function shortFlag(name: string): FlagInfo | undefined {
  const aliases = shortAliases();
  const long = aliases.get(name) ?? (/^O\d*$/.test(name) ? aliases.get('O') : undefined);
  if (!long) return name === 'h' ? { name: 'help', takesValue: false } : undefined;
  const info = longFlag(long);
  return info && /^O\d+$/.test(name) ? { ...info, takesValue: false } : info;
}

/** Up to three long options close to a misspelt one. */
export function nearestFlags(name: string): string[] {
  const max = Math.max(2, Math.floor(name.length / 3));
  return serveKeys()
    .filter((k) => !k.includes('_'))
    .map((k) => ({ k, d: editDistance(name, k, max) }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map((x) => x.k);
}
