#!/usr/bin/env node
// Generates the JSON Schemas in schemas/: per vllm-ascend release line (schemas/source/release-lines.json) a serve
// schema and an additional_config schema, from that line's schemas/source/<line>/catalog.json (parsed by
// scripts/version-sources.py from the line's own source excerpts), with descriptions from the v0.23.0 TSVs in
// schemas/source/ (their second line names the commits). docs/versions.md. Run: `node scripts/gen-schemas.mjs`
// (or `--check` to fail when the committed files differ from what would be generated).
//
// The TSVs (and the default vllm-serve.schema.json) describe vLLM v0.23.0 (branch-cut main commit eebce65756f0beb08547439728da98b5e1a7119c, read from the
// EmbeddedLLM/vllm fork, which holds the same upstream SHAs) paired with vllm-ascend v0.23.0
// (tag commit 5cb98caaadeff42b5b62b996e34bb2aaa29d20fd). See schemas/source/vllm-args-NOTES.md.
//
// Output:
//   schemas/vllm-serve@<line>.schema.json (+ .zh-cn)               keys of a `vllm serve --config` YAML file
//   schemas/vllm-ascend-additional-config@<line>.schema.json (+ .zh-cn)   vllm-ascend `additional_config`
//   schemas/vllm-serve.schema.json, vllm-ascend-additional-config.schema.json (+ .zh-cn)   the v0.23.0 line's
//   schemas/ascend-deploy.schema.json (+ .zh-cn)                   deploy descriptor, version 1 (docs/contracts.md §1)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = (f) => join(root, 'schemas', 'source', f);

export const VLLM_VERSION = 'v0.23.0';
export const VLLM_ASCEND_VERSION = 'v0.23.0';
export const VLLM_COMMIT = 'eebce65756f0beb08547439728da98b5e1a7119c';
const VA_COMMIT = '5cb98caaadeff42b5b62b996e34bb2aaa29d20fd';
const VA_BLOB = `https://github.com/vllm-project/vllm-ascend/blob/${VA_COMMIT}/`;
const SCHEMA_BASE = 'https://ascend-llm.invalid/schemas/';

function readTsv(file) {
  const lines = readFileSync(src(file), 'utf8').split('\n').filter((l) => l.length > 0);
  const header = lines[0].split('\t');
  const provenance = lines[1].startsWith('#') ? lines[1].replace(/^#\s*/, '') : '';
  const rows = lines.slice(provenance ? 2 : 1).map((l) => {
    const cells = l.split('\t');
    return Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? '').trim()]));
  });
  return { provenance, rows };
}

