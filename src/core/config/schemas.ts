/**
 * The generated JSON Schemas (schemas/*.schema.json, built by scripts/gen-schemas.mjs from the TSVs in
 * schemas/source/) and lookups over them. Describes vLLM v0.23.0 with vllm-ascend v0.23.0.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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
}

export interface RootSchema extends PropSchema {
  definitions?: Record<string, PropSchema>;
  patternProperties?: Record<string, PropSchema>;
  'x-vllmVersion'?: string;
  'x-vllmAscendVersion'?: string;
}

export const SCHEMA_VLLM_VERSION = 'v0.23.0';
export const SCHEMA_VLLM_ASCEND_VERSION = 'v0.23.0';

/**
 * The schemas ship as files in schemas/ (the .vsix carries them for jsonValidation too), so they are read from
 * disk rather than bundled: found by walking up from this module (src/core/config/ in tests, dist/ when bundled).
 */
function schemasDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, 'vllm-serve.schema.json'))) return candidate;
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

export function serveSchema(locale?: string): RootSchema {
  return load(isZh(locale) ? 'vllm-serve.schema.zh-cn.json' : 'vllm-serve.schema.json');
}
export function deploySchema(locale?: string): RootSchema {
  return load(isZh(locale) ? 'ascend-deploy.schema.zh-cn.json' : 'ascend-deploy.schema.json');
}
export function ascendSchema(locale?: string): RootSchema {
  return load(isZh(locale) ? 'vllm-ascend-additional-config.schema.zh-cn.json' : 'vllm-ascend-additional-config.schema.json');
}

/** Definition of a normalized (dashed) serve key, or of the flag a dotted key belongs to. */
export function serveDef(normKey: string, locale?: string): PropSchema | undefined {
  const defs = serveSchema(locale).definitions ?? {};
  const base = normKey.includes('.') ? normKey.slice(0, normKey.indexOf('.')) : normKey;
  const d = ownProp(defs, base);
  if (!d) return undefined;
  if (base !== normKey && !(d['x-type'] ?? '').startsWith('json')) return undefined;
  return d;
}

/** All dashed serve keys, including no-<flag> forms. */
export function serveKeys(): string[] {
  return Object.keys(serveSchema().definitions ?? {});
}

let aliasMap: Map<string, string> | undefined;
/** Short alias without its dash (`tp`) → long key (`tensor-parallel-size`). */
export function shortAliases(): Map<string, string> {
  if (!aliasMap) {
    aliasMap = new Map();
    for (const [k, d] of Object.entries(serveSchema().definitions ?? {})) {
      for (const a of d['x-aliases'] ?? []) aliasMap.set(a.replace(/^-+/, ''), k);
    }
    // -O<n> is CLI-only; in a file write optimization-level (vllm-args-NOTES.md).
    aliasMap.set('O', 'optimization-level');
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
export function ascendDef(path: string[], locale?: string): PropSchema | undefined {
  return propertyAt(ascendSchema(locale), path);
}
