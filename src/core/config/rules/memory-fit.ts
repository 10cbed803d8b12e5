/**
 * ASC180 / ASC181 memory fit, as vllm-ascend reserves memory (docs/vllm-arithmetic.md): the budget per NPU is
 * torch's total device memory (about 61 GiB on a 64 GB 910B, not npu-smi's 65536 MB) × gpu-memory-utilization
 * (default 0.92 from vLLM v0.20.2 / vllm-ascend v0.20.2rc1 on, 0.9 before), or kv-cache-memory-bytes for the KV
 * cache when set. It must hold the weights per NPU (params × dtype bytes, or the quantized size, ÷ tensor-parallel
 * size) plus the KV cache of one sequence of max-model-len tokens (vLLM's derived length when unset), or vLLM
 * refuses to start. KV bytes per token: 2 × layers × KV heads per rank × head size × dtype bytes, or for MLA
 * layers × (kv_lora_rank + qk_rope_head_dim) × dtype bytes on every rank. The device's idle use and activations
 * are not known here (they need a host check), so a small margin is a warning, not a pass.
 */
import type { Finding } from '../../diagnostics';
import { t } from '../../l10n/index';
import { torchTotalBytes } from '../hardware';
import { Codes, docUrl } from '../rule-codes';
import { atLeast } from '../../versions/version-tags';
import type { Rule } from './shared';
import { anchor, deployValue, hasServeKey, intOf, modelOf, numOf, serveRange, serveValue, strOf, tensorParallel } from './shared';

/** First vllm-ascend release whose vLLM has gpu_memory_utilization 0.92 by default (0.9 before). */
const GMU_092_SINCE = 'v0.20.2rc1';

const GiB = 1024 ** 3;
const gib = (b: number): string => (b / GiB).toFixed(1);

/** Bytes per weight for an msModelSlim scheme (W = weight bits). */
const SCHEME_BYTES = new Map<string, number>(Object.entries({
  w8a8: 1, w8a8s: 1, w8a8c8: 1, w8a8f8: 1, w8a16: 1, w4a8: 0.5, w4a8c8: 0.5, w4a16: 0.5, w16a16s: 2,
  w4a4: 0.5, w4a4c8: 0.5, w4a4f8: 0.5, w4a4f4: 0.5,
}));

function dtypeBytes(dtype: string | undefined): number {
  return dtype === 'float' || dtype === 'float32' ? 4 : 2;
}

function kvBytesPerValue(kvDtype: string | undefined, modelBytes: number): number {
  if (!kvDtype || kvDtype === 'auto') return modelBytes;
  if (/^(fp8|int8)/.test(kvDtype)) return 1;
  return 2;
}

