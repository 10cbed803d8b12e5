/**
 * The article's `ascend-cann-toolkit:6.3.0` image where a script names it (docker pull/run/build, or any other
 * mention in a command). CANN 6.x/7.x predate every vllm-ascend release (docs/ascend-facts.md §8).
 * The Dockerfile `FROM` form is checked in dockerfile/base-image-rules.ts with the same code.
 */
import type { Finding, QuickFix } from '../diagnostics';
import { t } from '../l10n/index';
import { rangeOf, type LogicalLine } from './logical-lines';
import { editOf, matchesOf, type CommandContext, type CommandRule } from './command-rule';
import { DOCS } from './doc-links';
import { cannBaseImage, vllmAscendImage } from '../versions/target-version';

export const oldCannImage: CommandRule = (line: LogicalLine, ctx: CommandContext) => {
  const out: Finding[] = [];
  for (const m of matchesOf(/(?:[\w.-]+(?::\d+)?\/)*[\w.-]*cann[\w.-]*:(\d+)[\w.-]*/i, line.text)) {
    if (Number(m[1]) >= 8 || !/ascend-cann|\/cann:/i.test(m[0])) continue;
    const fixes: QuickFix[] = [vllmAscendImage(ctx.target), cannBaseImage(ctx.target)]
      .filter((x): x is string => x !== undefined)
      .map((image) => ({ title: t('Use {0}', image), edits: [editOf(line, m.index, m.index + m[0].length, image)] }));
    out.push({
      range: rangeOf(line, m.index, m.index + m[0].length),
      severity: 'error',
      code: 'ASC502',
      message: t('{0}: CANN {1} predates every vllm-ascend release (they need CANN 8.0 or newer) and is not an image vllm-ascend uses. Use {2}.', m[0], m[0].split(':').pop() ?? '', vllmAscendImage(ctx.target)),
      docUrl: DOCS.installation,
      fixes,
    });
  }
  return out;
};
