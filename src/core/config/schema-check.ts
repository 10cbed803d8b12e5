/**
 * Schema validation with exact ranges: ajv against the generated schemas, one small validator per serve key
 * (compiled on first use, so a file pays only for the keys it has), the whole schema for the deploy descriptor.
 * Unknown / missing keys point at the key; type and enum errors at the value.
 */
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Node, Pair } from 'yaml';
import type { Finding, Range } from '../diagnostics';
import { t } from '../l10n/index';
import type { ConfigContext, Entry, MapView } from './context';
import { Codes, docUrl } from './rule-codes';
import { ascendSchema, deploySchema, ownProp, schemaVersions, serveDef, serveKeyElsewhere, serveKeys, shortAliases } from './schemas';
import type { PropSchema, RootSchema } from './schemas';
import { didYouMean, styleKey } from './keys';
import { findNode, findPair, mapPairs, nodeRange } from './yaml-source';
import { insertKeysEdit, replaceEdit } from './edits';
import { expectedText, showValue } from './messages';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

function validatorFor(key: string, schema: object): ValidateFunction {
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(key, v);
  }
  return v;
}

const ZERO: Range = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };

function decodePath(p: string): string[] {
  return p === '' ? [] : p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function segs(path: string[]): Array<string | number> {
  return path.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Sub-schema at an instance path (following properties / items). */
function schemaAt(root: PropSchema, path: string[]): PropSchema | undefined {
  let cur: PropSchema | undefined = root;
  for (const s of path) {
    if (!cur) return undefined;
    cur = /^\d+$/.test(s) && cur.items ? cur.items : ownProp(cur.properties, s);
  }
  return cur;
}

interface Place {
  /** Node holding the value at the error's instancePath. */
  base: unknown;
  /** Path label shown in messages for the root of `base` ('' for the document root). */
  label: string;
  schema: PropSchema;
  /** Where to report when the node cannot be found. */
  fallback: Range;
  underscore: boolean;
  doc?: string;
}

function keyRangeOfPair(ctx: ConfigContext, pair: Pair<Node, Node | null> | undefined): Range | undefined {
  return pair ? nodeRange(ctx.src, pair.key as Node) : undefined;
}

function errorFinding(ctx: ConfigContext, e: ErrorObject, place: Place): Finding | undefined {
  const path = decodePath(e.instancePath);
  const label = [place.label, ...path].filter(Boolean).join('.');
  const node = findNode(place.base, segs(path));
  const valueRange = nodeRange(ctx.src, node) ?? place.fallback;
  const sub = schemaAt(place.schema, path) ?? place.schema;
  const doc = sub['x-doc'] ?? place.doc ?? docUrl[Codes.badValue];
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const pair = findPair(node, [extra]);
      const range = keyRangeOfPair(ctx, pair) ?? valueRange;
      const known = Object.keys(sub.properties ?? {});
      const fixes = didYouMean(extra, known).map((k) => ({ title: t('Change to "{0}"', k), edits: [replaceEdit(range, k)] }));
      return { range, severity: 'error', code: Codes.unknownKey, message: t('Unknown key "{0}" in {1}.', extra, label || t('the descriptor')), docUrl: doc, fixes };
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      const parentPair = path.length ? findPair(place.base, path) : undefined;
      const firstKey = mapPairs(node)[0]?.pair;
      const range = keyRangeOfPair(ctx, parentPair) ?? keyRangeOfPair(ctx, firstKey) ?? ZERO;
      const view = mapViewOf(ctx, node);
      const lines = requiredTemplate([...path, missing]);
      return {
        range, severity: 'error', code: Codes.missingKey, docUrl: doc,
        message: t('Missing required key "{0}".', [label, missing].filter(Boolean).join('.')),
        fixes: [{ title: t('Add "{0}"', missing), edits: [insertKeysEdit(view, ctx.src, lines)] }],
      };
    }
    case 'enum': {
      const value = (node && 'value' in node ? (node as { value: unknown }).value : undefined);
      const allowedRaw = (e.params as { allowedValues: unknown[] }).allowedValues;
      const shown = [...new Set(allowedRaw.filter((v) => v !== null).map((v) => String(v)))];
      // fp16 / bf16 / fp32 are common spellings of float16 / bfloat16 / float32.
      const spelled = String(value).toLowerCase().replace(/^fp(?=\d)/, 'float').replace(/^bf(?=\d)/, 'bfloat');
      const fixes = [...new Set([...shown.filter((v) => v === spelled), ...didYouMean(String(value), shown)])].map((v) => ({ title: t('Change to "{0}"', v), edits: [replaceEdit(valueRange, v)] }));
      return { range: valueRange, severity: 'error', code: Codes.notAllowed, docUrl: doc, message: t('"{0}" is not an allowed value of "{1}". Allowed: {2}.', showValue(value), label, shown.join(', ')), fixes };
    }
    case 'const':
      return { range: valueRange, severity: 'error', code: Codes.notAllowed, docUrl: doc, message: t('"{0}" must be {1}.', label, showValue((e.params as { allowedValue: unknown }).allowedValue)) };
    case 'type':
      return { range: valueRange, severity: 'error', code: Codes.badValue, docUrl: doc, message: t('"{0}" must be {1}.', label, expectedText(sub)) };
    case 'pattern':
      return { range: valueRange, severity: 'error', code: Codes.badValue, docUrl: doc, message: patternMessage(label, sub, e) };
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum': {
      const p = e.params as { comparison: string; limit: number };
      return { range: valueRange, severity: 'error', code: Codes.badValue, docUrl: doc, message: t('"{0}" must be {1} {2}.', label, p.comparison, String(p.limit)) };
    }
    default:
      return { range: valueRange, severity: 'error', code: Codes.badValue, docUrl: doc, message: t('"{0}": {1}', label, e.message ?? e.keyword) };
  }
}

