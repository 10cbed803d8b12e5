/**
 * CANN / torch / torch_npu / vLLM / vllm-ascend versions in a script or Dockerfile must agree with one row of
 * vllm-ascend's compatibility matrix (docs/ascend-facts.md §1, from VA `docs/source/community/versioning_policy.md`;
 * rows in src/core/remote/check/compat-matrix.ts): vllm-ascend == vLLM (an rc maps to the final vLLM), and
 * vllm-ascend pins torch + torch_npu and is built for one CANN.
 *
 * What a version is checked against: the target vllm-ascend release when one is known (the setting, the deploy
 * descriptor, or `--target-version`); else the file itself, in the order vllm-ascend, vllm, torch_npu, torch,
 * CANN: the first mention of a piece that tells something about the row sets what the pieces after it must be.
 * A quick fix is offered where one right value exists.
 *
 *   ASC505 (warning) vllm-ascend version differs from the target or from another mention in the file
 *   ASC506 (error)   vllm version differs from the one vllm-ascend pairs with
 *   ASC507 (error)   torch / torch_npu pin differs from the row
 *   ASC508 (warning) CANN version of an image tag differs from the row
 */
import type { Finding, QuickFix } from '../diagnostics';
import { t } from '../l10n/index';
import { COMPAT_MATRIX, vllmFor, type CompatRow } from '../versions/compat-matrix';
import { editOf } from './command-rule';
import { DOCS } from './doc-links';
import { rangeOf, type LogicalLine } from './logical-lines';
import { cannBaseTag, type TargetVersion } from '../versions/target-version';
import { COMPONENT_ORDER, mentionsIn, type Component, type Mention } from './version-mentions';

const CODES: Record<Component, { code: string; severity: 'error' | 'warning' }> = {
  'vllm-ascend': { code: 'ASC505', severity: 'warning' },
  vllm: { code: 'ASC506', severity: 'error' },
  torch_npu: { code: 'ASC507', severity: 'error' },
  torch: { code: 'ASC507', severity: 'error' },
  cann: { code: 'ASC508', severity: 'warning' },
};

/** What a version is checked against: some matrix rows, or a vllm-ascend / vLLM release outside the rows we have. */
interface Basis {
  rows: CompatRow[];
  vllmAscend?: string;
  vllm?: string;
  /** Localized: "the target vllm-ascend v0.23.0", "torch_npu 2.10.0.post4 on line 3". */
  label: string;
}

const bare = (v: string): string => v.trim().replace(/^v/i, '').toLowerCase();

/**
 * Does a written version select the matrix value? For torch and torch_npu a local label (`+git4c901a4`, `+cpu`)
 * counts only when both have one: `torch_npu==2.9.0.post1` installs 2.9.0.post1+git4c901a4 (PEP 440), and the
 * `+cpu` torch that x86 hosts install (docs/ascend-facts.md §1) is the same release.
 */
function same(component: Component, written: string, value: string): boolean {
  const w = bare(written);
  const v = bare(value);
  if (w === v) return true;
  if ((component === 'torch' || component === 'torch_npu') && !(w.includes('+') && v.includes('+'))) return w.split('+')[0] === v.split('+')[0];
  return false;
}

function rowValue(row: CompatRow, c: Component): string {
  switch (c) {
    case 'vllm-ascend': return row.vllmAscend;
    case 'vllm': return row.vllm;
    case 'torch_npu': return row.torchNpu;
    case 'torch': return row.torch;
    case 'cann': return row.cann;
  }
}

/** The allowed values, each with the matrix row it comes from (undefined when the basis says nothing). */
function expected(basis: Basis, c: Component): Array<{ value: string; row?: string }> {
  if (c === 'vllm-ascend' && basis.vllmAscend) return [{ value: basis.vllmAscend }];
  if (c === 'vllm' && basis.vllm) return [{ value: basis.vllm }];
  const seen = new Map<string, string>();
  for (const r of basis.rows) {
    const v = rowValue(r, c);
    if (!seen.has(v.toLowerCase())) seen.set(v.toLowerCase(), `${v}\u0000${r.vllmAscend}`);
  }
  return [...seen.values()].map((s) => { const [value, row] = s.split('\u0000'); return { value, row }; });
}

function basisOf(m: Mention): Basis | undefined {
  const rows = COMPAT_MATRIX.filter((r) => same(m.component, m.version, rowValue(r, m.component)));
  const label = t('{0} {1} on line {2}', m.component, m.version, String(m.line.lines[m.start] + 1));
  if (m.component === 'vllm-ascend') {
    const va = `v${bare(m.version)}`;
    return { rows: COMPAT_MATRIX.filter((r) => bare(r.vllmAscend) === bare(va)), vllmAscend: va, vllm: vllmFor(va), label };
  }
  if (m.component === 'vllm') return { rows, vllm: `v${bare(m.version)}`, label };
  return rows.length ? { rows, label } : undefined;
}

