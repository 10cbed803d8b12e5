/** vllm-ascend / vLLM version tags: `v0.23.0`, `v0.10.0rc1` (an rc maps to the final vLLM version). */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** rc number, or Infinity for a final release (so rc1 < final). */
  rc: number;
}

export function parseVersion(s: string): Version | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:rc(\d+))?/.exec(s.trim());
  if (!m) return undefined;
  return { major: +m[1], minor: +m[2], patch: m[3] ? +m[3] : 0, rc: m[4] ? +m[4] : Infinity };
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return 0;
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch || (x.rc === y.rc ? 0 : x.rc < y.rc ? -1 : 1);
}

/** Is version `v` at or after `since` (so a key removed in `since` is gone)? */
export function atLeast(v: string, since: string): boolean {
  return compareVersions(v, since) >= 0;
}

/** vLLM version a vllm-ascend tag pairs with: the same number, rc dropped. */
export function vllmFor(vllmAscend: string): string {
  const p = parseVersion(vllmAscend);
  return p ? `v${p.major}.${p.minor}.${p.patch}` : vllmAscend;
}
