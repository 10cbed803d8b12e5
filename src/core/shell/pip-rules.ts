/**
 * pip lines from the article: `torch==1.13.1+npu -f …/torch_stable.html` and `pip install -e .[npu]`/`.[cuda]`,
 * plus CUDA/ROCm-only PyTorch wheel indexes. Facts (docs/ascend-facts.md §1 and §8): no `+npu` torch
 * build exists; Ascend support is the `torch-npu` package that vllm-ascend pins; neither vLLM nor vllm-ascend has an
 * `npu` extra; install `vllm==X` then `vllm-ascend==X` with the Huawei Cloud variant index.
 */
import type { Finding, QuickFix } from '../diagnostics';
import { t } from '../l10n/index';
import { commandEnd, rangeOf, type LogicalLine } from './logical-lines';
import { deletionOf, editOf, matchesOf, type CommandContext, type CommandRule } from './command-rule';
import { DOCS } from './doc-links';
import { pipVersions } from '../versions/target-version';

const ASCEND_INDEX = 'https://mirrors.huaweicloud.com/ascend/repos/pypi/variant';

function pipStart(text: string, index: number): number | undefined {
  const before = text.slice(0, index);
  const m = /(?:python3?(?:\.\d+)?\s+-m\s+)?pip3?\s+install\b[^;&|]*$/.exec(before);
  return m ? m.index : undefined;
}

function officialInstall(ctx: CommandContext): string {
  const v = pipVersions(ctx.target);
  return `pip install vllm==${v.vllm} && pip install vllm-ascend==${v.vllmAscend} --extra-index-url ${ASCEND_INDEX}`;
}

export const torchNpuPin: CommandRule = (line: LogicalLine, ctx: CommandContext) => {
  const out: Finding[] = [];
  for (const m of matchesOf(/\btorch==[\w.]+\+npu\b/, line.text)) {
    const fixes: QuickFix[] = [];
    const start = pipStart(line.text, m.index);
    if (start !== undefined && /\bvllm\b/.test(line.text.slice(start, commandEnd(line.text, start)))) {
      const install = officialInstall(ctx);
      fixes.push({ title: t('Replace with the official install: {0}', install), edits: [editOf(line, start, commandEnd(line.text, start), install)] });
    }
    fixes.push({ title: t('Remove {0} (vllm-ascend installs torch and torch-npu itself)', m[0]), edits: [deletionOf(line, m.index, m.index + m[0].length)] });
    out.push({
      range: rangeOf(line, m.index, m.index + m[0].length),
      severity: 'error',
      code: 'ASC512',
      message: t('There is no "+npu" build of torch. Ascend support is the torch-npu package, which vllm-ascend pins together with torch ({0}).', officialInstall(ctx)),
      docUrl: DOCS.installation,
      fixes,
    });
  }
  return out;
};

/** A wheel-index option that serves no Ascend build: flagged, with a fix that removes it. */
function wheelIndexRule(re: RegExp, code: string, message: () => string): CommandRule {
  return (line: LogicalLine) => matchesOf(re, line.text).map((m) => ({
    range: rangeOf(line, m.index, m.index + m[0].length),
    severity: 'warning' as const,
    code,
    message: message(),
    docUrl: DOCS.installation,
    fixes: [{ title: t('Remove {0}', m[0]), edits: [deletionOf(line, m.index, m.index + m[0].length)] }],
  }));
}

export const torchStableIndex = wheelIndexRule(
  /(?:-f|--find-links)(?:=|\s+)\S*torch_stable\.html\S*/, 'ASC513',
  () => t('torch_stable.html lists CUDA/CPU builds of torch, none for Ascend. Let vllm-ascend pin torch and torch-npu, with --extra-index-url {0}.', ASCEND_INDEX),
);

export const cudaWheelIndex = wheelIndexRule(
  /(?:--index-url|--extra-index-url|-i|-f|--find-links)(?:=|\s+)\S*download\.pytorch\.org\/whl\/(?:cu\d+|rocm[\d.]*)\S*/, 'ASC504',
  () => t('This wheel index serves CUDA/ROCm builds of torch, which do not run on Ascend NPUs. Install vllm-ascend with --extra-index-url {0}; it pins torch and torch-npu.', ASCEND_INDEX),
);

export const editableExtra: CommandRule = (line: LogicalLine) => {
  const out: Finding[] = [];
  const re = /\bpip3?\s+install\b[^;&|]*?\s-e\s*(['"]?)\.\[([\w,\s-]+)\]\1/;
  for (const m of matchesOf(re, line.text)) {
    const extras = m[2].split(',').map((s) => s.trim());
    const bad = extras.find((e) => e === 'npu' || e === 'cuda');
    if (!bad) continue;
    const end = m.index + m[0].length;
    const start = pipStart(line.text, end) ?? m.index;
    const targetStart = m.index + m[0].lastIndexOf('.[') - (m[1] ? 1 : 0);
    const message = bad === 'npu'
      ? t('vLLM and vllm-ascend define no "npu" extra. Build vLLM with VLLM_TARGET_DEVICE=empty pip install -e . and then run pip install -e . in vllm-ascend.')
      : t('".[cuda]" builds vLLM for CUDA GPUs, which Ascend NPUs are not. Build vLLM with VLLM_TARGET_DEVICE=empty pip install -e . and then run pip install -e . in vllm-ascend.');
    const replacement = 'VLLM_TARGET_DEVICE=empty pip install -e .';
    out.push({
      range: rangeOf(line, targetStart, end),
      severity: 'error',
      code: 'ASC514',
      message,
      docUrl: DOCS.installation,
      fixes: [{ title: t('Replace with {0}', replacement), edits: [editOf(line, start, end, replacement)] }],
    });
  }
  return out;
};
