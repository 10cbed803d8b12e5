/**
 * vllm-ascend release compatibility matrix: the vLLM release each vllm-ascend tag pairs with, and its Python,
 * CANN, torch and torch_npu. Each row was checked against vllm-ascend's own docs/source/community/versioning_policy.md
 * (or, where that table has no row, the tag's Dockerfile / requirements.txt / setup.py) at the commits listed in
 * docs/versions.md.
 */
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
  { vllmAscend: 'v0.25.1rc1', vllm: 'v0.25.1', python: '>=3.10,<3.13', cann: '9.0.1', torch: '2.10.0', torchNpu: '2.10.0.post2' },
  { vllmAscend: 'v0.24.0rc1', vllm: 'v0.24.0', python: '>=3.10,<3.13', cann: '9.0.1', torch: '2.10.0', torchNpu: '2.10.0.post2' },
  { vllmAscend: 'v0.23.0', vllm: 'v0.23.0', python: '>=3.10,<3.13', cann: '9.1.0', torch: '2.10.0', torchNpu: '2.10.0.post4' },
  { vllmAscend: 'v0.23.0rc1', vllm: 'v0.23.0', python: '>=3.10,<3.13', cann: '9.0.1', torch: '2.10.0', torchNpu: '2.10.0.post2' },
  { vllmAscend: 'v0.22.1rc1', vllm: 'v0.22.1', python: '>=3.10,<3.13', cann: '9.0.0', torch: '2.10.0', torchNpu: '2.10.0' },
  { vllmAscend: 'v0.21.0rc1', vllm: 'v0.21.0', python: '>=3.10,<3.13', cann: '9.0.0', torch: '2.10.0', torchNpu: '2.10.0' },
  { vllmAscend: 'v0.20.2rc1', vllm: 'v0.20.2', python: '>=3.10,<3.12', cann: '9.0.0', torch: '2.10.0', torchNpu: '2.10.0' },
  { vllmAscend: 'v0.19.1rc1', vllm: 'v0.19.1', python: '>=3.10,<3.12', cann: '8.5.1', torch: '2.9.0', torchNpu: '2.9.0' },
  { vllmAscend: 'v0.18.0', vllm: 'v0.18.0', python: '>=3.10,<3.12', cann: '8.5.1', torch: '2.9.0', torchNpu: '2.9.0.post1+git4c901a4' },
  { vllmAscend: 'v0.18.0rc1', vllm: 'v0.18.0', python: '>=3.10,<3.12', cann: '8.5.1', torch: '2.9.0', torchNpu: '2.9.0' },
  { vllmAscend: 'v0.14.0rc1', vllm: 'v0.14.1', python: '>=3.10,<3.12', cann: '8.5.0', torch: '2.9.0', torchNpu: '2.9.0' },
  { vllmAscend: 'v0.13.0', vllm: 'v0.13.0', python: '>=3.10,<3.12', cann: '8.5.0', torch: '2.8.0', torchNpu: '2.8.0.post2' },
  { vllmAscend: 'v0.11.0', vllm: 'v0.11.0', python: '>=3.9,<3.12', cann: '8.3.RC2', torch: '2.7.1', torchNpu: '2.7.1.post1' },
  { vllmAscend: 'v0.11.0rc0', vllm: 'v0.11.0rc3', python: '>=3.9,<3.12', cann: '8.2.RC1', torch: '2.7.1', torchNpu: '2.7.1.dev20250724' },
  { vllmAscend: 'v0.10.0rc1', vllm: 'v0.10.0', python: '>=3.9,<3.12', cann: '8.2.RC1', torch: '2.7.1', torchNpu: '2.7.1.dev20250724' },
  { vllmAscend: 'v0.9.1', vllm: 'v0.9.1', python: '>=3.9,<3.12', cann: '8.2.RC1', torch: '2.5.1', torchNpu: '2.5.1.post1' },
  { vllmAscend: 'v0.7.3', vllm: 'v0.7.3', python: '>=3.9,<3.12', cann: '8.1.RC1', torch: '2.5.1', torchNpu: '2.5.1' },
];

const norm = (tag: string): string => (tag.trim().startsWith('v') ? tag.trim() : `v${tag.trim()}`);

/** The row of exactly this release tag. An rc never borrows its final's row (their CANN/torch_npu differ). */
export function compatRowFor(tag: string): CompatRow | undefined {
  const t = norm(tag);
  return COMPAT_MATRIX.find((r) => r.vllmAscend === t);
}

/**
 * The vLLM release a vllm-ascend tag pairs with, from the matrix (v0.14.0rc1 → v0.14.1, v0.11.0rc0 → v0.11.0rc3).
 * For a tag the matrix lacks: the vLLM of the same version number (how vllm-ascend names its releases,
 * docs/versions.md), rc dropped; undefined when the tag does not parse.
 */
export function vllmFor(vllmAscend: string): string | undefined {
  const row = compatRowFor(vllmAscend);
  if (row) return row.vllm;
  const p = parseVersion(vllmAscend);
  return p ? `v${p.major}.${p.minor}.${p.patch}` : undefined;
}

/** CANN versions compare case-insensitively (`8.3.RC2` = `8.3.rc2`). */
export function sameCann(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
