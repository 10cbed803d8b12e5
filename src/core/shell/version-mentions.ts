/**
 * Where a script or Dockerfile names a version of one of the pieces that must come from one row of vllm-ascend's
 * compatibility matrix: vllm-ascend and CANN image tags, `pip install` pins of vllm / vllm-ascend / torch /
 * torch_npu, `git clone -b <tag>` of the vLLM and vllm-ascend repositories, and the `VLLM_TAG=<tag>` build argument
 * vllm-ascend's own Dockerfiles clone vLLM at (`ARG VLLM_TAG=v0.13.0`).
 */
import type { LogicalLine } from './logical-lines';
import { matchesOf } from './command-rule';

export type Component = 'vllm-ascend' | 'vllm' | 'torch_npu' | 'torch' | 'cann';

/** Checked in this order: the first mention of a piece higher up sets what the pieces below it must be. */
export const COMPONENT_ORDER: readonly Component[] = ['vllm-ascend', 'vllm', 'torch_npu', 'torch', 'cann'];

export type MentionKind = 'image' | 'pip' | 'git' | 'arg';

export interface Mention {
  component: Component;
  kind: MentionKind;
  /** The version as written (`v0.18.0`, `0.18.0`, `8.2.rc1`, `2.9.0.post1+git4c901a4`). */
  version: string;
  line: LogicalLine;
  /** Offsets of the version text in `line.text`. */
  start: number;
  end: number;
  /** CANN images only: the whole tag (`8.2.rc1-910b-ubuntu22.04-py3.11`) and the image's repository. */
  tag?: { start: number; end: number; text: string; repo: string };
}

const VA_IMAGE = /(?<![\w./-])((?:[\w.-]+(?::\d+)?\/)*vllm-ascend):(v?\d+\.\d+\.\d+(?:rc\d+)?)(?![\w.])/i;
// `ascend-cann-toolkit:X` and `…/cann:X`; majors below 8 are the article's image (ASC502), not a matrix version.
const CANN_IMAGE = /(?<![\w./-])((?:[\w.-]+(?::\d+)?\/)*(?:cann|[\w.-]*ascend-cann[\w.-]*)):((\d+)\.\d+\.(?:rc\d+|\d+))((?:-[\w.]+)*)(?![\w.])/i;
const PIN = /(?<![\w.-])(torch[-_.]npu|torch|vllm[-_.]ascend|vllm)\s*==\s*(\d[\w.+!]*)/i;
const PIP = /(?:python3?(?:\.\d+)?\s+-m\s+)?pip3?\s+install\b[^;&|]*$/;
const GIT_CLONE = /\bgit\s+clone\b[^;&|]*/;
const GIT_BRANCH = /(?:^|\s)(?:-b|--branch)(?:=|\s+)(['"]?)(v?\d+\.\d+\.\d+(?:rc\d+)?)\1(?=\s|$)/;
const VLLM_TAG_ARG = /(?:^|[\s;])(?:ARG\s+|ENV\s+|export\s+)?VLLM_TAG=(['"]?)(v?\d+\.\d+\.\d+(?:rc\d+)?)\1(?=\s|$)/;
const GIT_REPO = /vllm-project\/(vllm-ascend|vllm)(?:\.git)?\/?(?=[\s'"]|$)/;

function componentOfPin(name: string): Component {
  const n = name.toLowerCase().replace(/[-_.]/g, '_');
  return n === 'torch_npu' ? 'torch_npu' : n === 'vllm_ascend' ? 'vllm-ascend' : n === 'vllm' ? 'vllm' : 'torch';
}

/** Every version mention in the line. */
export function mentionsIn(line: LogicalLine): Mention[] {
  const text = line.text;
  const out: Mention[] = [];
  const lower = text.toLowerCase();
  if (lower.includes('vllm-ascend:')) {
    for (const m of matchesOf(VA_IMAGE, text)) {
      const start = m.index + m[1].length + 1;
      out.push({ component: 'vllm-ascend', kind: 'image', version: m[2], line, start, end: start + m[2].length });
    }
  }
  if (lower.includes('cann')) {
    for (const m of matchesOf(CANN_IMAGE, text)) {
      if (Number(m[3]) < 8) continue;
      const start = m.index + m[1].length + 1;
      const tagText = m[2] + m[4];
      out.push({
        component: 'cann', kind: 'image', version: m[2], line, start, end: start + m[2].length,
        tag: { start, end: start + tagText.length, text: tagText, repo: m[1] },
      });
    }
  }
  if (lower.includes('==')) {
    for (const m of matchesOf(PIN, text)) {
      if (/\+npu$/i.test(m[2])) continue; // the article's torch==…+npu is ASC512
      if (!PIP.test(text.slice(0, m.index))) continue;
      const start = m.index + m[0].length - m[2].length;
      out.push({ component: componentOfPin(m[1]), kind: 'pip', version: m[2], line, start, end: start + m[2].length });
    }
  }
  if (lower.includes('git') && lower.includes('vllm-project/')) {
    for (const c of matchesOf(GIT_CLONE, text)) {
      const branch = GIT_BRANCH.exec(c[0]);
      const repo = GIT_REPO.exec(c[0]);
      if (!branch || !repo) continue;
      const start = c.index + branch.index + branch[0].length - branch[2].length - branch[1].length;
      out.push({ component: repo[1] === 'vllm-ascend' ? 'vllm-ascend' : 'vllm', kind: 'git', version: branch[2], line, start, end: start + branch[2].length });
    }
  }
  if (text.includes('VLLM_TAG=')) {
    for (const m of matchesOf(VLLM_TAG_ARG, text)) {
      const start = m.index + m[0].length - m[2].length - m[1].length;
      out.push({ component: 'vllm', kind: 'arg', version: m[2], line, start, end: start + m[2].length });
    }
  }
  return out;
}