function patternMessage(label: string, sub: PropSchema, e: ErrorObject): string {
  if (label === 'name') return t('"name" may hold only lowercase letters, digits and dashes, at most 40 characters.');
  if (sub['x-type']) return t('"{0}" must be {1}.', label, expectedText(sub));
  return t('"{0}" does not match {1}.', label, String((e.params as { pattern: string }).pattern));
}

function mapViewOf(ctx: ConfigContext, node: unknown): MapView | undefined {
  const pairs = mapPairs(node);
  if (!pairs.length) return undefined;
  const entries: Entry[] = pairs.map(({ key, pair }) => {
    const keyRange = nodeRange(ctx.src, pair.key as Node) ?? ZERO;
    return { key, norm: key, pair, keyRange, valueRange: nodeRange(ctx.src, pair.value) ?? keyRange, value: undefined };
  });
  return { entries, byNorm: new Map(), indent: entries[0].keyRange.startColumn, underscore: false, node: node as Node, path: [] };
}

/** YAML lines for a missing required key of the descriptor (placeholders the user edits). */
function requiredTemplate(path: string[]): string[] {
  const key = path.join('.');
  const templates: Record<string, string[]> = {
    version: ['version: 1'],
    name: ['name: my-model'],
    target: ['target:', '  host: my-host'],
    'target.host': ['host: my-host'],
    model: ['model:', '  id: deepseek-ai/deepseek-coder-6.7b-base'],
    'model.id': ['id: deepseek-ai/deepseek-coder-6.7b-base'],
    image: ['image:', '  tag: quay.io/ascend/vllm-ascend:v0.23.0'],
    'image.tag': ['tag: quay.io/ascend/vllm-ascend:v0.23.0'],
  };
  return (Object.hasOwn(templates, key) ? templates[key] : undefined) ?? [`${path[path.length - 1]}: `];
}

// ---------------------------------------------------------------------------------------------------------------

/** Unknown keys per file that get did-you-mean fixes. */
const MAX_SUGGESTED = 50;

/** Names articles use that vLLM never had, and what they meant (docs/ascend-facts.md §8). */
const MISNOMERS = new Map<string, string[]>([
  ['max-batch-size', ['max-num-seqs', 'max-num-batched-tokens']],
]);

