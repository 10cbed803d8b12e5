// msModelSlim and the model downloads of the simulated host, over real SSH.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startSimHost, type SimHost } from './index.js';
import { sshBatch } from './ssh-run.js';

describe('msmodelslim, modelscope and huggingface-cli', () => {
  let h: SimHost;
  before(async () => { h = await startSimHost({ profile: '910b4', latency: { quantMs: 300, startupMs: 200 } }); });
  after(async () => { await h.stop(); });

  test('downloads write the real config.json and a safetensors index', async () => {
    const [ms, cfg, index, hf, hfCfg] = await sshBatch(h, [
      'modelscope download --model deepseek-ai/deepseek-coder-6.7b-base --local_dir ~/models/ds 2>/dev/null; echo rc=$?',
      'cat ~/models/ds/config.json', 'cat ~/models/ds/model.safetensors.index.json',
      'huggingface-cli download deepseek-ai/DeepSeek-Coder-V2-Lite-Base 2>/dev/null',
      'cat "$(huggingface-cli download deepseek-ai/DeepSeek-Coder-V2-Lite-Base 2>/dev/null)/config.json"',
    ]);
    assert.match(ms, /Downloading Model from https:\/\/www\.modelscope\.cn to directory: .*\/models\/ds\nrc=0/);
    const c = JSON.parse(cfg) as { num_attention_heads: number; max_position_embeddings: number; architectures: string[] };
    assert.deepEqual([c.architectures[0], c.max_position_embeddings], ['LlamaForCausalLM', 16384]);
    const idx = JSON.parse(index) as { weight_map: Record<string, string> };
    assert.equal(idx.weight_map['model.layers.0.self_attn.q_proj.weight'], 'model-00001-of-00002.safetensors');
    assert.match(hf, /\.cache\/huggingface\/hub\/models--deepseek-ai--DeepSeek-Coder-V2-Lite-Base\/snapshots\/\w+\n$/);
    assert.equal((JSON.parse(hfCfg) as { n_routed_experts: number }).n_routed_experts, 64);
  });

  test('V1 CLI rejects w4a16; w8a8 writes the documented layout; a V0 script accepts --w_bit 4 --a_bit 16', async () => {
    const [w4, w8, files, desc, v0, v0desc] = await sshBatch(h, [
      'modelscope download --model deepseek-ai/deepseek-coder-1.3b-base --local_dir ~/m13 >/dev/null 2>&1; msmodelslim quant --model_path ~/m13 --save_path ~/m13-w4 --device npu --model_type DeepSeek-Coder --quant_type w4a16 2>&1; echo rc=$?',
      'msmodelslim quant --model_path ~/m13 --save_path ~/m13-w8 --device npu --model_type DeepSeek-Coder --quant_type w8a8 --trust_remote_code True; echo rc=$?',
      'ls ~/m13-w8', 'cat ~/m13-w8/quant_model_description.json',
      'cd ~/msmodelslim/example/DeepSeek && python3 quant_deepseek.py --model_path ~/m13 --save_directory ~/m13-w4a16 --device_type npu --w_bit 4 --a_bit 16 --model_name deepseek_coder; echo rc=$?',
      'cat ~/m13-w4a16/quant_model_description.json',
    ]);
    assert.match(w4, /msmodelslim quant: error: argument --quant_type: invalid choice: 'w4a16' \(choose from 'w4a8', 'w4a8c8', 'w8a8', 'w8a8s', 'w8a8c8', 'w8a16', 'w16a16s'\)\nrc=2/);
    assert.match(w8, /Calibrating: 100%/);
    assert.match(w8, /rc=0/);
    for (const f of ['config.json', 'quant_model_description.json', 'quant_model_weight_w8a8.safetensors', 'deepseek_coder_best_practice.yaml']) assert.match(files, new RegExp(`^${f.replace(/\./g, '\\.')}$`, 'm'));
    const d = JSON.parse(desc) as Record<string, string>;
    assert.equal(d.model_quant_type, 'W8A8');
    assert.equal(d['model.layers.0.self_attn.q_proj.weight'], 'W8A8');
    assert.equal(d['model.layers.0.input_layernorm.weight'], 'FLOAT');
    assert.equal(d['model.layers.0.self_attn.q_proj.deq_scale'], 'W8A8');
    assert.match(v0, /rc=0/);
    assert.equal((JSON.parse(v0desc) as Record<string, string>).model_quant_type, 'W4A16');
  });

  test('quantization can be killed; W4A16 dense weights then fail to load in vLLM', async () => {
    h.control.setLatency({ quantMs: 8000 });
    const D = h.devPrefix;
    const A = h.ascendPrefix;
    const [killed] = await sshBatch(h, [
      'modelscope download --model deepseek-ai/deepseek-coder-1.3b-base --local_dir ~/k >/dev/null 2>&1; msmodelslim quant --model_path ~/k --save_path ~/k-w8 --device npu --model_type DeepSeek-Coder --quant_type w8a8 >/dev/null 2>&1 & p=$!; sleep 0.7; kill $p; wait $p; echo rc=$?; ls ~/k-w8 2>&1',
    ]);
    h.control.setLatency({ quantMs: 100 });
    const [, logs] = await sshBatch(h, [
      `cd ~/msmodelslim/example/DeepSeek && python3 quant_deepseek.py --model_path ~/k --save_directory ~/models/k-w4a16 --w_bit 4 --a_bit 16 >/dev/null 2>&1; `
        + `docker run -d --name w4 --device ${D}/davinci0 --device ${D}/davinci_manager --device ${D}/devmm_svm --device ${D}/hisi_hdc -v ${A}/driver/lib64:/usr/local/Ascend/driver/lib64 -v ~/models:/root/.cache/models quay.io/ascend/vllm-ascend:v0.23.0 vllm serve /root/.cache/models/k-w4a16 >/dev/null; `
        + 'for i in $(seq 600); do [ "$(docker inspect --format {{.State.Status}} w4 2>/dev/null)" = exited ] && break; sleep 0.1; done',
      'docker logs w4 2>&1 | tail -4', // the error, then the API server's "Engine core initialization failed"
    ]);
    h.control.setLatency({ quantMs: 300 });
    assert.match(killed, /rc=143/);
    assert.match(killed, /No such file or directory/);
    assert.match(logs, /W4A16/);
  });

  test('offline: downloads fail like a host without network', async () => {
    h.control.setFault('offline', true);
    const [r] = await sshBatch(h, ['modelscope download --model deepseek-ai/deepseek-coder-1.3b-base --local_dir ~/o 2>&1; echo rc=$?']);
    h.control.setFault('offline', false);
    assert.match(r, /Temporary failure in name resolution/);
    assert.match(r, /rc=1/);
  });
});
