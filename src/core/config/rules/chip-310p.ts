/**
 * 310P targets (docs/ascend-facts.md §1): ASC140 dtype must be explicitly float16/half (auto resolves to bfloat16 for
 * bfloat16 checkpoints; 310P has no BF16); ASC141 max-model-len is required (the 310P attention mask is
 * O(max_model_len²)); ASC142 support warnings; ASC143 enforce-eager for targets ≤ v0.13.
 */
import type { Finding } from '../../diagnostics';
import { t } from '../../l10n/index';
import { Codes, docUrl } from '../rule-codes';
import { compareVersions } from '../../versions/version-tags';
import type { Rule } from './shared';
import { anchor, deployRange, entry, hasServeKey, modelOf, serveValue, setServeKeyEdit, strOf } from './shared';

/** A conservative explicit length for the fix; the user adjusts it. */
const P310_MAX_MODEL_LEN = '4096';

export const chip310p: Rule = (ctx) => {
  const out: Finding[] = [];
  if (ctx.chip !== '310P3') return out;
  // With serve.config, the values are the file's under the descriptor's inline keys, as vllm serve merges them.
  const where = ctx.serveFile ? deployRange(ctx, ['serve', 'config']) ?? anchor(ctx) : anchor(ctx);
  const dtype = entry(ctx, 'dtype');
  const dv = strOf(serveValue(ctx, 'dtype'));
  if (dv !== 'float16' && dv !== 'half') {
    const fix = setServeKeyEdit(ctx, 'dtype', 'float16');
    out.push({
      range: dtype?.valueRange ?? where, severity: 'error', code: Codes.p310Dtype, docUrl: docUrl[Codes.p310Dtype],
      message: hasServeKey(ctx, 'dtype')
        ? t('On 310P dtype must be float16 (or half): "{0}" is not supported there; auto resolves to bfloat16 for bfloat16 checkpoints.', dv ?? '')
        : t('On 310P set dtype: float16 explicitly: the default auto resolves to bfloat16 for bfloat16 checkpoints, which 310P cannot run.'),
      fixes: fix ? [{ title: t('Set dtype to float16'), edits: [fix] }] : [],
    });
  }
  if (!hasServeKey(ctx, 'max-model-len')) {
    const fix = setServeKeyEdit(ctx, 'max-model-len', P310_MAX_MODEL_LEN);
    out.push({
      range: where, severity: 'error', code: Codes.p310MaxLen, docUrl: docUrl[Codes.p310MaxLen],
      message: t('On 310P always set max-model-len: the attention mask grows with its square and runs out of memory at start otherwise.'),
      fixes: fix ? [{ title: t('Add max-model-len: {0}', P310_MAX_MODEL_LEN), edits: [fix] }] : [],
    });
  }
  const chipRange = deployRange(ctx, ['target', 'chip']) ?? where;
  const model = modelOf(ctx);
  const deepseek = /deepseek/i.test(`${model.hubId ?? ''} ${model.name ?? ''}`);
  out.push({
    range: chipRange, severity: 'warning', code: Codes.p310Support, docUrl: docUrl[Codes.p310Support],
    message: deepseek
      ? t('310P: Atlas 300I Duo support is experimental and Atlas 300I Pro is not documented by vllm-ascend; DeepSeek is not among the models supported on 310P (Qwen3 dense and Qwen3-30B-A3B are).')
      : t('310P: Atlas 300I Duo support is experimental and Atlas 300I Pro is not documented by vllm-ascend.'),
  });
  if (compareVersions(ctx.targetVersion, 'v0.14.0rc1') < 0) {
    const eager = entry(ctx, 'enforce-eager');
    if (serveValue(ctx, 'enforce-eager') !== true) {
      const fix = setServeKeyEdit(ctx, 'enforce-eager', 'true');
      out.push({
        range: eager?.valueRange ?? where, severity: 'error', code: Codes.p310Eager, docUrl: docUrl[Codes.p310Eager],
        message: t('310P with vllm-ascend {0} needs enforce-eager: true (required up to v0.13).', ctx.targetVersion),
        fixes: fix ? [{ title: t('Set enforce-eager to true'), edits: [fix] }] : [],
      });
    }
  }
  return out;
};