/** Serve keys: unknown keys, and each value against its definition. */
export function checkServeKeys(ctx: ConfigContext, view: MapView): Finding[] {
  const out: Finding[] = [];
  const target = ctx.targetVersion;
  const aliases = shortAliases(target);
  const line = schemaVersions(target).line;
  let suggested = 0;
  for (const e of view.entries) {
    if (view.path.length && e.key === 'config') continue; // descriptor: serve.config names a file
    const last = view.byNorm.get(e.norm);
    if (last && last !== e) {
      out.push({
        range: e.keyRange, severity: 'warning', code: Codes.duplicateKey, docUrl: docUrl[Codes.duplicateKey],
        message: t('"{0}" is set again on line {1}; the later value wins.', e.key, String(last.keyRange.startLine + 1)),
      });
    }
    const def = serveDef(e.norm, undefined, target);
    if (!def) {
      if (aliases.has(e.norm) || e.norm === 'device') continue; // own rules (ASC123, ASC120)
      const elsewhere = serveKeyElsewhere(e.norm, target);
      if (elsewhere) {
        out.push(versionedKeyFinding(e.key, e.keyRange, line, elsewhere));
        continue;
      }
      const misnomer = MISNOMERS.get(e.norm);
      // Suggestions cost a scan of every option: bounded, so a pasted 3,000-line document stays fast.
      const candidates = (misnomer ?? (suggested++ < MAX_SUGGESTED ? didYouMean(e.norm, serveKeys(target)) : [])).map((k) => styleKey(k, e.key.includes('_') && !e.key.includes('-')));
      out.push({
        range: e.keyRange, severity: 'error', code: Codes.unknownKey, docUrl: docUrl[Codes.unknownKey],
        message: misnomer
          ? t('"{0}" is not a vLLM option: concurrency is max-num-seqs (sequences per step) and max-num-batched-tokens (tokens per step).', e.key)
          : t('Unknown vLLM option "{0}": vllm serve would stop with "unrecognized arguments".', e.key),
        fixes: candidates.map((k) => ({ title: t('Change to "{0}"', k), edits: [replaceEdit(e.keyRange, k)] })),
      });
      continue;
    }
    if (e.norm.includes('.') || e.value === undefined) continue;
    const v = validatorFor(`serve@${line}:${e.norm}`, { ...def, definitions: undefined });
    if (!v(e.value)) {
      const label = [...view.path, e.key].join('.');
      for (const err of dedupe(v.errors ?? [])) {
        const f = errorFinding(ctx, err, { base: e.pair.value, label, schema: def, fallback: e.valueRange, underscore: view.underscore });
        if (f) out.push(f);
      }
    }
  }
  const model = view.byNorm.get('model');
  if (!model && ctx.kind === 'vllm-serve') {
    const first = view.entries[0];
    out.push({
      range: first ? first.keyRange : ZERO, severity: 'info', code: Codes.missingKey, docUrl: docUrl[Codes.missingKey],
      message: t('No "model" here: vllm serve then needs the model on its command line.'),
      fixes: [{ title: t('Add "{0}"', 'model'), edits: [insertKeysEdit(view, ctx.src, ['model: deepseek-ai/deepseek-coder-6.7b-base'])] }],
    });
  }
  return out;
}

/**
 * A key the target's release line lacks but another line has: "exists from <line>" when only newer lines have it,
 * else "removed in <line>" (the line after the newest older one that has it). Removals are per line, so a key can
 * be removed in one line and present in a later rc line.
 */
function versionedKeyFinding(key: string, range: Range, line: string, at: { since?: string; removedIn?: string }): Finding {
  if (at.removedIn) {
    return {
      range, severity: 'error', code: Codes.removedKey, docUrl: docUrl[Codes.removedKey],
      message: at.since
        ? t('"{0}" was removed in vllm-ascend {1} (this file targets {2}); it exists again from {3}.', key, at.removedIn, line, at.since)
        : t('"{0}" was removed in vllm-ascend {1} (this file targets {2}): vllm serve would stop with "unrecognized arguments".', key, at.removedIn, line),
    };
  }
  return {
    range, severity: 'error', code: Codes.unknownKey, docUrl: docUrl[Codes.unknownKey],
    message: t('"{0}" exists from vllm-ascend {1}; the target {2} does not have it: vllm serve would stop with "unrecognized arguments".', key, at.since ?? '?', line),
  };
}

