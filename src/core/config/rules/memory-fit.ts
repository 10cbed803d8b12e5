/**
 * ASC180 / ASC181 memory fit, as vLLM reserves memory: the budget per NPU is HBM × gpu-memory-utilization
 * (default 0.92 at v0.23.0, 0.9 before), or kv-cache-memory-bytes for the KV cache when set. It must hold the
 * weights per NPU (params × dtype bytes, or the quantized size, ÷ tensor-parallel size) plus the KV cache of one
 * max-model-len sequence, or vLLM refuses to start. The device's idle use and activations are not known here
 * (they need a host check), so a small margin is a warning, not a pass.
 */
import type { Finding } from '../../diagnostics';
import { t } from '../../l10n/index';
import { chipFacts } from '../hardware';
import { Codes, docUrl } from '../rule-codes';
import { atLeast } from '../../versions/version-tags';
import type { Rule } from './shared';
import { anchor, deployValue, entry, intOf, modelOf, numOf, strOf, tensorParallel } from './shared';

const GiB = 1024 ** 3;
const gib = (b: number): string => (b / GiB).toFixed(1);

/** Bytes per weight for an msModelSlim scheme (W = weight bits). */
const SCHEME_BYTES = new Map<string, number>(Object.entries({ w8a8: 1, w8a8s: 1, w8a8c8: 1, w8a16: 1, w4a8: 0.5, w4a8c8: 0.5, w4a16: 0.5, w16a16s: 2 }));

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
  const hbmMiB = chipFacts(ctx.chip)?.hbmMiB;
  if (!hbmMiB || (!ctx.serve && ctx.kind === 'vllm-serve')) return out;
  if (ctx.kind === 'deploy' && !ctx.serve && strOf((ctx.deploy?.value.serve as Record<string, unknown> | undefined)?.config)) return out;
  const model = modelOf(ctx);
  const f = model.facts;
  if (!f) return out;
  const hbm = hbmMiB * 1024 * 1024;
  const { tp } = tensorParallel(ctx);
  const gmuEntry = entry(ctx, 'gpu-memory-utilization');
  const gmu = numOf(gmuEntry?.value) ?? (atLeast(ctx.targetVersion, 'v0.23.0') ? 0.92 : 0.9);
  const kvFixed = intOf(entry(ctx, 'kv-cache-memory-bytes')?.value);
  const bytes = dtypeBytes(strOf(entry(ctx, 'dtype')?.value));
  const scheme = strOf(deployValue(ctx, ['quantization', 'scheme']))?.toLowerCase();
  const quantized = scheme !== undefined || entry(ctx, 'quantization') !== undefined;
  let weights: number | undefined;
  const bytesPerParam = scheme ? SCHEME_BYTES.get(scheme) : undefined;
  if (bytesPerParam && f.params) weights = f.params * bytesPerParam;
  else if (f.checkpointBytes && (quantized || !entry(ctx, 'dtype'))) weights = f.checkpointBytes;
  else if (!quantized && f.params) weights = f.params * bytes;
  if (weights === undefined) return out;
  const perNpu = weights / Math.max(1, tp);
  const mml = entry(ctx, 'max-model-len');
  const len = intOf(mml?.value) ?? f.maxPositions;
  const range = mml?.valueRange ?? gmuEntry?.valueRange ?? entry(ctx, 'tensor-parallel-size')?.valueRange ?? anchor(ctx);
  const kvb = kvBytesPerValue(strOf(entry(ctx, 'kv-cache-dtype')?.value), bytes);
  let perToken: number | undefined;
  if (f.layers && f.mlaDim) perToken = f.layers * f.mlaDim * kvb;
  else if (f.layers && f.kvHeads && f.headDim) perToken = 2 * f.layers * Math.max(1, f.kvHeads / Math.max(1, tp)) * f.headDim * kvb;
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
