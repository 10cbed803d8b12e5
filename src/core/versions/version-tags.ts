/**
 * The one parser of vllm-ascend / vLLM version tags (`v0.23.0`, `v0.10.0rc1`, `0.26.0rc`, `v0.7.3.post1`) and
 * their order: rc1 < rc2 < final < post1. A bare `rc` (a release-candidate branch such as releases/v0.26.0rc)
 * sorts before that version's rc1. docs/versions.md.
 */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** rc number (0 for a bare `rc` branch), or Infinity for a final release (so rc1 < final). */
  rc: number;
  /** .postN number, 0 if none. */
  post: number;
}

const TAG = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:(rc)(\d*))?(?:\.post(\d+))?/i;

export function parseVersion(s: string): Version | undefined {
  const m = TAG.exec(s.trim());
  if (!m) return undefined;
  return {
    major: +m[1], minor: +m[2], patch: m[3] ? +m[3] : 0,
    rc: m[4] ? (m[5] ? +m[5] : 0) : Infinity,
    post: m[6] ? +m[6] : 0,
  };
}

/** Is the whole string a release tag (not just starting with one)? */
export function isReleaseTag(s: string): boolean {
  return /^v?\d+\.\d+\.\d+(rc\d*)?(\.post\d+|\.dev\w*)?$/i.test(s.trim());
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return 0;
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch || (x.rc === y.rc ? x.post - y.post : x.rc < y.rc ? -1 : 1);
}

/** Is version `v` at or after `since` (so a key removed in `since` is gone)? */
export function atLeast(v: string, since: string): boolean {
  return compareVersions(v, since) >= 0;
}

/** Same major.minor.patch (an rc and its final, or two rcs of one version). */
export function sameRelease(a: string, b: string): boolean {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return !!x && !!y && x.major === y.major && x.minor === y.minor && x.patch === y.patch;
}
