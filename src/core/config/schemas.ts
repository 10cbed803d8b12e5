/**
 * The generated JSON Schemas, one per vllm-ascend release line (schemas/vllm-serve@<line>.schema.json, built by
 * scripts/gen-schemas.mjs from each line's own source excerpts in schemas/source/<line>/), and lookups over them.
 * Every lookup takes the target release; the line whose schema applies is lineFor(target). docs/versions.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lineFor, NEWEST_FINAL, RELEASE_LINES, type ReleaseLine } from '../versions/release-lines';

export interface PropSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  markdownDescription?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, PropSchema>;
  required?: string[];
  additionalProperties?: boolean | PropSchema;
  items?: PropSchema;
  $ref?: string;
  'x-doc'?: string;
  'x-flag'?: string;
  'x-type'?: string;
  'x-aliases'?: string[];
  'x-hasNoForm'?: boolean;
  'x-negates'?: string;
  'x-knownValues'?: string[];
  'x-defaultNote'?: string;
  'x-removedIn'?: string;
  'x-replacement'?: string;
  'x-status'?: string;
  'x-choices'?: string;
  'x-note'?: string;
  /** First release line that has the key. */
  'x-since'?: string;
  /** additional_config keys of other lines (not read by this one). */
  'x-absent'?: boolean;
  'x-lines'?: string[];
}

/** A key of another release line: the lines that have it, the first of them, and the line after the last. */
export interface OtherKey {
  since: string;
  removedIn?: string;
  lines: string[];
}

export interface RootSchema extends PropSchema {
  definitions?: Record<string, PropSchema>;
  patternProperties?: Record<string, PropSchema>;
  'x-vllmVersion'?: string;
  'x-vllmAscendVersion'?: string;
  'x-otherKeys'?: Record<string, OtherKey>;
}

/** The newest final release line: the schema used when no target is known. */
export const SCHEMA_VLLM_ASCEND_VERSION = NEWEST_FINAL;
export const SCHEMA_VLLM_VERSION = NEWEST_FINAL;

/**
 * The schemas ship as files in schemas/ (the .vsix carries them for jsonValidation too), so they are read from
 * disk rather than bundled: found by walking up from this module (src/core/config/ in tests, dist/ when bundled).
 */
function schemasDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, `vllm-serve@${NEWEST_FINAL}.schema.json`))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('schemas/vllm-serve.schema.json not found');
}

const cache = new Map<string, RootSchema>();
function load(name: string): RootSchema {
  let s = cache.get(name);
  if (!s) {
    s = JSON.parse(readFileSync(join(schemasDir(), name), 'utf8')) as RootSchema;
    cache.set(name, s);
  }
  return s;
}

const isZh = (locale?: string): boolean => !!locale && locale.toLowerCase().startsWith('zh');

const lineOf = (target?: string): ReleaseLine => lineFor(target).line;

export function serveSchema(locale?: string, target?: string): RootSchema {
  return load(`vllm-serve@${lineOf(target)}.schema${isZh(locale) ? '.zh-cn' : ''}.json`);
}
export function deploySchema(locale?: string): RootSchema {
  return load(isZh(locale) ? 'ascend-deploy.schema.zh-cn.json' : 'ascend-deploy.schema.json');
}
export function ascendSchema(locale?: string, target?: string): RootSchema {
  return load(`vllm-ascend-additional-config@${lineOf(target)}.schema${isZh(locale) ? '.zh-cn' : ''}.json`);
}

/** The vLLM and vllm-ascend versions a target's schema describes, and the commits they were read at. */
export function schemaVersions(target?: string): { line: ReleaseLine; exact: boolean; vllm: string; vllmAscend: string; source: string } {
  const { line, exact } = lineFor(target);
  const s = serveSchema(undefined, target);
  return { line, exact, vllm: s['x-vllmVersion'] ?? '', vllmAscend: s['x-vllmAscendVersion'] ?? line, source: String((s as Record<string, unknown>)['x-source'] ?? '') };
}

/**
 * A serve key the target's line does not have but another line does: since (first line with it) and removedIn
 * (the line after the last older line that has it). Undefined when the target has it, or no line ever had it.
 */
export function serveKeyElsewhere(normKey: string, target?: string): { since?: string; removedIn?: string; lines: string[] } | undefined {
  const line = lineOf(target);
  const other = serveSchema(undefined, target)['x-otherKeys'] ?? {};
  const base = normKey.includes('.') ? normKey.slice(0, normKey.indexOf('.')) : normKey;
  const o = Object.prototype.hasOwnProperty.call(other, base) ? other[base] : undefined;
  if (!o) return undefined;
  return splitSpan(o.lines, line);
}

/** For a key's lines and the target line: the first newer line with it, and the removal after the newest older one. */
export function splitSpan(lines: string[], line: ReleaseLine): { since?: string; removedIn?: string; lines: string[] } {
  const all: readonly string[] = RELEASE_LINES;
  const at = all.indexOf(line);
  const newer = lines.find((l) => all.indexOf(l) > at);
  const older = [...lines].reverse().find((l) => all.indexOf(l) < at);
  return { since: newer, removedIn: older ? all[all.indexOf(older) + 1] : undefined, lines };
}

/** Definition of a normalized (dashed) serve key, or of the flag a dotted key belongs to. */
export function serveDef(normKey: string, locale?: string, target?: string): PropSchema | undefined {
  const defs = serveSchema(locale, target).definitions ?? {};
  const base = normKey.includes('.') ? normKey.slice(0, normKey.indexOf('.')) : normKey;
  const d = ownProp(defs, base);
  if (!d) return undefined;
  if (base !== normKey && !(d['x-type'] ?? '').startsWith('json')) return undefined;
  return d;
}

/** All dashed serve keys, including no-<flag> forms. */
export function serveKeys(target?: string): string[] {
  return Object.keys(serveSchema(undefined, target).definitions ?? {});
}

const aliasMaps = new Map<ReleaseLine, Map<string, string>>();
/** Short alias without its dash (`tp`) → long key (`tensor-parallel-size`), at the target's line. */
export function shortAliases(target?: string): Map<string, string> {
  const line = lineOf(target);
  let aliasMap = aliasMaps.get(line);
  if (!aliasMap) {
    aliasMap = new Map();
    for (const [k, d] of Object.entries(serveSchema(undefined, target).definitions ?? {})) {
      for (const a of d['x-aliases'] ?? []) aliasMap.set(a.replace(/^-+/, ''), k);
    }
    // -O<n> is CLI-only; in a file write optimization-level (vllm-args-NOTES.md).
    aliasMap.set('O', 'optimization-level');
    aliasMaps.set(line, aliasMap);
  }
  return aliasMap;
}

/** `table[key]` when the table itself has that key (never Object.prototype's `constructor`, `toString`…). */
export function ownProp<T>(table: Record<string, T> | undefined, key: string): T | undefined {
  return table && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Follows a path of keys through `properties`, from `root`. */
function propertyAt(root: PropSchema, path: string[]): PropSchema | undefined {
  let cur: PropSchema | undefined = root;
  for (const seg of path) {
    cur = ownProp(cur?.properties, seg);
    if (!cur) return undefined;
  }
  return cur;
}

/** Follows a path of keys in the deploy schema. */
export function deployDef(path: string[], locale?: string): PropSchema | undefined {
  return propertyAt(deploySchema(locale), path);
}

/** Follows a path of keys in the additional_config schema. */
export function ascendDef(path: string[], locale?: string, target?: string): PropSchema | undefined {
  return propertyAt(ascendSchema(locale, target), path);
}