/** First "path:line" of a TSV source cell → a GitHub link at the commit read. */
function sourceLink(source, blob) {
  const m = /^(?:(v[\d.]+rc?\d*):)?([\w./-]+\.(?:py|md))(?::(\d+))?/.exec(source);
  if (!m) return undefined;
  const base = m[1] ? blob.replace(/blob\/[0-9a-f]+\//, `blob/${m[1]}/`) : blob;
  return `${base}${m[2]}${m[3] ? `#L${m[3]}` : ''}`;
}

function parseDefault(raw, type) {
  const v = raw.replace(/\s*\((env|doc)[^)]*\)\s*$/, '').trim();
  if (v === 'None') return { value: null };
  if (v === 'auto-derived' || v === 'same as enabled' || /^[A-Z]\w*\(\)$/.test(v)) return { note: v };
  if (/^(True|true)$/.test(v)) return { value: true };
  if (/^(False|false)$/.test(v)) return { value: false };
  if (v === '""') return { value: '' };
  if (/^[[{]/.test(v)) {
    try { return { value: JSON.parse(v) }; } catch { return { note: v }; }
  }
  if (/^-?\d+(\.\d+)?$/.test(v) && /^(int|float)/.test(type)) return { value: Number(v) };
  return { value: v };
}

const NUM_STR = '^-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?$';
const INT_STR = '^-?\\d+$';
// vllm/utils/argparse_utils.py:29-92: k/m/g/t ×1000ⁿ (decimals ok), K/M/G/T ×1024ⁿ (integers only).
const HUMAN_INT_STR = '^(-?\\d+|\\d+(\\.\\d+)?[kmgt]|\\d+[KMGT])$';
const HUMAN_INT_FLAGS = new Set(['max-model-len', 'max-num-batched-tokens', 'kv-cache-memory-bytes', 'safetensors-prefetch-block-size']);

/** vllm-ascend v0.23.0 vllm_ascend/platform.py:140-145 (NPUPlatform.supported_quantization). */
const ASCEND_QUANTIZATION = ['ascend', 'compressed-tensors', 'fp8', 'deepseek_v4_fp8'];

function valueSchema(type, name, notes, nullable) {
  let s;
  switch (type) {
    case 'bool': s = { type: ['boolean'] }; break;
    case 'int': s = { type: ['integer', 'string'], pattern: HUMAN_INT_FLAGS.has(name) ? HUMAN_INT_STR : INT_STR }; break;
    case 'float': s = { type: ['number', 'string'], pattern: NUM_STR }; break;
    case 'str': s = { type: ['string', 'number'] }; break;
    case 'list[str]': s = { type: ['array', 'string', 'number'], items: { type: ['string', 'number'] } }; break;
    case 'list[int]': s = { type: ['array', 'integer', 'string'], items: { type: ['integer', 'string'], pattern: INT_STR } }; break;
    case 'json': case 'json|str': s = { type: ['object', 'array', 'string'] }; break;
    case 'bool|str': s = { type: ['boolean', 'string'] }; break;
    default: throw new Error(`unknown type ${type} for ${name}`);
  }
  if (name === 'max-model-len') s.pattern = `${HUMAN_INT_STR.slice(0, -2)}|auto)$`;
  if (nullable) s.type.push('null');
  const range = /Range: (>=|>) (-?[\d.]+)(?: and (<=|<) (-?[\d.]+))?/.exec(notes);
  if (range && (type === 'int' || type === 'float')) {
    if (range[1] === '>=') s.minimum = Number(range[2]); else s.exclusiveMinimum = Number(range[2]);
    if (range[3] === '<=') s.maximum = Number(range[4]); else if (range[3]) s.exclusiveMaximum = Number(range[4]);
  }
  return s;
}

function enumValues(choices, type, nullable) {
  const out = [];
  const add = (v) => { if (!out.includes(v)) out.push(v); };
  for (const c of choices) {
    if (c === 'None') { add(null); continue; }
    // A YAML value reaches argparse as str(value), so `3` and "3" are the same choice.
    if (/^\d+$/.test(c)) { add(Number(c)); add(c); } else add(c);
  }
  if (nullable) add(null);
  return out;
}

function loadZh() {
  try { return JSON.parse(readFileSync(src('descriptions.zh-cn.json'), 'utf8')); } catch { return {}; }
}

// ---------------------------------------------------------------------------------------------------------------
// Release lines: schemas/source/release-lines.json names them; schemas/source/<line>/catalog.json holds what
// scripts/version-sources.py parsed from that line's own vLLM / vllm-ascend source excerpts.
const LINES_CFG = JSON.parse(readFileSync(src('release-lines.json'), 'utf8'));
export const LINES = LINES_CFG.lines.map((l) => l.line);
const catalogs = Object.fromEntries(LINES.map((l) => [l, JSON.parse(readFileSync(src(join(l, 'catalog.json')), 'utf8'))]));
/** The line whose schema is also schemas/vllm-serve.schema.json (the newest final release line). */
export const DEFAULT_LINE = VLLM_ASCEND_VERSION;

/** For each key: the lines that have it, oldest first. */
function presence(keysOf) {
  const out = new Map();
  for (const l of LINES) for (const k of keysOf(catalogs[l])) {
    if (!out.has(k)) out.set(k, []);
    if (!out.get(k).includes(l)) out.get(k).push(l);
  }
  return out;
}
/** "since" = first line with the key; "until" = the line after the last one with it (none when the newest has it). */
function span(lines) {
  const last = LINES.indexOf(lines[lines.length - 1]);
  return { since: lines[0], removedIn: last < LINES.length - 1 ? LINES[last + 1] : undefined, lines };
}
const serveLines = presence((c) => Object.keys(c.args));
const ascendLines = presence((c) => Object.keys(c.additionalConfig).filter((k) => !k.includes('.')).concat(
  Object.keys(c.additionalConfig).filter((k) => k.includes('.')).map((k) => k.split('.')[0])));

/** First sentence of a vLLM field docstring, for keys the v0.23.0 table does not describe. */
function firstSentence(doc, fallback) {
  const text = (doc ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return fallback;
  const m = /^(.+?[.!?])(\s+[A-Z`]|$)/.exec(text.replace(/\be\.g\./g, 'e\u2024g\u2024'));
  return (m ? m[1] : text).replace(/\u2024/g, '.').slice(0, 300);
}

function catalogDefault(d) {
  if (!d || d.required) return { note: 'required' };
  if ('value' in d) return { value: d.value };
  return { note: d.note };
}

function blobOf(line, repoKey) {
  const c = catalogs[line];
  return repoKey === 'vllm' ? `https://github.com/vllm-project/vllm/blob/${c.vllm.commit}/` : `https://github.com/vllm-project/vllm-ascend/blob/${c.vllmAscend.commit}/`;
}

function buildAdditionalConfigLine(line) {
  const { provenance, rows } = readTsv('vllm-ascend-additional-config.tsv');
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const cat = catalogs[line].additionalConfig;
  const blob = blobOf(line, 'ascend');
  const top = {};
  const typeOf = (t) => {
    if (t === 'bool') return { type: 'boolean' };
    if (t === 'int') return { type: 'integer' };
    if (t === 'float') return { type: 'number' };
    if (t === 'str') return { type: ['string', 'null'] };
    if (t === 'dict') return { type: 'object' };
    if (t === 'list[int]') return { type: 'array', items: { type: 'integer' } };
    if (t.startsWith('list')) return { type: ['array', 'object', 'null'] };
    throw new Error(`additional-config type ${t}`);
  };
  const keys = new Set(Object.keys(cat));
  for (const k of [...keys]) if (k.includes('.')) keys.add(k.split('.')[0]);
  const propFor = (key, source) => {
    const r = byKey.get(key);
    const prop = r ? { ...typeOf(r.type), description: r.summary } : { description: `Read by vllm-ascend ${line} (${source}).` };
    if (r) {
      const def = parseDefault(r.default, r.type);
      if ('value' in def) {
        prop.default = def.value;
        if (def.value === null && !Array.isArray(prop.type)) prop.type = [prop.type, 'null'];
      } else if (def.note) prop['x-defaultNote'] = def.note;
      prop['x-type'] = r.type;
      const link = sourceLink(r.source.split(/;\s*/).find((s) => s.includes('.md')) ?? r.source, VA_BLOB);
      if (link && line === VLLM_ASCEND_VERSION) prop['x-doc'] = link;
    }
    prop['x-source'] = source;
    const m = /^vllm_ascend\/ascend_config\.py:(\d+)$/.exec(source);
    if (!prop['x-doc'] && m) prop['x-doc'] = `${blob}vllm_ascend/ascend_config.py#L${m[1]}`;
    return prop;
  };
  for (const key of [...keys].sort()) {
    const parts = key.split('.');
    const source = cat[key] ?? cat[Object.keys(cat).find((k) => k.startsWith(`${key}.`))];
    const prop = propFor(key, source);
    if (parts.length === 1) {
      const sp = span(ascendLines.get(key));
      prop['x-since'] = sp.since;
      top[key] = { ...prop, ...(top[key]?.properties ? { properties: top[key].properties } : {}) };
      if (!top[key].type && top[key].properties) top[key].type = 'object';
    } else {
      const parent = top[parts[0]] ?? (top[parts[0]] = { type: 'object' });
      parent.properties ??= {};
      parent.properties[parts[1]] = prop;
    }
  }
  for (const v of Object.values(top)) if (v.properties && !v.type) v.type = 'object';
  // eplb_config: unknown sub-keys raise ValueError (EplbConfig.__init__ in vllm_ascend/ascend_config.py).
  if (top.eplb_config) top.eplb_config.additionalProperties = false;
  // Keys this line does not read: other lines' keys with their span, and the v0.23.0 table's removed keys.
  const other = {};
  for (const [k, ls] of ascendLines) if (!keys.has(k)) other[k] = span(ls);
  for (const r of rows) {
    const removed = /^removed in (v[\w.]+)(?:\s*\((.*)\))?/.exec(r.status);
    if (!removed || r.key.includes('.') || keys.has(r.key) || other[r.key]) continue;
    other[r.key] = { removedIn: removed[1], ...(removed[2] ? { replacement: removed[2] } : {}), lines: [] };
  }
  // They stay in properties (hover and the removed/added rules read them), marked x-absent.
  for (const [k, o] of Object.entries(other)) {
    const r = byKey.get(k);
    const prop = r ? propFor(k, r.source) : { description: `Read by vllm-ascend ${o.lines.join(', ')}, not by ${line}.` };
    if (!r && o.lines.length) prop['x-source'] = catalogs[o.lines[0]].additionalConfig[k] ?? '';
    prop['x-absent'] = true;
    if (o.lines.length) prop['x-lines'] = o.lines;
    const newer = o.lines.find((l) => LINES.indexOf(l) > LINES.indexOf(line));
    const older = [...o.lines].reverse().find((l) => LINES.indexOf(l) < LINES.indexOf(line));
    if (newer && !older) prop['x-since'] = newer;
    else {
      const removedIn = older ? LINES[LINES.indexOf(older) + 1] : o.removedIn;
      prop['x-removedIn'] = removedIn;
      if (newer) prop['x-since'] = newer;
    }
    if (o.replacement) prop['x-replacement'] = o.replacement;
    if (r) for (const sub of rows.filter((x) => x.key.startsWith(`${k}.`))) {
      prop.properties ??= {};
      prop.properties[sub.key.slice(k.length + 1)] = propFor(sub.key, sub.source);
    }
    top[k] = prop;
  }
  const c = catalogs[line];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_BASE}vllm-ascend-additional-config@${line}.schema.json`,
    title: `vllm-ascend ${line} additional_config`,
    description: `Keys of vLLM's --additional-config read by vllm-ascend ${line}. Keys of other release lines are listed in x-otherKeys with the line they appear in or were removed in.`,
    'x-vllmAscendVersion': line,
    'x-source': `${c.vllmAscend.repo} ${c.vllmAscend.ref} = ${c.vllmAscend.commit}, vllm_ascend/ascend_config.py (excerpt: schemas/source/${line}/vllm-ascend.ascend_config.txt). Descriptions: ${provenance}`,
    type: 'object',
    properties: top,
  };
}

function buildServeLine(line, additional) {
  const { rows } = readTsv('vllm-engine-args.tsv');
  const byFlag = new Map(rows.filter((r) => r.flag.startsWith('--')).map((r) => [r.flag.slice(2), r]));
  const c = catalogs[line];
  const blob = blobOf(line, 'vllm');
  const curated = line === VLLM_ASCEND_VERSION; // the table was read at this line's commit
  const defs = {};
  const properties = {};
  const jsonFlags = [];
  for (const [name, a] of Object.entries(c.args)) {
    const r = byFlag.get(name);
    const notes = r?.notes ?? '';
    const def = catalogDefault(a.default);
    const nullable = !!a.nullable;
    const prop = valueSchema(a.type, name, curated ? notes : '', nullable);
    const choices = a.choices ?? [];
    let enforcement;
    if (name === 'quantization') enforcement = 'platform';
    else if (choices.length) enforcement = 'argparse';
    else if (r?.choices && curated && /validated as IntEnum|Literal validated at config build/.test(notes)) enforcement = 'config-build';
    else if (r?.choices) enforcement = 'advisory';
    const listed = enforcement === 'argparse' ? choices : (r?.choices ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    if (enforcement === 'platform') {
      prop.enum = [...ASCEND_QUANTIZATION, null];
      prop['x-knownValues'] = listed;
    } else if (enforcement === 'argparse' || enforcement === 'config-build') {
      const vals = listed.filter((x) => x !== 'None');
      if (a.type.startsWith('list')) prop.items = { ...prop.items, enum: enumValues(vals, 'str', false) };
      else prop.enum = enumValues(vals, a.type, nullable || listed.includes('None'));
    } else if (enforcement) {
      prop['x-knownValues'] = listed.filter((x) => x !== 'None');
    }
    if (enforcement) prop['x-choices'] = enforcement;
    const summary = r?.summary ?? firstSentence(a.doc, `The --${name} option of vllm serve.`);
    prop.description = summary;
    prop.markdownDescription = `${summary}\n\n${notes}`.trim();
    if ('value' in def && def.value !== undefined) prop.default = def.value;
    else if (def.note) prop['x-defaultNote'] = def.note;
    prop['x-flag'] = `--${name}`;
    prop['x-type'] = a.type;
    if (a.aliases.length) prop['x-aliases'] = a.aliases;
    prop['x-group'] = r?.group && curated ? r.group : a.group;
    prop['x-source'] = a.source;
    const last = a.source.split(/;\s*/).pop();
    const m = /^([\w./-]+\.py):(\d+)$/.exec(last);
    if (m) prop['x-doc'] = `${blob}${m[1]}#L${m[2]}`;
    if (a.hasNoForm) prop['x-hasNoForm'] = true;
    const sp = span(serveLines.get(name));
    prop['x-since'] = sp.since;
    if (name === 'gpu-memory-utilization' && prop.default === 0.92) prop['x-note'] = `Default 0.92 at vLLM ${c.vllm.tag} (0.9 in older releases).`;
    if (name === 'additional-config') prop.properties = additional.properties;
    if (a.type.startsWith('json')) jsonFlags.push(name);
    defs[name] = prop;
    properties[name] = { $ref: `#/definitions/${name}` };
    const underscored = name.replace(/-/g, '_');
    if (underscored !== name) properties[underscored] = { $ref: `#/definitions/${name}` };
    if (prop['x-hasNoForm']) {
      const neg = `no-${name}`;
      defs[neg] = {
        type: 'boolean',
        description: `Switches --${name} off (the --${neg} form). In a config file only \`true\` has an effect.`,
        'x-negates': name,
        'x-flag': `--${neg}`,
        'x-type': 'bool',
        'x-group': prop['x-group'],
        'x-source': 'vllm/utils/argparse_utils.py (BooleanOptionalAction)',
      };
      properties[neg] = { $ref: `#/definitions/${neg}` };
      properties[neg.replace(/-/g, '_')] = { $ref: `#/definitions/${neg}` };
    }
  }
  const other = {};
  for (const [k, ls] of serveLines) if (!c.args[k]) other[k] = span(ls);
  const alt = jsonFlags.map((f) => f.replace(/-/g, '[-_]')).join('|');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: line === DEFAULT_LINE ? `${SCHEMA_BASE}vllm-serve.schema.json` : `${SCHEMA_BASE}vllm-serve@${line}.schema.json`,
    title: `vLLM ${c.vllm.tag} serve --config file (vllm-ascend ${line})`,
    description: `Keys are long option names of \`vllm serve\`, with dashes or underscores. \`true\` emits --key; \`false\` emits nothing (write no-<key>: true to switch a default-on flag off); lists become repeated values; mappings are JSON-encoded. The file must end in .yaml or .yml.`,
    'x-vllmVersion': c.vllm.tag,
    'x-vllmAscendVersion': line,
    'x-source': `${c.vllm.repo} commit ${c.vllm.commit} (${c.vllm.why}); excerpt: schemas/source/${line}/vllm.py.txt`,
    type: 'object',
    properties,
    // Dotted keys (compilation-config.mode: 3) are merged into one JSON object (vllm/utils/argparse_utils.py).
    patternProperties: { [`^(${alt})\\..+$`]: {} },
    additionalProperties: false,
    definitions: defs,
    'x-otherKeys': other,
  };
}

// ---------------------------------------------------------------------------------------------------------------
/** The deploy descriptor, version 1, as sketched in docs/contracts.md §1. */
function buildDeploy() {
  const str = (description, extra = {}) => ({ type: 'string', description, ...extra });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_BASE}ascend-deploy.schema.json`,
    title: 'ascend-deploy.yaml, version 1',
    description: 'Deploy descriptor of the Ascend LLM extension: where and how one vLLM-Ascend server runs.',
    'x-vllmAscendVersion': VLLM_ASCEND_VERSION,
    type: 'object',
    required: ['version', 'name', 'target', 'model', 'image'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      version: { const: 1, description: 'Descriptor format version. Always 1.' },
      name: str('Deployment name; the container is called ascend-llm-<name>.', { pattern: '^[a-z0-9-]{1,40}$' }),
      target: {
        type: 'object', description: 'Where it runs.', additionalProperties: false,
        anyOf: [{ required: ['host'] }, { required: ['hosts'] }],
        properties: {
          host: str('A Host alias from ~/.ssh/config, or local: this machine (no SSH). With hosts: the head node (the first of hosts), or left out.', { minLength: 1 }),
          hosts: {
            type: 'array', minItems: 2, uniqueItems: true,
            items: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$' },
            description: 'Multi-node: the Host aliases of every node; the first is the head (API server), the others run headless engines (vLLM data-parallel launch).',
          },
          chip: str('NPU chip, as npu-smi names it. Lets `validate` run the hardware rules with no host.', {
            enum: ['910B1', '910B2', '910B2C', '910B3', '910B4', '910B4-1', 'A3', '310P3', '950DT'],
          }),
          vllmAscend: str('Target vllm-ascend release (a git tag); rc tags map to the final vLLM version.', { pattern: '^v\\d+\\.\\d+\\.\\d+(rc\\d+)?$' }),
        },
      },
      model: {
        type: 'object', description: 'The model to serve.', required: ['id'], additionalProperties: false,
        properties: {
          id: str('Model id on ModelScope / Hugging Face, e.g. deepseek-ai/deepseek-coder-6.7b-base.', { minLength: 1 }),
          source: str('Where the weights come from.', { enum: ['modelscope', 'huggingface', 'upload', 'host'] }),
          hostPath: str('Where the weights live on the host.'),
          localPath: str('source: upload — the local model folder to upload to hostPath over SFTP, relative to this descriptor (or absolute), inside the workspace folder. Uploaded incrementally by content hash; symlinks leaving the folder are not followed.', { minLength: 1 }),
          uploadRoot: str('source: upload — the host folder uploads stay inside (absolute, or ~/… for the host user\'s home); hostPath must lie below it, outside any dot-folder. Default ~/models.', { minLength: 1 }),
        },
      },
      quantization: {
        type: 'object', description: 'Optional msModelSlim quantization.', additionalProperties: false,
        properties: {
          // msModelSlim V1 quant_type list (docs/ascend-facts.md §3) plus w4a16 (V0 scripts).
          scheme: str('msModelSlim scheme for the model family.', { enum: ['w4a8', 'w4a8c8', 'w8a8', 'w8a8s', 'w8a8c8', 'w8a16', 'w16a16s', 'w4a16'] }),
          outputPath: str('Where msModelSlim writes the quantized weights on the host.'),
          trustRemoteCode: { type: 'boolean', default: false, description: 'Pass --trust_remote_code True to msModelSlim, which then runs the Python code shipped with the model repository on the host, as your SSH user and outside any container. Only for repositories you trust; off by default.' },
        },
      },
      image: {
        type: 'object', description: 'The container image.', required: ['tag'], additionalProperties: false,
        properties: {
          tag: str('Image that deploy runs.', { minLength: 1 }),
          dockerfile: str('Dockerfile to build the image on the host.'),
          base: str('Image to pull, e.g. quay.io/ascend/vllm-ascend:v0.23.0 (a mirror setting applies).'),
          tarball: str('For hosts that cannot pull: a `docker save` tarball of the image, relative to this descriptor (or absolute); uploaded to the host and loaded with docker load.', { minLength: 1 }),
        },
      },
      runtime: {
        type: 'object', description: 'docker run settings.', additionalProperties: false,
        properties: {
          npus: { type: 'array', items: { type: 'integer', minimum: 0 }, uniqueItems: true, minItems: 1, description: 'NPU ids as `npu-smi info` prints them.' },
          parallel: {
            type: 'object', description: 'Multi-node: vLLM parallel layout over target.hosts (dp × tp = NPUs used on all nodes).',
            required: ['dp'], additionalProperties: false,
            properties: {
              dp: { type: 'integer', minimum: 1, maximum: 1024, description: '--data-parallel-size: data-parallel ranks over all nodes.' },
              dpLocal: {
                anyOf: [{ type: 'integer', minimum: 1, maximum: 128 }, { type: 'array', items: { type: 'integer', minimum: 1, maximum: 128 }, minItems: 2 }],
                description: '--data-parallel-size-local: ranks per node (one number, or one per host); dp ÷ hosts when left out.',
              },
              tp: { type: 'integer', minimum: 1, maximum: 128, description: '--tensor-parallel-size (within a node).' },
              ep: { type: 'boolean', description: '--enable-expert-parallel: MoE experts split over all dp × tp NPUs.' },
              pp: { type: 'integer', minimum: 1, maximum: 64, description: '--pipeline-parallel-size.' },
            },
          },
          shmSize: str('docker --shm-size, e.g. 1g.', { pattern: '^\\d+(\\.\\d+)?[bkmgBKMG]?$' }),
          publish: {
            type: 'object', description: 'docker -p address:port:<container port>.', additionalProperties: false,
            properties: {
              address: str('Publish address on the host; 127.0.0.1 by default.'),
              port: { type: 'integer', minimum: 1, maximum: 65535, description: 'Host port.' },
            },
          },
          env: {
            type: 'object', description: 'Environment variables for the container.',
            additionalProperties: { type: ['string', 'number', 'boolean'] },
          },
        },
      },
      serve: {
        type: 'object',
        description: 'vLLM engine args: inline keys (as in a vllm serve --config file), or `config: ./serve.vllm.yaml`.',
        properties: { config: str('Path of a vllm serve --config YAML file, relative to this descriptor.', { pattern: '\\.ya?ml$' }) },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
/** The generated "Read by vllm-ascend …" text of keys the v0.23.0 table does not describe, in Chinese. */
function readBy(text) {
  let m = /^Read by vllm-ascend (.+) \((.+)\)\.$/.exec(text);
  if (m) return `vllm-ascend ${m[1]} 读取此键（${m[2]}）。`;
  m = /^Read by vllm-ascend (.+), not by (.+)\.$/.exec(text);
  if (m) return `vllm-ascend ${m[1]} 读取此键，${m[2]} 不读取。`;
  return undefined;
}

/** Replaces descriptions with Chinese ones where the table has them; keeps English otherwise (test/unit/config/schemas.test.ts fails then). */
function localize(schema, table, prefix) {
  const walk = (node, path) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return;
    if (typeof node.description === 'string') {
      // additional-config inside the serve schema reuses the vllm-ascend table.
      const zh = table[path] ?? (path.startsWith('serve:additional-config.') ? table[`ascend:${path.slice('serve:additional-config.'.length)}`] : undefined);
      const negated = node['x-negates'] ? `关闭 --${node['x-negates']}（即 ${node['x-flag']} 形式）。配置文件中只有 \`true\` 才生效。` : readBy(node.description);
      if (zh || negated) {
        node.description = zh ?? negated;
        if (node.markdownDescription) node.markdownDescription = node.markdownDescription.replace(/^[^\n]*/, node.description);
      }
    }
    for (const key of ['properties', 'definitions']) {
      if (node[key]) for (const [k, v] of Object.entries(node[key])) walk(v, `${path}.${k}`);
    }
  };
  const copy = structuredClone(schema);
  if (table[`${prefix}$title`]) copy.title = table[`${prefix}$title`];
  if (table[`${prefix}$description`]) copy.description = table[`${prefix}$description`];
  for (const key of ['properties', 'definitions']) {
    if (copy[key]) for (const [k, v] of Object.entries(copy[key])) walk(v, `${prefix}${k}`);
  }
  copy.$id = copy.$id.replace(/\.schema\.json$/, '.schema.zh-cn.json');
  return copy;
}

