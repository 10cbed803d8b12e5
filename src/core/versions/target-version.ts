/**
 * The vllm-ascend release a document is checked against (a git tag such as `v0.23.0` or `v0.10.0rc1`), and what
 * follows from it. Parsed by the one tag parser (version-tags.ts); the vLLM pairing comes from the compatibility
 * matrix. Facts: docs/versions.md.
 */
import { vllmFor } from './compat-matrix';
import { NEWEST_FINAL } from './release-lines';
import { isReleaseTag, parseVersion } from './version-tags';

export const DEFAULT_TARGET = NEWEST_FINAL;

export interface TargetVersion {
  tag: string;
  major: number;
  minor: number;
  patch: number;
  /** `rc1` etc., or '' for a final release. */
  pre: string;
}

export function parseTarget(tag: string | undefined): TargetVersion {
  const raw = (tag ?? DEFAULT_TARGET).trim();
  const v = isReleaseTag(raw) ? parseVersion(raw) : undefined;
  if (!v) return parseTarget(DEFAULT_TARGET);
  const t = raw.startsWith('v') ? raw : `v${raw}`;
  const pre = /((?:rc|\.post|\.dev)\w*)$/i.exec(t.slice(t.indexOf(`${v.major}.${v.minor}.${v.patch}`) + `${v.major}.${v.minor}.${v.patch}`.length))?.[1] ?? '';
  return { tag: t, major: v.major, minor: v.minor, patch: v.patch, pre };
}

/** The target when one was given and is a release tag; undefined when none is known (the default does not count). */
export function knownTarget(tag: string | undefined): TargetVersion | undefined {
  if (!tag || !isReleaseTag(tag)) return undefined;
  return parseTarget(tag);
}

/** Compares a target with `major.minor.patch` (ignoring rc suffixes). */
export function atLeast(t: TargetVersion, major: number, minor: number, patch = 0): boolean {
  if (t.major !== major) return t.major > major;
  if (t.minor !== minor) return t.minor > minor;
  return t.patch >= patch;
}

/** pip version of vllm-ascend for the tag (`v0.10.0rc1` → `0.10.0rc1`) and of the vLLM it pairs with, from the matrix (`v0.14.0rc1` → `0.14.1`). */
export function pipVersions(t: TargetVersion): { vllm: string; vllmAscend: string } {
  const vllm = (vllmFor(t.tag) ?? `v${t.major}.${t.minor}.${t.patch}`).replace(/^v/, '');
  return { vllm, vllmAscend: t.tag.replace(/^v/, '') };
}

/**
 * Supported Python minor versions (3.x) for the target, from the compatibility matrix: v0.7.3–v0.11.0 ≥3.9,<3.12;
 * v0.13.0 and v0.18.0 ≥3.10,<3.12; v0.22.1rc1 and v0.23.0 ≥3.10,<3.13. Releases between the rows read (e.g. 0.12,
 * 0.19–0.21) are not in the matrix we have; they get the bounds of the nearest older row (an assumption).
 */
export function pythonRange(t: TargetVersion): { min: number; maxExclusive: number } {
  if (atLeast(t, 0, 22, 1) || atLeast(t, 0, 23)) return { min: 10, maxExclusive: 13 };
  if (atLeast(t, 0, 13)) return { min: 10, maxExclusive: 12 };
  return { min: 9, maxExclusive: 12 };
}

/** The official image for the target (A2 variant, no suffix). */
export function vllmAscendImage(t: TargetVersion): string {
  return `quay.io/ascend/vllm-ascend:${t.tag}`;
}

/** CANN base image tags that vllm-ascend's own Dockerfile uses per release (910B, Ubuntu); undefined when not read. */
const CANN_BASE: Record<string, string> = {
  'v0.7.3': '8.1.rc1-910b-ubuntu22.04-py3.10',
  'v0.9.1': '8.2.rc1-910b-ubuntu22.04-py3.11',
  'v0.10.0rc1': '8.2.rc1-910b-ubuntu22.04-py3.11',
  'v0.13.0': '8.5.0-910b-ubuntu22.04-py3.11',
  'v0.18.0': '8.5.1-910b-ubuntu22.04-py3.11',
  'v0.23.0': '9.1.0-910b-ubuntu22.04-py3.12',
};

/** Releases whose 310P base image docs/ascend-facts.md §1 names (`8.2.rc1-{910b,310p}-…`, `9.1.0-{910b,310p}-…`). */
const CANN_BASE_310P = new Set(['v0.10.0rc1', 'v0.23.0']);

/** The CANN base image tag of a release for a chip (`910b` or `310p`), when the facts name it. */
export function cannBaseTag(release: string, chip: string): string | undefined {
  const tag = Object.hasOwn(CANN_BASE, release) ? CANN_BASE[release] : undefined;
  if (!tag) return undefined;
  if (chip === '910b') return tag;
  if (chip === '310p' && CANN_BASE_310P.has(release)) return tag.replace('-910b-', '-310p-');
  return undefined;
}

export function cannBaseImage(t: TargetVersion): string | undefined {
  const tag = Object.hasOwn(CANN_BASE, t.tag) ? CANN_BASE[t.tag] : undefined;
  return tag ? `quay.io/ascend/cann:${tag}` : undefined;
}
