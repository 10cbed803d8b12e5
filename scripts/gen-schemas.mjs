#!/usr/bin/env node
// Generates the JSON Schemas in schemas/ from the TSVs in schemas/source/ (read from vLLM's and vllm-ascend's own
// sources; their second line names the commits). Run: `node scripts/gen-schemas.mjs` (or `--check` to fail when
// the committed files differ from what would be generated).
//
// Describes: vLLM v0.23.0 (branch-cut main commit eebce65756f0beb08547439728da98b5e1a7119c, read from the
// EmbeddedLLM/vllm fork, which holds the same upstream SHAs) paired with vllm-ascend v0.23.0
// (tag commit 5cb98caaadeff42b5b62b996e34bb2aaa29d20fd). See schemas/source/vllm-args-NOTES.md.
//
// Output:
//   schemas/vllm-serve.schema.json (+ .zh-cn)                      keys of a `vllm serve --config` YAML file
//   schemas/vllm-ascend-additional-config.schema.json (+ .zh-cn)   vllm-ascend `additional_config`
//   schemas/ascend-deploy.schema.json (+ .zh-cn)                   deploy descriptor, version 1 (contracts.md §1)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = (f) => join(root, 'schemas', 'source', f);

export const VLLM_VERSION = 'v0.23.0';
export const VLLM_ASCEND_VERSION = 'v0.23.0';
const VLLM_COMMIT = 'eebce65756f0beb08547439728da98b5e1a7119c';
const VA_COMMIT = '5cb98caaadeff42b5b62b996e34bb2aaa29d20fd';
const VLLM_BLOB = `https://github.com/vllm-project/vllm/blob/${VLLM_COMMIT}/`;
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

/** Which TSV choice lists vLLM really enforces (the notes column says so). */
function choiceEnforcement(name, notes) {
  if (/argparse-enforced/.test(notes)) return 'argparse';
  if (/validated as IntEnum|Literal validated at config build/.test(notes)) return 'config-build';
  if (name === 'quantization') return 'platform';
  return 'advisory';
}

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
function buildAdditionalConfig() {
  const { provenance, rows } = readTsv('vllm-ascend-additional-config.tsv');
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
  for (const r of rows) {
    const parts = r.key.split('.');
    const def = parseDefault(r.default, r.type);
    const prop = { ...typeOf(r.type), description: r.summary };
    if ('value' in def) {
      prop.default = def.value;
      if (def.value === null && !Array.isArray(prop.type)) prop.type = [prop.type, 'null'];
    } else if (def.note) prop['x-defaultNote'] = def.note;
    prop['x-type'] = r.type;
    prop['x-status'] = r.status;
    const removed = /^removed in (v[\w.]+)(?:\s*\((.*)\))?/.exec(r.status);
    if (removed) {
      prop['x-removedIn'] = removed[1];
      if (removed[2]) prop['x-replacement'] = removed[2];
    }
    prop['x-source'] = r.source;
    const link = sourceLink(r.source.split(/;\s*/).find((s) => s.includes('.md')) ?? r.source, VA_BLOB);
    if (link) prop['x-doc'] = link;
    if (parts.length === 1) top[r.key] = { ...prop, ...(top[r.key] ?? {}), ...prop };
    else {
      const parent = top[parts[0]] ?? (top[parts[0]] = { type: 'object' });
      parent.properties ??= {};
      parent.properties[parts[1]] = prop;
    }
  }
  // eplb_config: "unknown sub-keys raise ValueError" (vllm_ascend/ascend_config.py:831-894).
  if (top.eplb_config) top.eplb_config.additionalProperties = false;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_BASE}vllm-ascend-additional-config.schema.json`,
    title: `vllm-ascend ${VLLM_ASCEND_VERSION} additional_config`,
    description: `Keys of vLLM's --additional-config read by vllm-ascend ${VLLM_ASCEND_VERSION}. Removed keys are listed with x-removedIn so editors can flag them by target version.`,
    'x-vllmAscendVersion': VLLM_ASCEND_VERSION,
    'x-source': provenance,
    type: 'object',
    properties: top,
  };
}

