// The demo workspace `npm start` opens: a deploy descriptor pointing at the simulated host, a vLLM config and
// a Dockerfile carrying the article's mistakes (docs/ascend-facts.md §8), and a Python file to complete in.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The complete Python source; startSimHost puts it in the simulated model's corpus by default. */
export const DEMO_CORPUS_FILE = join(__dirname, 'demo', 'complete.py');

export interface DemoHost {
  alias: string;
  home?: string; // the host's HOME, for model paths; /data/models is used without it
  port?: number; // loopback port the deployment publishes; default 8000
}

export function writeDemoWorkspace(dir: string, host: DemoHost): void {
  mkdirSync(dir, { recursive: true });
  const models = host.home ? join(host.home, 'models') : '/data/models';
  writeFileSync(join(dir, 'ascend-deploy.yaml'), [
    '# Deploys DeepSeek-Coder on the simulated Kunpeng + Ascend host (see README: npm start).',
    'version: 1',
    'name: coder',
    'target:',
    `  host: ${host.alias}`,
    '  chip: 910B4',
    '  vllmAscend: v0.23.0',
    'model:',
    '  id: deepseek-ai/deepseek-coder-6.7b-base',
    '  source: modelscope',
    `  hostPath: ${models}/deepseek-coder-6.7b-base`,
    'quantization:',
    '  scheme: w8a8',
    `  outputPath: ${models}/deepseek-coder-6.7b-base-w8a8`,
    '# The Dockerfile beside this file is the article\'s, mistakes included: fix it, then add',
    '# `dockerfile: ./Dockerfile` and your own tag here to build it on the host.',
    'image:',
    '  tag: quay.io/ascend/vllm-ascend:v0.23.0',
    '  base: quay.io/ascend/vllm-ascend:v0.23.0',
    'runtime:',
    '  npus: [0, 1]',
    '  shmSize: 1g',
    `  publish: { address: 127.0.0.1, port: ${host.port ?? 8000} }`,
    '  env: { PYTORCH_NPU_ALLOC_CONF: "expandable_segments:True" }',
    'serve:',
    '  config: ./serve.vllm.yaml',
    '',
  ].join('\n'));
  // The article's JSON config moved to YAML, mistakes kept: `device: npu` (removed in vLLM 0.10, never a value),
  // `max_batch_size` (not an engine arg: max-num-seqs), a non-existent model, `dtype: half` on a 910B (fine) with
  // `enable-prefix-caching: false` (emits nothing at v0.23.0) and the removed torchair_graph_config.
  writeFileSync(join(dir, 'serve.vllm.yaml'), [
    '# vLLM serve config, as copied from a blog post',
    'model: deepseek-ai/DeepSeek-6B',
    'served-model-name: deepseek-coder',
    'tensor_parallel_size: 4',
    'dtype: half',
    'device: npu',
    'max_batch_size: 256',
    'enable-prefix-caching: false',
    'port: 8000',
    'additional-config:',
    '  torchair_graph_config:',
    '    enabled: true',
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'Dockerfile'), [
    '# Dockerfile example from the article',
    'FROM swr.cn-south-1.myhuaweicloud.com/ascend-cann-toolkit:6.3.0',
    'ENV USE_ARM_NEON=1',
    'RUN pip install vllm torch==1.13.1+npu -f https://download.pytorch.org/whl/torch_stable.html',
    'COPY ./model /models',
    'CMD ["python", "-m", "vllm.entrypoints.api_server", "--model", "/models/deepseek-6b"]',
    '',
  ].join('\n'));
  // The Python file stops inside Inventory.remove: completing there returns the rest of demo/complete.py.
  const full = readFileSync(DEMO_CORPUS_FILE, 'utf8');
  const cut = full.indexOf('        item.quantity -= quantity');
  writeFileSync(join(dir, 'inventory.py'), full.slice(0, cut));
}