function targetBasis(target: TargetVersion): Basis {
  return {
    rows: COMPAT_MATRIX.filter((r) => r.vllmAscend === target.tag),
    vllmAscend: target.tag,
    vllm: vllmFor(target.tag),
    label: t('the target vllm-ascend {0}', target.tag),
  };
}

/** The value as the user would write it there: `v` prefix as written; CANN in image-tag case (`8.2.rc1`). */
function styled(m: Mention, value: string): string {
  if (m.component === 'cann') return value.toLowerCase();
  if (m.component === 'vllm-ascend' || m.component === 'vllm') return /^v/i.test(m.version) ? `v${bare(value)}` : bare(value);
  return value;
}

const OFFICIAL_CANN = /^(?:quay\.io|m\.daocloud\.io\/quay\.io|quay\.nju\.edu\.cn)\/ascend\/cann$/i;

function fixesFor(m: Mention, want: Array<{ value: string; row?: string }>): QuickFix[] {
  if (want.length !== 1) return [];
  const value = styled(m, want[0].value);
  if (m.component === 'cann' && m.tag) {
    // The whole tag, when the base images of that row are known for this chip; the version alone otherwise
    // would name an image that may not exist.
    const chip = /-(910b|310p)-/i.exec(m.tag.text)?.[1]?.toLowerCase();
    const tag = want[0].row && chip ? cannBaseTag(want[0].row, chip) : undefined;
    if (!tag || !OFFICIAL_CANN.test(m.tag.repo)) return [];
    return [{ title: t('Use {0}', `${m.tag.repo}:${tag}`), edits: [editOf(m.line, m.tag.start, m.tag.end, tag)] }];
  }
  return [{ title: t('Change to {0}', value), edits: [editOf(m.line, m.start, m.end, value)] }];
}

function describe(want: Array<{ value: string; row?: string }>, m: Mention): string {
  if (want.length === 1) return styled(m, want[0].value);
  return want.map((w) => (w.row ? `${styled(m, w.value)} (vllm-ascend ${w.row})` : styled(m, w.value))).join(' / ');
}

function messageFor(m: Mention, basis: Basis, want: Array<{ value: string; row?: string }>): string {
  const right = describe(want, m);
  switch (m.component) {
    case 'vllm-ascend':
      return t('vllm-ascend {0} differs from {1}. vLLM, vllm-ascend, torch, torch_npu and CANN come as one set from a row of the compatibility matrix: use vllm-ascend {2}.', m.version, basis.label, right);
    case 'vllm':
      return t('vllm {0} does not match {1}: vllm-ascend runs on the vLLM release of the same number (an rc maps to the final release). Use vllm {2}.', m.version, basis.label, right);
    case 'cann':
      return t('CANN {0} does not match {1}: the compatibility matrix pairs it with CANN {2}.', m.version, basis.label, right);
    default:
      return t('{0} {1} does not match {2}: the compatibility matrix pairs it with {0} {3}.', m.component, m.version, basis.label, right);
  }
}

/**
 * Checks every version mention in the lines. `target` is the vllm-ascend release to check against when one is
 * known; undefined makes the file's own mentions the reference.
 */
export function checkVersionMatrix(lines: LogicalLine[], target: TargetVersion | undefined): Finding[] {
  const mentions: Mention[] = [];
  for (const line of lines) {
    if (!/vllm|torch|cann/i.test(line.text)) continue;
    mentions.push(...mentionsIn(line));
  }
  if (mentions.length === 0) return [];
  const bases: Basis[] = target ? [targetBasis(target)] : [];
  const out: Finding[] = [];
  for (const component of COMPONENT_ORDER) {
    for (const m of mentions) {
      if (m.component !== component) continue;
      let covered = false;
      for (const basis of bases) {
        const want = expected(basis, component);
        if (want.length === 0) continue;
        covered = true;
        if (!want.some((w) => same(component, m.version, w.value))) {
          const { code, severity } = CODES[component];
          out.push({
            range: rangeOf(m.line, m.start, m.end),
            severity,
            code,
            message: messageFor(m, basis, want),
            docUrl: DOCS.versioning,
            fixes: fixesFor(m, want),
          });
        }
        break;
      }
      if (!covered) {
        const b = basisOf(m);
        if (b) bases.push(b);
      }
    }
  }
  return out.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
}
