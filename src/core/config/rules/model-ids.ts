/** ASC134: model ids that exist in no source (the article's deepseek-ai/DeepSeek-6B), with "did you mean". */
import type { Finding, Range } from '../../diagnostics';
import { t } from '../../l10n/index';
import { replaceEdit } from '../edits';
import { didYouMean } from '../keys';
import { isHubId, KNOWN_IDS, NONEXISTENT, suggestModels, tableFacts } from '../model-facts';
import { Codes, docUrl } from '../rule-codes';
import type { Rule } from './shared';
import { deployRange, deployValue, entry, strOf } from './shared';

function check(id: string, range: Range): Finding | undefined {
  if (!isHubId(id) || tableFacts(id)) return undefined;
  const lower = id.toLowerCase();
  if (NONEXISTENT.has(lower)) {
    return {
      range, severity: 'error', code: Codes.unknownModel, docUrl: docUrl[Codes.unknownModel],
      message: t('"{0}" does not exist: DeepSeek published no such model.', id),
      fixes: suggestModels(id).map((m) => ({ title: t('Change to "{0}"', m), edits: [replaceEdit(range, m)] })),
    };
  }
  if (!lower.startsWith('deepseek-ai/')) return undefined;
  const near = didYouMean(id, KNOWN_IDS, 3);
  if (!near.length) return undefined;
  return {
    range, severity: 'warning', code: Codes.unknownModel, docUrl: docUrl[Codes.unknownModel],
    message: t('"{0}" is not a DeepSeek model the extension knows; check the id.', id),
    fixes: near.map((m) => ({ title: t('Change to "{0}"', m), edits: [replaceEdit(range, m)] })),
  };
}

export const modelIds: Rule = (ctx) => {
  const out: Finding[] = [];
  const m = entry(ctx, 'model');
  const serveModel = strOf(m?.value);
  if (m && serveModel) {
    const f = check(serveModel, m.valueRange);
    if (f) out.push(f);
  }
  const id = strOf(deployValue(ctx, ['model', 'id']));
  const range = deployRange(ctx, ['model', 'id']);
  if (id && range) {
    const f = check(id, range);
    if (f) out.push(f);
  }
  return out;
};
