/**
 * The vllm-ascend release lines the version catalogue describes (schemas/vllm-serve@<line>.schema.json), oldest
 * first, and which line's schema applies to a target tag. Kept equal to schemas/source/release-lines.json by a
 * unit test. docs/versions.md.
 */
import { compareVersions, parseVersion, sameRelease } from './version-tags';

export const RELEASE_LINES = ['v0.13.0', 'v0.18.0', 'v0.23.0', 'v0.24.0rc1', 'v0.25.1rc1', 'v0.26.0rc'] as const;
export type ReleaseLine = (typeof RELEASE_LINES)[number];

/** The newest final release line: the target when nothing names one. */
export const NEWEST_FINAL: ReleaseLine = 'v0.23.0';

export interface LineChoice {
  line: ReleaseLine;
  /** The target is that line's own tag (or a tag of the same release: v0.25.1rc2 on the v0.25.1rc1 line). */
  exact: boolean;
}

/**
 * The catalogue line for a target tag: the line of the same release (v0.23.0rc1 → v0.23.0, v0.26.0rc1 →
 * v0.26.0rc); else the newest line at or before it; else the oldest line.
 */
export function lineFor(tag: string | undefined): LineChoice {
  if (!tag || !parseVersion(tag)) return { line: NEWEST_FINAL, exact: false };
  const same = RELEASE_LINES.find((l) => sameRelease(l, tag));
  if (same) return { line: same, exact: true };
  const older = [...RELEASE_LINES].reverse().find((l) => compareVersions(l, tag) <= 0);
  return { line: older ?? RELEASE_LINES[0], exact: false };
}

export function isReleaseLine(s: string): s is ReleaseLine {
  return (RELEASE_LINES as readonly string[]).includes(s);
}
