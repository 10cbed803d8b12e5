// Parses the command a simulated container runs into vLLM serve settings:
// `vllm serve MODEL [--flags]`, `python -m vllm.entrypoints.openai.api_server --model M`, or the demo
// `python -m vllm.entrypoints.api_server` (docs/ascend-facts.md §5), plus `--config file.yaml` (§2).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** vLLM v0.23.0's options from the project's own schema (schemas/vllm-serve.schema.json): name or alias -> takes a value. */
const KNOWN = (() => {
  try {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'schemas', 'vllm-serve.schema.json'), 'utf8'));
    const m = new Map([['help', false], ['h', false]]);
    for (const [k, def] of Object.entries(schema.definitions ?? {})) {
      const takes = def['x-type'] !== 'bool';
      m.set(k, takes);
      for (const a of def['x-aliases'] ?? []) m.set(a.replace(/^-+/, ''), takes);
    }
    for (const k of Object.keys(schema.properties ?? {})) if (!m.has(k)) m.set(k, true);
    // Short aliases vLLM registers (vllm/engine/arg_utils.py) in case the schema does not list them.
    for (const a of ['tp', 'pp', 'dp', 'dpl', 'dpr', 'dpa', 'dpp', 'dpn', 'dpb', 'n', 'r', 'asc', 'q', 'O']) if (!m.has(a)) m.set(a, true);
    for (const a of ['dph', 'dpe']) if (!m.has(a)) m.set(a, false);
    return m;
  } catch { return null; }
})();

/** argparse's exit-2 refusal: `lines` are its usage line and error line. */
export class UnrecognizedArguments extends Error {
  constructor(lines) { super(lines.join('\n')); this.lines = lines; }
}

const FLAGS_WITH_VALUE = new Set(['model', 'served-model-name', 'port', 'host', 'api-key', 'max-model-len', 'tensor-parallel-size',
  'tp', 'dtype', 'quantization', 'q', 'gpu-memory-utilization', 'max-num-seqs', 'max-num-batched-tokens', 'config',
  'additional-config', 'compilation-config', 'block-size', 'kv-cache-dtype', 'pipeline-parallel-size', 'data-parallel-size',
  'distributed-executor-backend', 'seed', 'tokenizer', 'revision', 'trust-remote-code-revision', 'uvicorn-log-level', 'O',
  // multi-node data parallel (docs/multi-node.md §2), with vLLM's short aliases
  'data-parallel-size-local', 'data-parallel-start-rank', 'data-parallel-address', 'data-parallel-rpc-port', 'data-parallel-rank',
  'data-parallel-backend', 'dp', 'dpl', 'dpr', 'dpa', 'dpp', 'dpn', 'dpb', 'nnodes', 'n', 'node-rank', 'r', 'master-addr',
  'master-port', 'api-server-count', 'asc', 'speculative-config', 'pp', 'max-num-batched-tokens']);

