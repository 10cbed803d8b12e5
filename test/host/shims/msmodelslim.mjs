// msModelSlim of the simulated host (docs/ascend-facts.md §3):
//   msmodelslim quant --model_path M --save_path S --device npu --model_type T (--quant_type t | --config_path c) ...
//   python3 example/DeepSeek/quant_deepseek.py --model_path M --save_directory S --w_bit 8 --a_bit 8 ... (V0)
// Prints progress for latency.quantMs (state folder), can be killed, then writes the documented output layout.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tensorNames } from './lib/model-configs.mjs';
import { latency } from './lib/state.mjs';

const QUANT_TYPES = ['w4a8', 'w4a8c8', 'w8a8', 'w8a8s', 'w8a8c8', 'w8a16', 'w16a16s'];
const argv = process.argv.slice(2);
const out = (s) => process.stdout.write(s);
const err = (s) => process.stderr.write(s);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => new Date().toISOString().replace('T', ' ').slice(0, 19);

function parse(args) {
  const o = {};
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--')) continue;
    const k = args[i].slice(2);
    const v = args[i + 1] && !args[i + 1].startsWith('--') ? args[++i] : true;
    o[k] = v;
  }
  return o;
}

const V1_USAGE = 'usage: msmodelslim quant [-h] --model_path MODEL_PATH --save_path SAVE_PATH [--device DEVICE] --model_type MODEL_TYPE\n'
  + `                         [--quant_type {${QUANT_TYPES.join(',')}} | --config_path CONFIG_PATH] [--tag TAG [TAG ...]]\n`
  + '                         [--trust_remote_code TRUST_REMOTE_CODE] [--debug]\n';

function v1Errors(o) {
  if (o.quant_type !== undefined && !QUANT_TYPES.includes(String(o.quant_type))) {
    return `argument --quant_type: invalid choice: '${o.quant_type}' (choose from ${QUANT_TYPES.map((t) => `'${t}'`).join(', ')})`;
  }
  if (o.quant_type !== undefined && o.config_path !== undefined) return 'argument --config_path: not allowed with argument --quant_type';
  const missing = ['model_path', 'save_path', 'model_type'].filter((k) => o[k] === undefined).map((k) => `--${k}`);
  if (missing.length) return `the following arguments are required: ${missing.join(', ')}`;
  return null;
}

function schemeOf(o, v0) {
  if (!v0) {
    if (o.config_path) {
      const m = /(w\d+a\d+(?:c8|s)?)/i.exec(String(o.config_path));
      return m ? m[1].toUpperCase() : 'W8A8';
    }
    return String(o.quant_type).toUpperCase();
  }
  const w = Number(o.w_bit ?? 8);
  const a = Number(o.a_bit ?? 8);
  let s = `W${w}A${a}`;
  if (o.is_dynamic === 'True' && s === 'W8A8') s = 'W8A8_DYNAMIC';
  if (o.co_sparse === 'True') s = 'W8A8S';
  return s;
}

async function main() {
  const v0 = argv[0] === '--v0-script';
  const script = v0 ? argv[1] : null;
  const args = v0 ? argv.slice(2) : argv;
  if (!v0 && args[0] !== 'quant') { err('usage: msmodelslim [-h] {quant,analyze,tune} ...\n'); return 2; }
  const o = parse(v0 ? args : args.slice(1));
  if (!v0) {
    const e = v1Errors(o);
    if (e) { err(`${V1_USAGE}msmodelslim quant: error: ${e}\n`); return 2; }
  } else if (!o.model_path || !o.save_directory) {
    err(`usage: ${basename(script)} [-h] --model_path MODEL_PATH --save_directory SAVE_DIRECTORY ...\n${basename(script)}: error: the following arguments are required: --model_path, --save_directory\n`);
    return 2;
  }
  const modelPath = String(o.model_path);
  const savePath = String(v0 ? o.save_directory : o.save_path);
  let config;
  try { config = JSON.parse(readFileSync(join(modelPath, 'config.json'), 'utf8')); } catch {
    // Wording ours: the references do not quote msModelSlim's message for a missing model.
    err(`${now()} - msmodelslim - ERROR - model_path ${modelPath} has no readable config.json\n`);
    return 1;
  }
  const scheme = schemeOf(o, v0);
  const total = latency().quantMs;
  out(`${now()} - msmodelslim - INFO - Loading model from ${modelPath}\n`);
  out(`${now()} - msmodelslim - INFO - Quantization scheme ${scheme}, device ${o.device ?? o.device_type ?? 'npu'}\n`);
  const layers = config.num_hidden_layers ?? 1;
  const steps = 10;
  for (let i = 1; i <= steps; i++) {
    await sleep(total / steps);
    const done = Math.round((layers * i) / steps);
    const pct = String(i * 10).padStart(3);
    out(`Calibrating: ${pct}%|${'█'.repeat(i)}${' '.repeat(steps - i)}| ${done}/${layers} [${(total * i / steps / 1000).toFixed(0)}s]\n`);
  }
  writeOutput(modelPath, savePath, config, scheme, v0 ? null : String(o.model_type), o);
  out(`${now()} - msmodelslim - INFO - Save quantized model to ${savePath} success.\n`);
  return 0;
}

/** Output layout of docs/ascend-facts.md §3: copied configs/tokenizer, quant_model_description.json, weights + index. */
function writeOutput(src, dst, config, scheme, modelType, o) {
  mkdirSync(dst, { recursive: true });
  for (const f of ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'configuration_deepseek.py', 'modeling_deepseek.py']) {
    if (existsSync(join(src, f))) copyFileSync(join(src, f), join(dst, f));
  }
  const linear = /(_proj|kv_a_proj_with_mqa)\.weight$/;
  const desc = { model_quant_type: scheme, version: '1.0.0' };
  if (/C8$/.test(scheme) || o.use_kvcache_quant === 'True') desc.kv_cache_type = 'C8';
  if (o.group_size) desc.group_size = Number(o.group_size);
  const kind = scheme.toLowerCase();
  const weightFile = `quant_model_weight_${kind}.safetensors`;
  const weightMap = {};
  for (const n of tensorNames(config)) {
    const q = linear.test(n) && !n.startsWith('lm_head');
    desc[n] = q ? scheme : 'FLOAT';
    weightMap[n] = weightFile;
    if (q) {
      const base = n.slice(0, -'.weight'.length);
      const extra = scheme === 'W8A8' ? ['input_scale', 'input_offset', 'deq_scale', 'quant_bias'] : ['weight_scale', 'weight_offset'];
      for (const e of extra) { desc[`${base}.${e}`] = scheme; weightMap[`${base}.${e}`] = weightFile; }
    }
  }
  writeFileSync(join(dst, 'quant_model_description.json'), `${JSON.stringify(desc, null, 2)}\n`);
  const header = Buffer.from(JSON.stringify({ __metadata__: { format: 'pt' } }));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  writeFileSync(join(dst, weightFile), Buffer.concat([len, header]));
  writeFileSync(join(dst, `${weightFile}.index.json`), `${JSON.stringify({ metadata: { total_size: 0 }, weight_map: weightMap }, null, 2)}\n`);
  if (modelType) {
    writeFileSync(join(dst, `${modelType.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_best_practice.yaml`),
      `# quantization recipe used (simulated)\napiversion: modelslim_v1\nspec:\n  process:\n    - type: linear_quant\n      qconfig: ${kind}\n`);
  }
}

process.on('SIGTERM', () => { err('Quantization interrupted.\n'); process.exit(143); });
main().then((c) => { process.exitCode = c; });