// ---------------------------------------------------------------------------------------------------------------
function buildServe(additional) {
  const { provenance, rows } = readTsv('vllm-engine-args.tsv');
  const defs = {};
  const properties = {};
  const jsonFlags = [];
  for (const r of rows) {
    if (!r.flag.startsWith('--')) continue; // model_tag is positional: in a config file the key is `model`
    const name = r.flag.slice(2);
    const notes = r.notes;
    const def = parseDefault(r.default, r.type);
    const nullable = /'None' or empty string parses to None/.test(notes) || def.value === null;
    const prop = valueSchema(r.type, name, notes, nullable);
    const choices = r.choices ? r.choices.split(',').map((c) => c.trim()).filter(Boolean) : [];
    const enforcement = choices.length || name === 'quantization' ? choiceEnforcement(name, notes) : undefined;
    if (enforcement === 'platform') {
      prop.enum = [...ASCEND_QUANTIZATION, null];
      prop['x-knownValues'] = choices;
    } else if (enforcement === 'argparse' || enforcement === 'config-build') {
      if (r.type.startsWith('list')) prop.items = { ...prop.items, enum: enumValues(choices, 'str', false) };
      else prop.enum = enumValues(choices, r.type, nullable);
    } else if (enforcement) {
      prop['x-knownValues'] = choices.filter((c) => c !== 'None');
    }
    if (enforcement) prop['x-choices'] = enforcement;
    prop.description = r.summary;
    prop.markdownDescription = `${r.summary}\n\n${notes}`.trim();
    if ('value' in def) prop.default = def.value;
    else if (def.note) prop['x-defaultNote'] = def.note;
    prop['x-flag'] = r.flag;
    prop['x-type'] = r.type;
    if (r.aliases) prop['x-aliases'] = r.aliases.split(/[,\s]+/).filter(Boolean);
    prop['x-group'] = r.group;
    prop['x-source'] = r.source;
    const link = sourceLink(r.source.split(/;\s*/).pop(), VLLM_BLOB) ?? sourceLink(r.source, VLLM_BLOB);
    if (link) prop['x-doc'] = link;
    if (/BooleanOptionalAction/.test(notes)) prop['x-hasNoForm'] = true;
    if (name === 'gpu-memory-utilization') prop['x-note'] = 'Default 0.92 at vLLM v0.23.0 (0.9 in older releases).';
    if (name === 'additional-config') prop.properties = additional.properties;
    if (r.type.startsWith('json')) jsonFlags.push(name);
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
        'x-group': r.group,
        'x-source': 'vllm/utils/argparse_utils.py:573-575',
        'x-doc': `${VLLM_BLOB}vllm/utils/argparse_utils.py#L573`,
      };
      properties[neg] = { $ref: `#/definitions/${neg}` };
      properties[neg.replace(/-/g, '_')] = { $ref: `#/definitions/${neg}` };
    }
  }
  const alt = jsonFlags.map((f) => f.replace(/-/g, '[-_]')).join('|');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_BASE}vllm-serve.schema.json`,
    title: `vLLM ${VLLM_VERSION} serve --config file (vllm-ascend ${VLLM_ASCEND_VERSION})`,
    description: 'Keys are long option names of `vllm serve`, with dashes or underscores. `true` emits --key; `false` emits nothing at v0.23.0 (write no-<key>: true to switch a default-on flag off); lists become repeated values; mappings are JSON-encoded. The file must end in .yaml or .yml.',
    'x-vllmVersion': VLLM_VERSION,
    'x-vllmAscendVersion': VLLM_ASCEND_VERSION,
    'x-source': provenance,
    type: 'object',
    properties,
    // Dotted keys (compilation-config.mode: 3) are merged into one JSON object (vllm/utils/argparse_utils.py:337-428).
    patternProperties: { [`^(${alt})\\..+$`]: {} },
    additionalProperties: false,
    definitions: defs,
  };
}

// ---------------------------------------------------------------------------------------------------------------
/** The deploy descriptor, version 1, as sketched in contracts.md §1. */
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
        type: 'object', description: 'Where it runs.', required: ['host'], additionalProperties: false,
        properties: {
          host: str('A Host alias from ~/.ssh/config, or local: this machine (no SSH).', { minLength: 1 }),
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
          // msModelSlim V1 quant_type list (ascend-facts.md §3) plus w4a16 (V0 scripts).
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
/** Replaces descriptions with Chinese ones where the table has them; keeps English otherwise (test/unit/config/schemas.test.ts fails then). */
function localize(schema, table, prefix) {
  const walk = (node, path) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return;
    if (typeof node.description === 'string') {
      // additional-config inside the serve schema reuses the vllm-ascend table.
      const zh = table[path] ?? (path.startsWith('serve:additional-config.') ? table[`ascend:${path.slice('serve:additional-config.'.length)}`] : undefined);
      const negated = node['x-negates'] ? `关闭 --${node['x-negates']}（即 ${node['x-flag']} 形式）。配置文件中只有 \`true\` 才生效。` : undefined;
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
  const additional = buildAdditionalConfig();
  const serve = buildServe(additional);
  const deploy = buildDeploy();
  const out = {
    'vllm-serve.schema.json': serve,
    'vllm-serve.schema.zh-cn.json': localize(serve, zh, 'serve:'),
    'vllm-ascend-additional-config.schema.json': additional,
    'vllm-ascend-additional-config.schema.zh-cn.json': localize(additional, zh, 'ascend:'),
    'ascend-deploy.schema.json': deploy,
    'ascend-deploy.schema.zh-cn.json': localize(deploy, zh, 'deploy:'),
  };
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
