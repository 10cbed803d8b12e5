// Parses the command a simulated container runs into vLLM serve settings:
// `vllm serve MODEL [--flags]`, `python -m vllm.entrypoints.openai.api_server --model M`, or the demo
// `python -m vllm.entrypoints.api_server` (ascend-facts §5), plus `--config file.yaml` (§2).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** vLLM v0.23.0's option names, from the project's own schema (schemas/vllm-serve.schema.json). */
const KNOWN = (() => {
  try {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'schemas', 'vllm-serve.schema.json'), 'utf8'));
    return new Set([...Object.keys(schema.properties ?? {}), 'tp', 'pp', 'dp', 'dpl', 'dpr', 'dpa', 'dpp', 'dpn', 'dpb', 'dph', 'dpe', 'n', 'r', 'asc', 'q', 'O', 'help', 'h']);
  } catch { return null; }
})();

export class UnrecognizedArguments extends Error {}

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
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('-')) { positional.push(a); continue; }
    let key = a.replace(/^-+/, '');
    let val;
    if (key.includes('=')) [key, val] = [key.slice(0, key.indexOf('=')), key.slice(key.indexOf('=') + 1)];
    key = key.replace(/_/g, '-');
    if (key === 'served-model-name') {
      if (val !== undefined) served.push(val);
      while (rest[i + 1] && !rest[i + 1].startsWith('-')) served.push(rest[++i]);
      continue;
    }
    if (val === undefined && FLAGS_WITH_VALUE.has(key)) val = rest[++i];
    opts[key] = val ?? true;
  }
  if (typeof opts.config === 'string') {
    const file = resolvePath(opts.config);
    if (!/\.ya?ml$/.test(opts.config)) throw new Error('Config file must be of a yaml/yml type.');
    const y = parseYaml(readFileSync(file, 'utf8')) ?? {};
    for (const [k0, v] of Object.entries(y)) {
      const k = k0.replace(/_/g, '-');
      if (k === 'served-model-name') { if (served.length === 0) served.push(...[v].flat().map(String)); continue; }
      if (k in opts) continue; // command line wins over the file
      if (v === false) continue; // v0.23.0 emits nothing for `k: false` (ascend-facts §2)
      opts[k] = typeof v === 'object' && v !== null && !Array.isArray(v) ? JSON.stringify(v) : String(v === true ? true : v);
      if (v === true) opts[k] = true;
    }
  }
  if (KNOWN && kind === 'openai') {
    const unknown = Object.keys(opts).filter((k) => !KNOWN.has(k) && !KNOWN.has(k.replace(/-/g, '_')));
    if (unknown.length) {
      // argparse's message; the program name in vLLM's usage line is not in the references.
      throw new UnrecognizedArguments(`vllm serve: error: unrecognized arguments: ${unknown.map((k) => `--${k}${opts[k] === true ? '' : ` ${opts[k]}`}`).join(' ')}`);
    }
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
    gpuMemoryUtilization: Number(opts['gpu-memory-utilization'] ?? 0.92), // v0.23.0 default (ascend-facts §2)
    maxNumSeqs: Number(opts['max-num-seqs'] ?? 256),
  };
}

function parseLen(s) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s);
  if (!m) return Number(s);
  const mult = { '': 1, k: 1000, K: 1024, m: 1e6, M: 1024 * 1024 }[m[2]];
  return Math.round(Number(m[1]) * mult);
}
