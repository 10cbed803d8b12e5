// `modelscope download` and `huggingface-cli download` of the simulated host. They write a small fake model:
// the real config.json of the DeepSeek model asked for, tokenizer/generation configs, a safetensors index and
// tiny shards (valid safetensors headers, no tensors). Mirrors: MODELSCOPE_DOMAIN / HF_ENDPOINT.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFor, tensorNames } from './lib/model-configs.mjs';
import { fault } from './lib/state.mjs';

const argv = process.argv.slice(2);
const tool = argv[0] === '--as' ? argv[1] : 'huggingface-cli';
const args = argv[0] === '--as' ? argv.slice(2) : argv;
const out = (s) => process.stdout.write(s);
const err = (s) => process.stderr.write(s);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const opt = (...names) => { for (const n of names) { const i = args.indexOf(n); if (i >= 0) return args[i + 1]; } return undefined; };

function safetensors() {
  const header = Buffer.from(JSON.stringify({ __metadata__: { format: 'pt' } }));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([len, header]);
}

function writeFakeModel(dir, id, config) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(join(dir, 'generation_config.json'), `${JSON.stringify({ _from_model_config: true, bos_token_id: config.bos_token_id, eos_token_id: config.eos_token_id }, null, 2)}\n`);
  writeFileSync(join(dir, 'tokenizer_config.json'), `${JSON.stringify({ model_max_length: config.max_position_embeddings, tokenizer_class: 'LlamaTokenizerFast' }, null, 2)}\n`);
  writeFileSync(join(dir, 'tokenizer.json'), '{"version":"1.0","model":{"type":"BPE","vocab":{},"merges":[]}}\n');
  if (config.auto_map) {
    writeFileSync(join(dir, 'configuration_deepseek.py'), '# stand-in for the model repository\'s configuration_deepseek.py\n');
    writeFileSync(join(dir, 'modeling_deepseek.py'), '# stand-in for the model repository\'s modeling_deepseek.py\n');
  }
  const names = tensorNames(config);
  const shards = 2;
  const file = (k) => `model-0000${k + 1}-of-0000${shards}.safetensors`;
  const weightMap = Object.fromEntries(names.map((n, i) => [n, file(Math.floor((i * shards) / names.length))]));
  writeFileSync(join(dir, 'model.safetensors.index.json'), `${JSON.stringify({ metadata: { total_size: 0 }, weight_map: weightMap }, null, 2)}\n`);
  for (let k = 0; k < shards; k++) writeFileSync(join(dir, file(k)), safetensors());
  writeFileSync(join(dir, 'README.md'), `# ${id}\n\nSimulated download: config is real, weights are empty.\n`);
  return ['config.json', 'generation_config.json', 'tokenizer_config.json', 'tokenizer.json', 'model.safetensors.index.json', file(0), file(1)];
}

async function main() {
  if (args[0] !== 'download') { err(`usage: ${tool} download ...\n`); return 2; }
  const id = tool === 'modelscope' ? opt('--model') : args.slice(1).find((a, i, all) => !a.startsWith('-') && !(all[i - 1] ?? '').startsWith('--'));
  if (!id) { err(tool === 'modelscope' ? 'modelscope download: error: --model is required\n' : 'huggingface-cli download: error: the following arguments are required: repo_id\n'); return 2; }
  const home = process.env.HOME ?? '/root';
  const endpoint = tool === 'modelscope' ? `https://${process.env.MODELSCOPE_DOMAIN ?? 'www.modelscope.cn'}` : (process.env.HF_ENDPOINT ?? 'https://huggingface.co');
  if (fault('offline')) {
    const host = new URL(endpoint).host;
    err(`requests.exceptions.ConnectionError: HTTPSConnectionPool(host='${host}', port=443): Max retries exceeded with url: /api/models/${id} (Caused by NameResolutionError("<urllib3.connection.HTTPSConnection object>: Failed to resolve '${host}' ([Errno -3] Temporary failure in name resolution)"))\n`);
    return 1;
  }
  const found = configFor(id);
  if (!found) {
    if (tool === 'modelscope') err(`Exception: The request model: ${id} does not exist!\n`); // wording not verified
    else err(`huggingface_hub.errors.RepositoryNotFoundError: 404 Client Error. Repository Not Found for url: ${endpoint}/api/models/${id}/revision/main.\n`);
    return 1;
  }
  const [org, name] = found.id.split('/');
  const dir = opt('--local_dir', '--local-dir')
    ?? (tool === 'modelscope' ? join(opt('--cache_dir') ?? join(home, '.cache', 'modelscope', 'hub', 'models'), org, name)
      : join(home, '.cache', 'huggingface', 'hub', `models--${org}--${name}`, 'snapshots', 'e2b1f1e7c1a2d3f4a5b6c7d8e9f0a1b2c3d4e5f6'));
  if (tool === 'modelscope') out(`Downloading Model from ${endpoint} to directory: ${dir}\n`);
  const files = writeFakeModel(dir, found.id, found.config);
  for (const f of files) {
    await sleep(40);
    if (tool === 'modelscope') err(`Downloading [${f}]: 100%|██████████| 1.00k/1.00k [00:00<00:00, 8.00kB/s]\n`);
    else err(`${f}: 100%|██████████| 1.00k/1.00k [00:00<00:00, 8.00kB/s]\n`);
  }
  if (tool !== 'modelscope') out(`${dir}\n`);
  return 0;
}

main().then((c) => { process.exitCode = c; });