/**
 * With allErrors, a failed `type` on a multi-type schema can come with pattern errors; keep the first per path.
 * An `anyOf` of `required` alternatives (target: host or hosts) is reported as its first alternative only.
 */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const eitherKey = new Set(errors.filter((e) => e.keyword === 'required' && /\/anyOf\/\d+\/required$/.test(e.schemaPath)).map((e) => e.instancePath));
  return errors.filter((e) => {
    if (eitherKey.has(e.instancePath) && (e.keyword === 'anyOf' || /\/anyOf\/[1-9]\d*\/required$/.test(e.schemaPath))) return false;
    const k = `${e.instancePath}|${e.keyword === 'additionalProperties' ? JSON.stringify(e.params) : e.keyword === 'required' ? JSON.stringify(e.params) : ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Keys of `additional-config` that vllm-ascend does not read (a typo, most often). Removed keys: ASC121. */
export function checkAdditionalConfigKeys(ctx: ConfigContext, view: MapView): Finding[] {
  const entry = view.byNorm.get('additional-config');
  if (!entry || !entry.pair.value) return [];
  const known = ascendSchema(undefined, ctx.targetVersion).properties ?? {};
  const current = Object.keys(known).filter((k) => !known[k]['x-absent']);
  const out: Finding[] = [];
  let suggested = 0;
  for (const { key, pair } of mapPairs(entry.pair.value)) {
    const range = nodeRange(ctx.src, pair.key as Node) ?? entry.keyRange;
    if (Object.prototype.hasOwnProperty.call(known, key)) {
      // Read only by newer lines (a removed key is ASC121's).
      const d = known[key];
      if (d['x-absent'] && d['x-since'] && !d['x-removedIn']) {
        out.push({
          range, severity: 'warning', code: Codes.unknownAscendKey, docUrl: docUrl[Codes.unknownAscendKey],
          message: t('additional-config "{0}" is read from vllm-ascend {1} on, not by {2} (target {3}).', key, d['x-since'], schemaVersions(ctx.targetVersion).line, ctx.targetVersion),
        });
      }
      continue;
    }
    out.push({
      range, severity: 'warning', code: Codes.unknownAscendKey, docUrl: docUrl[Codes.unknownAscendKey],
      message: t('vllm-ascend {0} does not read additional-config key "{1}".', ctx.targetVersion, key),
      fixes: (suggested++ < MAX_SUGGESTED ? didYouMean(key, current) : []).map((k) => ({ title: t('Change to "{0}"', k), edits: [replaceEdit(range, k)] })),
    });
  }
  return out;
}

/** The deploy descriptor against its schema (its serve keys are checked by checkServeKeys). */
export function checkDeploy(ctx: ConfigContext): Finding[] {
  const schema: RootSchema = deploySchema();
  const v = validatorFor('deploy', schema);
  const value = ctx.src.value;
  if (value === undefined || value === null) {
    return [{ range: ZERO, severity: 'error', code: Codes.missingKey, docUrl: docUrl[Codes.missingKey], message: t('The descriptor is empty: it needs version, name, target, model and image.'),
      fixes: [{ title: t('Insert a working descriptor'), edits: [replaceEdit(ZERO, DEPLOY_SNIPPET_TEXT)] }] }];
  }
  if (v(value)) return [];
  const out: Finding[] = [];
  for (const err of dedupe(v.errors ?? [])) {
    const f = errorFinding(ctx, err, { base: ctx.src.doc?.contents, label: '', schema, fallback: ZERO, underscore: false, doc: DEPLOY_DOC });
    if (f) out.push(f);
  }
  return out;
}

/** The descriptor drives `docker run` as vllm-ascend's installation guide describes it. */
const DEPLOY_DOC = 'https://github.com/vllm-project/vllm-ascend/blob/5cb98caaadeff42b5b62b996e34bb2aaa29d20fd/docs/source/installation.md';

export const DEPLOY_SNIPPET_TEXT = [
  'version: 1',
  'name: coder',
  'target:',
  '  host: my-host',
  '  chip: 910B4',
  '  vllmAscend: v0.23.0',
  'model:',
  '  id: deepseek-ai/deepseek-coder-6.7b-base',
  '  source: modelscope',
  'image:',
  '  tag: quay.io/ascend/vllm-ascend:v0.23.0',
  'runtime:',
  '  npus: [0]',
  '  shmSize: 1g',
  '  publish: { address: 127.0.0.1, port: 8000 }',
  'serve:',
  '  served-model-name: deepseek-coder',
  '  max-model-len: 16384',
  '',
].join('\n');