export function generate() {
  const zh = loadZh();
  const out = {};
  for (const line of LINES) {
    const additional = buildAdditionalConfigLine(line);
    const serve = buildServeLine(line, additional);
    out[`vllm-serve@${line}.schema.json`] = serve;
    out[`vllm-serve@${line}.schema.zh-cn.json`] = { ...localize(serve, zh, 'serve:'), title: `vLLM ${serve['x-vllmVersion']} serve --config 配置文件（vllm-ascend ${line}）` };
    out[`vllm-ascend-additional-config@${line}.schema.json`] = additional;
    out[`vllm-ascend-additional-config@${line}.schema.zh-cn.json`] = { ...localize(additional, zh, 'ascend:'), title: `vllm-ascend ${line} additional_config（附加配置）` };
    if (line === DEFAULT_LINE) {
      // The newest final release line is also the schema VS Code's jsonValidation and yaml offers use.
      out['vllm-serve.schema.json'] = serve;
      out['vllm-serve.schema.zh-cn.json'] = out[`vllm-serve@${line}.schema.zh-cn.json`];
      out['vllm-ascend-additional-config.schema.json'] = additional;
      out['vllm-ascend-additional-config.schema.zh-cn.json'] = out[`vllm-ascend-additional-config@${line}.schema.zh-cn.json`];
    }
  }
  const deploy = buildDeploy();
  out['ascend-deploy.schema.json'] = deploy;
  out['ascend-deploy.schema.zh-cn.json'] = localize(deploy, zh, 'deploy:');
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, `${JSON.stringify(v, null, 2)}\n`]));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = generate();
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [name, text] of Object.entries(files)) {
    const path = join(root, 'schemas', name);
    if (check) {
      let old = '';
      try { old = readFileSync(path, 'utf8'); } catch { /* missing */ }
      if (old !== text) { console.error(`stale: schemas/${name}`); stale++; }
    } else writeFileSync(path, text);
  }
  if (stale) process.exit(1);
  if (!check) console.log(`wrote ${Object.keys(files).length} schemas`);
}