export const memoryFit: Rule = (ctx) => {
  const out: Finding[] = [];
  const total = torchTotalBytes(ctx.chip);
  if (!total || (!ctx.serve && ctx.kind === 'vllm-serve')) return out;
  // A multi-node layout splits the weights over dp × tp: the multi-node rule (ASC203) checks that fit.
  if (deployValue(ctx, ['runtime', 'parallel']) !== undefined) return out;
  const model = modelOf(ctx);
  const f = model.facts;
  if (!f) return out;
  const hbm = total.bytes;
  const { tp } = tensorParallel(ctx);
  const gmu = numOf(serveValue(ctx, 'gpu-memory-utilization')) ?? (atLeast(ctx.targetVersion, GMU_092_SINCE) ? 0.92 : 0.9);
  const kvFixed = intOf(serveValue(ctx, 'kv-cache-memory-bytes'));
  const bytes = dtypeBytes(strOf(serveValue(ctx, 'dtype')));
  const scheme = strOf(deployValue(ctx, ['quantization', 'scheme']))?.toLowerCase();
  const quantized = scheme !== undefined || hasServeKey(ctx, 'quantization');
  let weights: number | undefined;
  const bytesPerParam = scheme ? SCHEME_BYTES.get(scheme) : undefined;
  if (bytesPerParam && f.params) weights = f.params * bytesPerParam;
  else if (f.checkpointBytes && (quantized || !hasServeKey(ctx, 'dtype'))) weights = f.checkpointBytes;
  else if (!quantized && f.params) weights = f.params * bytes;
  if (weights === undefined) return out;
  const perNpu = weights / Math.max(1, tp);
  const given = intOf(serveValue(ctx, 'max-model-len'));
  // Unset (or -1, auto-fit) max-model-len: vLLM takes the length it derives from config.json, RoPE scaling included.
  const len = given !== undefined && given > 0 ? given : f.maxLen?.byDefault ?? f.maxPositions;
  const range = serveRange(ctx, 'max-model-len') ?? serveRange(ctx, 'gpu-memory-utilization') ?? serveRange(ctx, 'tensor-parallel-size') ?? anchor(ctx);
  const kvb = kvBytesPerValue(strOf(serveValue(ctx, 'kv-cache-dtype')), bytes);
  let perToken: number | undefined;
  if (f.layers && f.mlaDim) perToken = f.layers * f.mlaDim * kvb;
  else if (f.layers && f.kvHeads && f.headDim) perToken = 2 * f.layers * Math.max(1, Math.floor(f.kvHeads / Math.max(1, tp))) * f.headDim * kvb;
  const budget = kvFixed !== undefined ? hbm : hbm * gmu;
  const chip = ctx.chip ?? '';
  if (perNpu > budget) {
    out.push({
      range, severity: 'error', code: Codes.memoryFit, docUrl: docUrl[Codes.memoryFit],
      message: t('Weights need {0} GiB per NPU ({1} ÷ tensor-parallel {2}), more than the {3} GiB vLLM may use on a {4} ({5} GiB × {6}). Raise tensor-parallel-size or quantize.', gib(perNpu), `${gib(weights)} GiB`, String(tp), gib(budget), chip, gib(hbm), String(kvFixed !== undefined ? 1 : gmu)),
    });
    return out;
  }
  if (perToken === undefined || !len || len <= 0) {
    out.push({
      range, severity: 'info', code: Codes.memoryInfo, docUrl: docUrl[Codes.memoryInfo],
      message: t('Weights take about {0} GiB per NPU of the {1} GiB budget; the KV cache size is unknown without the model\'s config.json in the workspace.', gib(perNpu), gib(budget)),
    });
    return out;
  }
  const perSeq = perToken * len;
  const kvAvail = kvFixed !== undefined ? kvFixed : budget - perNpu;
  if (kvFixed !== undefined && perNpu + kvFixed > hbm) {
    out.push({
      range, severity: 'error', code: Codes.memoryFit, docUrl: docUrl[Codes.memoryFit],
      message: t('Weights ({0} GiB per NPU) plus kv-cache-memory-bytes ({1} GiB) exceed the {2} GiB of a {3}.', gib(perNpu), gib(kvFixed), gib(hbm), chip),
    });
    return out;
  }
  if (kvAvail < perSeq) {
    out.push({
      range, severity: 'error', code: Codes.memoryFit, docUrl: docUrl[Codes.memoryFit],
      message: t('One {0}-token sequence needs {1} GiB of KV cache per NPU, but only {2} GiB is left after {3} GiB of weights ({4} GiB budget on a {5}): vLLM will refuse to start. Lower max-model-len or raise tensor-parallel-size.', String(len), gib(perSeq), gib(Math.max(0, kvAvail)), gib(perNpu), gib(budget), chip),
    });
    return out;
  }
  const fits = Math.floor(kvAvail / perSeq);
  if (kvFixed === undefined && kvAvail - perSeq < 0.1 * budget) {
    out.push({
      range, severity: 'warning', code: Codes.memoryFit, docUrl: docUrl[Codes.memoryFit],
      message: t('Tight fit: {0} GiB of weights plus {1} GiB for one {2}-token sequence leave under 10% of the {3} GiB budget, before activations and the device\'s idle use.', gib(perNpu), gib(perSeq), String(len), gib(budget)),
    });
  }
  out.push({
    range, severity: 'info', code: Codes.memoryInfo, docUrl: docUrl[Codes.memoryInfo],
    message: t('About {0} full-length ({1}-token) sequences fit in the KV cache ({2} GiB per NPU after {3} GiB of weights); max-num-seqs is an upper bound, not a reservation.', String(fits), String(len), gib(kvAvail), gib(perNpu)),
  });
  return out;
};
