/**
 * OpenSSH's pattern matching (match.c), shared by ~/.ssh/config `Host` lines and known_hosts host fields:
 * `*` matches any run of characters, `?` exactly one, a leading `!` negates, and a comma-separated list
 * matches when some positive pattern matches and no negated one does. Host names compare in lower case.
 */

/** `*` / `?` wildcard match of one pattern against the whole text. */
export function matchPattern(pattern: string, text: string): boolean {
  let re = '^';
  for (const ch of pattern) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`${re}$`, 's').test(text);
}

export type PatternListResult = 'match' | 'negated' | 'none';

/**
 * Matches a list of patterns (already split, or one comma-separated string) against a host name, the way
 * OpenSSH's match_hostname does: lower-cased, and a negated match wins over every positive one.
 */
export function matchHostPatterns(patterns: string | readonly string[], host: string): PatternListResult {
  const list = typeof patterns === 'string' ? patterns.split(',') : patterns;
  const text = host.toLowerCase();
  let result: PatternListResult = 'none';
  for (const raw of list) {
    const p = raw.trim().toLowerCase();
    if (p === '') continue;
    if (p.startsWith('!')) {
      if (matchPattern(p.slice(1), text)) return 'negated';
    } else if (matchPattern(p, text)) {
      result = 'match';
    }
  }
  return result;
}
