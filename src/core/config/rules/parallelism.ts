/**
 * ASC130 tensor-parallel size must divide the attention heads ("Total number of attention heads (X) must be
 * divisible by tensor parallel size (Y)", vLLM); ASC131 and be at most the NPUs in runtime.npus;
 * ASC132 information when no source for the heads is at hand; ASC133 max-model-len ≤ max positions.
 */
import type { Finding } from '../../diagnostics';
import { t } from '../../l10n/index';
import { replaceEdit } from '../edits';
import { Codes, docUrl } from '../rule-codes';
import type { Rule } from './shared';
import { anchor, entry, intOf, modelOf, tensorParallel } from './shared';

function divisors(n: number, max: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= Math.min(n, max); d++) if (n % d === 0) out.push(d);
  return out;
}

export const parallelism: Rule = (ctx) => {
  const out: Finding[] = [];
  if (!ctx.serve && !ctx.deploy) return out;
  const { tp, entry: tpEntry } = tensorParallel(ctx);
  const model = modelOf(ctx);
  const facts = model.facts;
  const range = tpEntry?.valueRange ?? anchor(ctx);
  const npus = ctx.npus?.length;
  if (tpEntry && tp > 1) {
    if (facts?.heads) {
      if (facts.heads % tp !== 0) {
        const valid = divisors(facts.heads, npus ?? 64).sort((a, b) => Math.abs(a - tp) - Math.abs(b - tp) || b - a).slice(0, 3);
        out.push({
          range, severity: 'error', code: Codes.tpHeads, docUrl: docUrl[Codes.tpHeads],
          message: t('Total number of attention heads ({0}) must be divisible by tensor parallel size ({1}); {2} has {0} heads (source: {3}).', String(facts.heads), String(tp), facts.id, facts.source),
          fixes: valid.map((d) => ({ title: t('Set tensor-parallel-size to {0}', String(d)), edits: [replaceEdit(range, String(d))] })),
        });
      }
    } else {
      out.push({
        range, severity: 'info', code: Codes.noModelFacts, docUrl: docUrl[Codes.noModelFacts],
        message: t('Cannot check tensor-parallel-size {0} against the attention heads of "{1}": no source for them. Put the model\'s config.json in the workspace to check it.', String(tp), model.name ?? '?'),
      });
    }
  }
  if (tpEntry && npus !== undefined && tp > npus) {
    const fits = facts?.heads ? divisors(facts.heads, npus).pop() ?? 1 : npus;
    out.push({
      range, severity: 'error', code: Codes.tpNpus, docUrl: docUrl[Codes.tpNpus],
      message: t('tensor-parallel-size {0} needs {0} NPUs, but runtime.npus lists {1}.', String(tp), String(npus)),
      fixes: [{ title: t('Set tensor-parallel-size to {0}', String(fits)), edits: [replaceEdit(range, String(fits))] }],
    });
  }
  const mml = entry(ctx, 'max-model-len');
  const len = intOf(mml?.value);
  if (mml && len !== undefined && len > 0 && facts?.maxPositions && len > facts.maxPositions) {
    out.push({
      range: mml.valueRange, severity: 'error', code: Codes.maxModelLen, docUrl: docUrl[Codes.maxModelLen],
      message: t('max-model-len {0} is more than the {1} positions of {2} (source: {3}).', String(len), String(facts.maxPositions), facts.id, facts.source),
      fixes: [{ title: t('Set max-model-len to {0}', String(facts.maxPositions)), edits: [replaceEdit(mml.valueRange, String(facts.maxPositions))] }],
    });
  }
  return out;
};
