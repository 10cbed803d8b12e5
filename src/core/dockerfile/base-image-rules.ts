/**
 * FROM checks: the base image should be a vllm-ascend image (registry quay.io/ascend or its China mirrors), never
 * the article's `ascend-cann-toolkit:6.3.0`, and an explicit `--platform` must be arm64.
 * Facts: docs/ascend-facts.md §1 (official images, mirrors, base CANN images) and §8.
 */
import type { From } from 'dockerfile-ast';
import type { Finding, QuickFix, Range } from '../diagnostics';
import { t } from '../l10n/index';
import { DOCS } from '../shell/doc-links';
import { isAscendImage, splitImage } from '../image-ref';
import { isForeignPlatform, platformFindingAt } from '../shell/misc-command-rules';
import { cannBaseImage, vllmAscendImage, type TargetVersion } from '../versions/target-version';

function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): Range {
  return { startLine: r.start.line, startColumn: r.start.character, endLine: r.end.line, endColumn: r.end.character };
}

function replacementFixes(range: Range, target: TargetVersion): QuickFix[] {
  const fixes: QuickFix[] = [];
  const image = vllmAscendImage(target);
  fixes.push({ title: t('Use {0}', image), edits: [{ range, newText: image }] });
  const cann = cannBaseImage(target);
  if (cann) fixes.push({ title: t('Use {0}', cann), edits: [{ range, newText: cann }] });
  return fixes;
}

/** Checks every FROM; `stages` are the build-stage names declared so far. */
export function checkFrom(from: From, stages: Set<string>, target: TargetVersion): Finding[] {
  const out: Finding[] = [];
  const flag = from.getPlatformFlag();
  const value = flag?.getValue();
  const valueRange = flag?.getValueRange();
  if (flag && value && valueRange && isForeignPlatform(value)) out.push(platformFindingAt(toRange(valueRange), value));

  const image = from.getImage();
  const imageRange = from.getImageRange();
  const stage = from.getBuildStage();
  try {
    if (!image || !imageRange || image.includes('$')) return out;
    const { repo: name, tag } = splitImage(image);
    if (name === 'scratch' || stages.has(name.toLowerCase())) return out;
    const range = toRange(imageRange);
    const last = name.split('/').pop() ?? name;
    const cannMajor = tag ? Number(/^(\d+)/.exec(tag)?.[1] ?? NaN) : NaN;
    if (/cann/i.test(last) && cannMajor < 8) {
      out.push({
        range,
        severity: 'error',
        code: 'ASC502',
        message: t('{0}: CANN {1} predates every vllm-ascend release (they need CANN 8.0 or newer) and is not an image vllm-ascend uses. Use {2}.', image, tag ?? '', vllmAscendImage(target)),
        docUrl: DOCS.installation,
        fixes: replacementFixes(range, target),
      });
    } else if (!isAscendImage(name)) {
      out.push({
        range,
        severity: 'warning',
        code: 'ASC501',
        message: t('{0} is not a vllm-ascend image. Use {1} (registry quay.io/ascend, or the mirrors m.daocloud.io/quay.io/ascend and quay.nju.edu.cn/ascend).', image, vllmAscendImage(target)),
        docUrl: DOCS.installation,
        fixes: replacementFixes(range, target),
      });
    }
    return out;
  } finally {
    if (stage) stages.add(stage.toLowerCase());
  }
}
