/**
 * ASC122: `<flag>: false` emits nothing at vLLM v0.23.0 (vllm/utils/argparse_utils.py:573-575), so it does not
 * switch a default-on flag off; `no-<flag>: true` does, where the flag has a --no- form.
 * ASC123: short aliases (tp, q, ...) exist only with one dash on the command line; a file needs long names.
 */
import type { Finding } from '../../diagnostics';
import { t } from '../../l10n/index';
import { deleteLinesEdit, entryLines, replaceEdit } from '../edits';
import { styleKey } from '../keys';
import { Codes, docUrl } from '../rule-codes';
import { serveDef, shortAliases } from '../schemas';
import { atLeast } from '../../versions/version-tags';
import type { Rule } from './shared';

/** First release where `false` is known to emit nothing (the facts were read at v0.23.0; older ones unknown). */
const FALSE_IGNORED_SINCE = 'v0.23.0';

export const flagForms: Rule = (ctx) => {
  const out: Finding[] = [];
  if (!ctx.serve) return out;
  const aliases = shortAliases(ctx.targetVersion);
  for (const e of ctx.serve.entries) {
    const long = aliases.get(e.norm);
    if (long && !serveDef(e.norm, undefined, ctx.targetVersion)) {
      const name = styleKey(long, ctx.serve.underscore);
      out.push({
        range: e.keyRange, severity: 'error', code: Codes.shortAlias, docUrl: docUrl[Codes.shortAlias],
        message: t('"{0}" is a command-line short option (-{0}); a config file needs the long name "{1}".', e.key, name),
        fixes: [{ title: t('Change to "{0}"', name), edits: [replaceEdit(e.keyRange, name)] }],
      });
      continue;
    }
    if (e.value !== false || !atLeast(ctx.targetVersion, FALSE_IGNORED_SINCE)) continue;
    const def = serveDef(e.norm, undefined, ctx.targetVersion);
    if (!def || def['x-type'] !== 'bool') continue;
    const [a, b] = entryLines(e.keyRange, e.valueRange);
    if (def['x-hasNoForm']) {
      const neg = styleKey(`no-${e.norm}`, ctx.serve.underscore);
      out.push({
        range: e.valueRange, severity: 'warning', code: Codes.falseIgnored, docUrl: docUrl[Codes.falseIgnored],
        message: t('"{0}: false" is ignored by vLLM {1} (false emits no option); write "{2}: true" to switch it off.', e.key, ctx.targetVersion, neg),
        fixes: [{ title: t('Replace with "{0}: true"', neg), edits: [replaceEdit({ startLine: e.keyRange.startLine, startColumn: e.keyRange.startColumn, endLine: e.valueRange.endLine, endColumn: e.valueRange.endColumn }, `${neg}: true`)] }],
      });
    } else {
      out.push({
        range: e.valueRange, severity: 'warning', code: Codes.falseIgnored, docUrl: docUrl[Codes.falseIgnored],
        message: def['x-negates']
          ? t('"{0}: false" has no effect: only "true" emits the option.', e.key)
          : t('"{0}: false" has no effect: vLLM {1} emits nothing for false, and this flag is off unless given.', e.key, ctx.targetVersion),
        fixes: [{ title: t('Delete "{0}"', e.key), edits: [deleteLinesEdit(a, b)] }],
      });
    }
  }
  return out;
};
