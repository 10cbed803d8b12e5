/**
 * ASC150 `quantization: ascend` serves msModelSlim output (quant_model_description.json next to the weights);
 * ASC151 vllm-ascend registers W4A16 only for MoE expert layers, so a dense model (DeepSeek-Coder) needs
 * W8A8 or W8A16 instead (docs/ascend-facts.md §3).
 */
import type { Finding } from '../../diagnostics';
import { t } from '../../l10n/index';
import { replaceEdit } from '../edits';
import { modelDir } from '../model-facts';
import { Codes, docUrl } from '../rule-codes';
import type { Rule } from './shared';
import { deployRange, deployValue, entry, modelOf, serveValue, strOf } from './shared';

export const quantization: Rule = (ctx) => {
  const out: Finding[] = [];
  const model = modelOf(ctx);
  const scheme = strOf(deployValue(ctx, ['quantization', 'scheme']));
  const schemeRange = deployRange(ctx, ['quantization', 'scheme']);
  if (scheme?.toLowerCase() === 'w4a16' && schemeRange) {
    const dense = model.facts ? model.facts.moe === false : /deepseek-coder-\d/i.test(model.hubId ?? model.name ?? '');
    if (dense) {
      out.push({
        range: schemeRange, severity: 'error', code: Codes.quantW4a16, docUrl: docUrl[Codes.quantW4a16],
        message: t('vllm-ascend serves W4A16 only for MoE expert layers; {0} is dense: use W8A8 or W8A16.', model.hubId ?? model.name ?? ''),
        fixes: ['w8a8', 'w8a16'].map((s) => ({ title: t('Change to "{0}"', s), edits: [replaceEdit(schemeRange, s)] })),
      });
    }
  }
  const q = entry(ctx, 'quantization');
  if (q && strOf(serveValue(ctx, 'quantization'))?.toLowerCase() === 'ascend') {
    const plannedByDeploy = deployValue(ctx, ['quantization']) !== undefined;
    const dir = model.name ? modelDir(ctx, model.name) : undefined;
    if (dir) {
      const described = ['quant_model_description.json', 'quant_model_description_w8a8.json', 'quant_model_description_w8a16.json',
        'quant_model_description_w8a8_dynamic.json', 'quant_model_description_w4a8_dynamic.json']
        .some((f) => ctx.workspaceFiles?.(`${dir}/${f}`) !== undefined);
      if (!described) {
        out.push({
          range: q.valueRange, severity: 'warning', code: Codes.quantAscend, docUrl: docUrl[Codes.quantAscend],
          message: t('quantization: ascend needs msModelSlim output, but {0} has no quant_model_description.json. Quantize it with msmodelslim first.', dir),
        });
      }
    } else if (!plannedByDeploy) {
      out.push({
        range: q.valueRange, severity: 'info', code: Codes.quantAscend, docUrl: docUrl[Codes.quantAscend],
        message: t('quantization: ascend needs weights converted by msModelSlim (with quant_model_description.json), e.g. msmodelslim quant --quant_type w8a8.'),
      });
    }
  }
  return out;
};
