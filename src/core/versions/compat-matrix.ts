/** vllm-ascend compatibility matrix (ascend-facts §1, from VA `versioning_policy.md`; selected rows). */
import { parseVersion } from './version-tags';

export interface CompatRow {
  vllmAscend: string;
  vllm: string;
  python: string;
  cann: string;
  torch: string;
  torchNpu: string;
}

export const COMPAT_MATRIX: readonly CompatRow[] = [
  { vllmAscend: 'v0.23.0', vllm: 'v0.23.0', python: '>=3.10,<3.13', cann: '9.1.0', torch: '2.10.0', torchNpu: '2.10.0.post4' },
  { vllmAscend: 'v0.22.1rc1', vllm: 'v0.22.1', python: '>=3.10,<3.13', cann: '9.0.0', torch: '2.10.0', torchNpu: '2.10.0' },
  { vllmAscend: 'v0.18.0', vllm: 'v0.18.0', python: '>=3.10,<3.12', cann: '8.5.1', torch: '2.9.0', torchNpu: '2.9.0.post1+git4c901a4' },
  { vllmAscend: 'v0.13.0', vllm: 'v0.13.0', python: '>=3.10,<3.12', cann: '8.5.0', torch: '2.8.0', torchNpu: '2.8.0.post2' },
  { vllmAscend: 'v0.11.0', vllm: 'v0.11.0', python: '>=3.9,<3.12', cann: '8.3.RC2', torch: '2.7.1', torchNpu: '2.7.1.post1' },
  { vllmAscend: 'v0.10.0rc1', vllm: 'v0.10.0', python: '>=3.9,<3.12', cann: '8.2.RC1', torch: '2.7.1', torchNpu: '2.7.1.dev20250724' },
  { vllmAscend: 'v0.9.1', vllm: 'v0.9.1', python: '>=3.9,<3.12', cann: '8.2.RC1', torch: '2.5.1', torchNpu: '2.5.1.post1' },
  { vllmAscend: 'v0.7.3', vllm: 'v0.7.3', python: '>=3.9,<3.12', cann: '8.1.RC1', torch: '2.5.1', torchNpu: '2.5.1' },
];

/** The row of a release tag: exact, else the same major.minor.patch (an rc of a listed final, or vice versa). */
export function compatRowFor(tag: string): CompatRow | undefined {
  const exact = COMPAT_MATRIX.find((r) => r.vllmAscend === tag);
  if (exact) return exact;
  const v = parseVersion(tag);
  if (!v) return undefined;
  return COMPAT_MATRIX.find((r) => {
    const w = parseVersion(r.vllmAscend);
    return !!w && w.major === v.major && w.minor === v.minor && w.patch === v.patch;
  });
}

/** CANN versions compare case-insensitively (`8.3.RC2` = `8.3.rc2`). */
export function sameCann(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