/** @param {string[]} cmd container command (after the image) */
export function parseServeCommand(cmd, resolvePath = (p) => p) {
  /** @type {Record<string, string|string[]|boolean>} */
  const opts = {};
  let kind = 'none';
  let rest = [];
  if (cmd[0] === 'vllm' && cmd[1] === 'serve') { kind = 'openai'; rest = cmd.slice(2); }
  const m = cmd.indexOf('-m');
  if (/^python[0-9.]*$/.test(cmd[0] ?? '') && m >= 0) {
    if (cmd[m + 1] === 'vllm.entrypoints.openai.api_server') kind = 'openai';
    else if (cmd[m + 1] === 'vllm.entrypoints.api_server') kind = 'demo';
    rest = cmd.slice(m + 2);
  }
  const positional = [];
  const served = [];
  const unrecognized = []; // the tokens argparse would list, in order
  const isApiServer = kind === 'openai' && cmd[0] !== 'vllm';
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('-') || a === '-') {
      // `vllm serve` takes one positional model_tag; the api_server module takes none.
      if (kind === 'openai' && (isApiServer || positional.length >= 1)) unrecognized.push(a);
      positional.push(a);
      continue;
    }
    const dashes = a.startsWith('--') ? '--' : '-';
    let key = a.replace(/^-+/, '');
    let val;
    if (key.includes('=')) [key, val] = [key.slice(0, key.indexOf('=')), key.slice(key.indexOf('=') + 1)];
    key = key.replace(/_/g, '-'); // FlexibleArgumentParser: underscores become dashes
    if (key === 'served-model-name') {
      if (val !== undefined) served.push(val);
      while (rest[i + 1] && !rest[i + 1].startsWith('-')) served.push(rest[++i]);
      continue;
    }
    const takes = KNOWN ? KNOWN.get(key) : FLAGS_WITH_VALUE.has(key);
    if (KNOWN && kind === 'openai' && takes === undefined) {
      unrecognized.push(`${dashes}${key}${val === undefined ? '' : `=${val}`}`);
      continue;
    }
    if (val === undefined && takes) val = rest[++i];
    opts[key] = val ?? true;
  }
  if (typeof opts.config === 'string') {
    const file = resolvePath(opts.config);
    if (!/\.ya?ml$/.test(opts.config)) throw new Error('Config file must be of a yaml/yml type.');
    const y = parseYaml(readFileSync(file, 'utf8')) ?? {};
    for (const [k0, v] of Object.entries(y)) {
      const k = k0.replace(/_/g, '-');
      if (k === 'served-model-name') { if (served.length === 0) served.push(...[v].flat().map(String)); continue; }
      if (KNOWN && kind === 'openai' && !KNOWN.has(k)) {
        // vLLM turns each key into `--k value` before argparse sees it (docs/ascend-facts.md §2).
        if (v !== false && v !== null) unrecognized.push(`--${k}`, ...(v === true ? [] : [typeof v === 'object' ? JSON.stringify(v) : String(v)]));
        continue;
      }
      if (k in opts) continue; // command line wins over the file
      if (v === false) continue; // v0.23.0 emits nothing for `k: false` (docs/ascend-facts.md §2)
      opts[k] = typeof v === 'object' && v !== null && !Array.isArray(v) ? JSON.stringify(v) : String(v === true ? true : v);
      if (v === true) opts[k] = true;
    }
  }
  if (unrecognized.length) {
    // argparse reports leftovers from the top-level parser: its usage line, then `prog: error: …`, exit 2
    // (docs/vllm-startup-refusals.md). The api_server module's full usage is long; we print its first words only.
    throw new UnrecognizedArguments(isApiServer
      ? ['usage: api_server.py [-h] [options]', `api_server.py: error: unrecognized arguments: ${unrecognized.join(' ')}`]
      : ['usage: vllm [-h] [-v] {chat,complete,serve,launch,bench,collect-env,run-batch} ...', `vllm: error: unrecognized arguments: ${unrecognized.join(' ')}`]);
  }
  const model = positional[0] ?? (typeof opts.model === 'string' ? opts.model : undefined) ?? 'facebook/opt-125m';
  const apiKeys = [];
  if (typeof opts['api-key'] === 'string') apiKeys.push(opts['api-key']);
  return {
    kind, model, opts,
    servedModelNames: served.length ? served : [model],
    port: Number(opts.port ?? 8000),
    apiKeys,
    maxModelLen: opts['max-model-len'] ? parseLen(String(opts['max-model-len'])) : undefined,
    tp: Number(opts['tensor-parallel-size'] ?? opts.tp ?? 1),
    gpuMemoryUtilization: Number(opts['gpu-memory-utilization'] ?? 0.92), // v0.23.0 default (docs/ascend-facts.md §2)
    maxNumSeqs: Number(opts['max-num-seqs'] ?? 256),
  };
}

function parseLen(s) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s);
  if (!m) return Number(s);
  const mult = { '': 1, k: 1000, K: 1024, m: 1e6, M: 1024 * 1024 }[m[2]];
  return Math.round(Number(m[1]) * mult);
}
