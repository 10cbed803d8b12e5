/**
 * Completion in config files: keys with their docs (required and common keys first), allowed values, and a
 * whole working config as a snippet. insertText is plain text (no snippet placeholders).
 */
import { t } from '../l10n/index';
import { cursorAt } from './cursor';
import { classify } from './files';
import { prefersUnderscore, styleKey } from './keys';
import { KNOWN_IDS } from './model-facts';
import { containerAt, keyDef } from './schema-at';
import type { PropSchema } from './schemas';
import { serveSchema } from './schemas';
import { DEPLOY_SNIPPET_TEXT } from './schema-check';
import { hoverMarkdown } from './hover';

export interface ConfigCompletion {
  label: string;
  kind: 'key' | 'value' | 'snippet';
  detail?: string;
  documentation?: string;
  insertText: string;
  sortText?: string;
}

/** Keys most configs set, offered right after the required ones. */
const COMMON_SERVE = ['model', 'served-model-name', 'tensor-parallel-size', 'max-model-len', 'dtype', 'max-num-seqs',
  'gpu-memory-utilization', 'quantization', 'port', 'host', 'enforce-eager', 'trust-remote-code', 'max-num-batched-tokens',
  'enable-prefix-caching', 'additional-config', 'api-key', 'block-size', 'kv-cache-dtype'];

export const SERVE_SNIPPET_TEXT = [
  '# ascend-llm: vllm-config',
  'model: deepseek-ai/deepseek-coder-6.7b-base',
  'served-model-name: deepseek-coder',
  'dtype: float16',
  'tensor-parallel-size: 1',
  'max-model-len: 16384',
  'max-num-seqs: 256',
  'port: 8000',
  '',
].join('\n');

function typeLabel(def: PropSchema): string {
  const ty = def['x-type'] ?? (Array.isArray(def.type) ? def.type.join('|') : def.type ?? '');
  const dflt = def.default !== undefined ? ` = ${JSON.stringify(def.default)}` : def['x-defaultNote'] ? ` (${def['x-defaultNote']})` : '';
  return `${ty}${dflt}`;
}

function isMapping(def: PropSchema): boolean {
  const ty = Array.isArray(def.type) ? def.type : [def.type];
  return ty.includes('object') && !!def.properties && !ty.includes('string');
}

function valuesOf(def: PropSchema, key: string): string[] {
  if (key === 'model' || key === 'id') return KNOWN_IDS;
  const ty = Array.isArray(def.type) ? def.type : [def.type];
  const vals = new Set<string>();
  for (const v of def.enum ?? []) if (v !== null) vals.add(String(v));
  for (const v of def['x-knownValues'] ?? []) vals.add(v);
  if (ty.includes('boolean')) { vals.add('true'); vals.add('false'); }
  return [...vals];
}

export function configCompletions(input: { fileName: string; text: string; line: number; column: number; locale?: string }): ConfigCompletion[] {
  const kind0 = classify(input.fileName, input.text);
  if (kind0 !== 'vllm-serve' && kind0 !== 'deploy') return [];
  const kind = kind0;
  const cur = cursorAt(input.text, input.line, input.column);
  const out: ConfigCompletion[] = [];
  if (cur.inValue && cur.key) {
    const def = keyDef(kind, cur.path, cur.key, input.locale);
    if (!def) return [];
    for (const v of valuesOf(def, cur.key)) {
      out.push({ label: v, kind: 'value', detail: def.enum?.length ? t('allowed value') : t('known value'), insertText: v, sortText: `0${v}` });
    }
    return out;
  }
  if (!cur.onKey) return [];
  const place = containerAt(kind, cur.path, input.locale);
  if (!place) return [];
  const underscore = prefersUnderscore(input.text.split('\n').map((l) => /^\s*([\w.-]+)\s*:/.exec(l)?.[1] ?? ''));
  const indent = ' '.repeat(cur.indent + 2);
  if (place.space === 'serve') {
    const defs = serveSchema(input.locale).definitions ?? {};
    for (const [k, def] of Object.entries(defs)) {
      const label = styleKey(k, underscore);
      const common = COMMON_SERVE.indexOf(k);
      const sort = k === 'model' && kind === 'vllm-serve' ? '0' : common >= 0 ? `1${String(common).padStart(2, '0')}` : def['x-negates'] ? '3' : '2';
      out.push({ label, kind: 'key', detail: typeLabel(def), documentation: hoverMarkdown(k, def, input.locale), insertText: `${label}: `, sortText: `${sort}${k}` });
    }
  } else {
    const def = place.def;
    const required = new Set(def?.required ?? []);
    for (const [k, sub] of Object.entries(def?.properties ?? {})) {
      if (k === '$schema' || sub['x-removedIn']) continue;
      out.push({
        label: k, kind: 'key', detail: typeLabel(sub), documentation: hoverMarkdown(k, sub, input.locale),
        insertText: isMapping(sub) || (kind === 'deploy' && cur.path.length === 0 && ['target', 'model', 'image', 'runtime', 'serve', 'quantization'].includes(k)) ? `${k}:\n${indent}` : `${k}: `,
        sortText: `${required.has(k) ? '0' : '1'}${k}`,
      });
    }
  }
  if (cur.path.length === 0 && cur.indent === 0) {
    const empty = input.text.trim() === '' || input.text.trim().startsWith('#') && !input.text.includes(':');
    out.push(kind === 'deploy'
      ? { label: t('Whole deploy descriptor (DeepSeek-Coder 6.7B on 910B4)'), kind: 'snippet', insertText: DEPLOY_SNIPPET_TEXT, sortText: empty ? '!' : '9' }
      : { label: t('Whole vllm serve config (DeepSeek-Coder 6.7B)'), kind: 'snippet', insertText: SERVE_SNIPPET_TEXT, sortText: empty ? '!' : '9' });
  }
  return out;
}
