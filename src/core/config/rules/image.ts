/**
 * ASC160 the vllm-ascend image tag suffix must match the chip (none for A2, -a3, -310p, -a5 for 950 (docs/versions.md), plus an optional
 * -openeuler); ASC161 a base image outside quay.io/ascend (or its mirrors) is not a vllm-ascend image;
 * ASC162 the image version should be the target vllm-ascend version.
 */
import type { Finding } from '../../diagnostics';
import { t } from '../../l10n/index';
import { replaceEdit } from '../edits';
import { ASCEND_ORGS, chipFacts, IMAGE_REPOS, imageFor, splitImage } from '../hardware';
import { Codes, docUrl } from '../rule-codes';
import type { Rule } from './shared';
import { deployRange, deployValue, strOf } from './shared';

const TAG = /^(v\d+\.\d+\.\d+(?:rc\d+)?)((?:-a3|-310p|-a5|-950dt)?)((?:-openeuler)?)$/;

export const image: Rule = (ctx) => {
  const out: Finding[] = [];
  if (!ctx.deploy?.inThisFile) return out;
  const chip = ctx.chip;
  const target = strOf(deployValue(ctx, ['target', 'vllmAscend']));
  for (const field of ['base', 'tag'] as const) {
    const ref = strOf(deployValue(ctx, ['image', field]));
    const range = deployRange(ctx, ['image', field]);
    if (!ref || !range) continue;
    const { repo, tag } = splitImage(ref);
    if (IMAGE_REPOS.includes(repo) && tag) {
      const m = TAG.exec(tag);
      if (!m) continue;
      const [, version, suffix, os] = m;
      const want = chipFacts(chip)?.imageSuffix;
      if (want !== undefined && suffix !== want) {
        const fixed = `${repo}:${version}${want}${os}`;
        out.push({
          range, severity: 'error', code: Codes.imageSuffix, docUrl: docUrl[Codes.imageSuffix],
          message: t('Image tag "{0}" is for another chip: {1} needs the tag suffix "{2}".', tag, chip ?? '', want || t('(none)')),
          fixes: [{ title: t('Change to "{0}"', fixed), edits: [replaceEdit(range, fixed)] }],
        });
      }
      if (target && version !== target) {
        const fixed = `${repo}:${target}${want ?? suffix}${os}`;
        out.push({
          range, severity: 'warning', code: Codes.imageVersion, docUrl: docUrl[Codes.imageVersion],
          message: t('Image version {0} differs from target.vllmAscend {1}: vLLM, vllm-ascend, torch_npu and CANN must come from one matrix row.', version, target),
          fixes: [{ title: t('Change to "{0}"', fixed), edits: [replaceEdit(range, fixed)] }],
        });
      }
    } else if (field === 'base' && !ASCEND_ORGS.some((o) => repo.startsWith(o))) {
      const fixed = imageFor(target ?? ctx.targetVersion, chip);
      out.push({
        range, severity: 'warning', code: Codes.imageNotAscend, docUrl: docUrl[Codes.imageNotAscend],
        message: t('"{0}" is not a vllm-ascend image: the official ones are quay.io/ascend/vllm-ascend (or its mirrors), e.g. {1}.', ref, fixed),
        fixes: [{ title: t('Change to "{0}"', fixed), edits: [replaceEdit(range, fixed)] }],
      });
    }
  }
  return out;
};
