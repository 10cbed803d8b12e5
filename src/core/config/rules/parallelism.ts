/**
 * ASC130 tensor-parallel size must divide the attention heads ("Total number of attention heads (X) must be
 * divisible by tensor parallel size (Y)", vLLM); ASC135 and TP and the KV heads must divide one another (vLLM's
 * QKV layer splits the KV heads, or replicates them when TP is larger); ASC131 TP at most the NPUs in
 * runtime.npus; ASC132 information when no source for the heads is at hand; ASC133 max-model-len ≤ the length
 * vLLM derives from config.json (RoPE scaling included). Facts: docs/vllm-arithmetic.md.
 */
import type { Finding, QuickFix } from '../../diagnostics';
import { t } from '../../l10n/index';
import { replaceEdit } from '../edits';
import { Codes, docUrl } from '../rule-codes';
import type { Rule } from './shared';
import { anchor, entry, hasServeKey, intOf, modelOf, serveRange, serveValue, tensorParallel } from './shared';

function divisors(n: number, max: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= Math.min(n, max); d++) if (n % d === 0) out.push(d);
  return out;
}

export const parallelism: Rule = (ctx) => {
  const out: Finding[] = [];
  if (!ctx.serve && !ctx.deploy) return out;
  const { tp } = tensorParallel(ctx);
  const model = modelOf(ctx);
  const facts = model.facts;
  const range = serveRange(ctx, 'tensor-parallel-size') ?? anchor(ctx);
  const npus = ctx.npus?.length;
  const tpGiven = hasServeKey(ctx, 'tensor-parallel-size');
  // Fixes edit the key where it is written; a value from the serve.config file is fixed there.
  const tpFix = (d: number): QuickFix[] => (entry(ctx, 'tensor-parallel-size') ? [{ title: t('Set tensor-parallel-size to {0}', String(d)), edits: [replaceEdit(range, String(d))] }] : []);
  if (tpGiven && tp > 1) {
    if (facts?.heads) {
      if (facts.heads % tp !== 0) {
        const valid = divisors(facts.heads, npus ?? 64).sort((a, b) => Math.abs(a - tp) - Math.abs(b - tp) || b - a).slice(0, 3);
        out.push({
          range, severity: 'error', code: Codes.tpHeads, docUrl: docUrl[Codes.tpHeads],
          message: t('Total number of attention heads ({0}) must be divisible by tensor parallel size ({1}); {2} has {0} heads (source: {3}).', String(facts.heads), String(tp), facts.id, facts.source),
          fixes: valid.flatMap(tpFix),
        });
      }
      const kv = facts.kvHeads;
      if (facts.heads % tp === 0 && kv && !facts.mlaDim && (tp >= kv ? tp % kv !== 0 : kv % tp !== 0)) {
        const valid = divisors(facts.heads, npus ?? 64).filter((d) => (d >= kv ? d % kv === 0 : kv % d === 0))
          .sort((a, b) => Math.abs(a - tp) - Math.abs(b - tp) || b - a).slice(0, 3);
        out.push({
          range, severity: 'error', code: Codes.tpKvHeads, docUrl: docUrl[Codes.tpKvHeads],
          message: t('tensor-parallel-size {0} and the {1} KV heads of {2} must divide one another: vLLM splits the KV heads across the ranks, or copies them when there are fewer heads than ranks (source: {3}).', String(tp), String(kv), facts.id, facts.source),
          fixes: valid.flatMap(tpFix),
        });
      }
    } else {
      out.push({
        range, severity: 'info', code: Codes.noModelFacts, docUrl: docUrl[Codes.noModelFacts],
        message: t('Cannot check tensor-parallel-size {0} against the attention heads of "{1}": no source for them. Put the model\'s config.json in the workspace to check it.', String(tp), model.name ?? '?'),
      });
    }
  }
  if (tpGiven && npus !== undefined && tp > npus) {
    const fits = facts?.heads ? divisors(facts.heads, npus).pop() ?? 1 : npus;
    out.push({
      range, severity: 'error', code: Codes.tpNpus, docUrl: docUrl[Codes.tpNpus],
      message: t('tensor-parallel-size {0} needs {0} NPUs, but runtime.npus lists {1}.', String(tp), String(npus)),
      fixes: tpFix(fits),
    });
  }
  const mmlRange = serveRange(ctx, 'max-model-len');
  const len = intOf(serveValue(ctx, 'max-model-len'));
  const limit = facts?.maxLen?.limit;
  if (mmlRange && len !== undefined && len > 0 && limit && len > limit) {
    const max = String(Math.trunc(limit));
    const rope = facts.maxLen?.rope;
    out.push({
      range: mmlRange, severity: 'error', code: Codes.maxModelLen, docUrl: docUrl[Codes.maxModelLen],
      message: rope
        ? t('max-model-len {0} is more than the {1} positions vLLM derives for {2}: {3} × {4} RoPE scaling factor {5} (source: {6}).', String(len), max, facts.id, facts.maxLen?.key ?? '', rope.type, String(rope.factor), facts.source)
        : t('max-model-len {0} is more than the {1} positions of {2} (source: {3}).', String(len), max, facts.id, facts.source),
      fixes: entry(ctx, 'max-model-len') ? [{ title: t('Set max-model-len to {0}', max), edits: [replaceEdit(mmlRange, max)] }] : [],
    });
  }
  return out;
};
