/**
 * `.dockerignore` with Docker's semantics (docs/dockerignore.md: moby/patternmatcher's ignore file reader and
 * PatternMatcher, as the builder uses them), matched in linear time: each pattern becomes a small automaton that
 * is run over the path's code points keeping a set of states (no backtracking), so a line such as
 * `**a**a**a**a**a**a**a**ab` costs O(pattern × path) instead of hanging the build. A line Docker refuses (a
 * lone `!`, an unclosed or empty `[`, a range such as `[z-a]`, a trailing `\`) is a {@link DockerignoreError}
 * naming the line, never an exception from a regular expression.
 */
import { t } from '../../l10n/index';

type Tok =
  | { k: 'lit'; c: string }
  | { k: 'any' } // ?      : one character but '/'
  | { k: 'star' } // *     : any run without '/'
  | { k: 'dstarSlash' } // **/ (or ** inside) : (.*/)?
  | { k: 'dstarEnd' } // ** at the end after other tokens: .*
  | { k: 'class'; neg: boolean; ranges: Array<[number, number]> }
  | { k: 'caret' }; // a bare ^ reaches Docker's regexp as a start anchor

type Kind = 'exact' | 'prefix' | 'suffix' | 'automaton';

export interface IgnoreRule {
  negate: boolean;
  /** The cleaned pattern, as Docker keeps it. */
  pattern: string;
  kind: Kind;
  toks: Tok[];
}

export class DockerignoreError extends Error {
  constructor(readonly line: number, readonly text: string, reason: string) {
    super(t('.dockerignore line {0} ({1}): {2}; Docker refuses this file too.', line, JSON.stringify(text), reason));
    this.name = 'DockerignoreError';
  }
}

/** path.Clean for slash-separated paths (Go's rules: no empty or `.` segments, `..` resolved, no trailing `/`). */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(seg);
  }
  const body = out.join('/');
  return rooted ? `/${body}` : body || '.';
}

/** One bracket expression from `chars[at]` (the `[`); Go filepath.Match's syntax, plus RE2's range order check. */
function parseClass(chars: string[], at: number): { tok: Tok; next: number } | string {
  let i = at + 1;
  let neg = false;
  if (chars[i] === '^') { neg = true; i++; }
  const ranges: Array<[number, number]> = [];
  const esc = (): string | undefined => {
    const c = chars[i];
    if (c === undefined || c === '-' || c === ']') return undefined;
    if (c === '\\') {
      i++;
      if (chars[i] === undefined) return undefined;
    }
    return chars[i++];
  };
  for (;;) {
    if (chars[i] === ']' && ranges.length > 0) return { tok: { k: 'class', neg, ranges }, next: i + 1 };
    const lo = esc();
    if (lo === undefined) return t('syntax error in pattern');
    let hi = lo;
    if (chars[i] === '-') {
      i++;
      const h = esc();
      if (h === undefined) return t('syntax error in pattern');
      hi = h;
    }
    const a = lo.codePointAt(0) as number;
    const b = hi.codePointAt(0) as number;
    if (a > b) return t('invalid character class range {0}', `${lo}-${hi}`);
    ranges.push([a, b]);
  }
}

/** Docker's compile(): the match kind and the tokens of one cleaned pattern; a string is the reason it is refused. */
function compile(pattern: string): { kind: Kind; toks: Tok[] } | string {
  const chars = Array.from(pattern);
  const toks: Tok[] = [];
  let kind: Kind = 'exact';
  for (let i = 0, n = 0; i < chars.length; n++) {
    const c = chars[i++];
    if (c === '*') {
      if (chars[i] === '*') {
        i++;
        if (chars[i] === '/') i++;
        if (i >= chars.length) {
          if (kind === 'exact') kind = 'prefix';
          else { toks.push({ k: 'dstarEnd' }); kind = 'automaton'; }
        } else {
          toks.push({ k: 'dstarSlash' });
          kind = 'automaton';
        }
        if (n === 0) kind = 'suffix';
      } else {
        toks.push({ k: 'star' });
        kind = 'automaton';
      }
    } else if (c === '?') {
      toks.push({ k: 'any' });
      kind = 'automaton';
    } else if (c === '\\') {
      if (i >= chars.length) return t('syntax error in pattern');
      toks.push({ k: 'lit', c: chars[i++] });
      kind = 'automaton';
    } else if (c === '[') {
      const r = parseClass(chars, i - 1);
      if (typeof r === 'string') return r;
      toks.push(r.tok);
      i = r.next;
      kind = 'automaton';
    } else if (c === ']') {
      toks.push({ k: 'lit', c }); // a lone ] is a plain character to Go's regexp
      kind = 'automaton';
    } else if (c === '^') {
      toks.push({ k: 'caret' }); // literal while the pattern stays exact (Docker compares the string then)
    } else {
      toks.push({ k: 'lit', c });
    }
  }
  return { kind, toks };
}

const inClass = (tok: Extract<Tok, { k: 'class' }>, c: string): boolean => {
  const cp = c.codePointAt(0) as number;
  return tok.ranges.some(([a, b]) => cp >= a && cp <= b) !== tok.neg;
};

/**
 * Runs the token automaton over the whole path: a set of positions, advanced one code point at a time.
 * `work.steps` counts the states visited (at most tokens × code points): the linear-time bound, for tests.
 */
function runTokens(toks: readonly Tok[], path: string, work?: { steps: number }): boolean {
  const closure = (set: Set<number>, at: number, pos: number): void => {
    if (set.has(at)) return;
    set.add(at);
    if (work) work.steps++;
    const tok = toks[at];
    if (!tok) return;
    if (tok.k === 'star' || tok.k === 'dstarEnd' || tok.k === 'dstarSlash' || (tok.k === 'caret' && pos === 0)) closure(set, at + 1, pos);
  };
  let states = new Set<number>();
  closure(states, 0, 0);
  let pos = 0;
  for (const c of path) {
    const next = new Set<number>();
    pos++;
    for (const s of states) {
      const tok = toks[s];
      if (!tok) continue;
      switch (tok.k) {
        case 'lit': if (tok.c === c) closure(next, s + 1, pos); break;
        case 'any': if (c !== '/') closure(next, s + 1, pos); break;
        case 'class': if (inClass(tok, c)) closure(next, s + 1, pos); break;
        case 'star': if (c !== '/') closure(next, s, pos); break;
        case 'dstarEnd': closure(next, s, pos); break;
        case 'dstarSlash':
          closure(next, s, pos);
          if (c === '/') closure(next, s + 1, pos);
          break;
        case 'caret': break;
      }
    }
    if (next.size === 0) return false;
    states = next;
  }
  return states.has(toks.length);
}

/** Docker's Pattern.match on one slash path. */
export function matchPattern(rule: Pick<IgnoreRule, 'kind' | 'pattern' | 'toks'>, path: string, work?: { steps: number }): boolean {
  switch (rule.kind) {
    case 'exact': return path === rule.pattern;
    case 'prefix': return path.startsWith(rule.pattern.slice(0, -2));
    case 'suffix': {
      const suffix = rule.pattern.slice(2);
      return path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
    }
    case 'automaton': return runTokens(rule.toks, path, work);
  }
}

/**
 * Compiles the patterns of one list, as Docker's PatternMatcher does (trim, clean, `!` for exceptions); throws
 * DockerignoreError for a pattern Docker refuses. `lines` gives each pattern's line number for the message.
 */
export function compilePatterns(patterns: readonly string[], lines: readonly number[] = []): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  patterns.forEach((raw, idx) => {
    let p = raw.trim();
    if (p === '') return;
    p = cleanPath(p);
    let negate = false;
    if (p.startsWith('!')) {
      if (p.length === 1) throw new DockerignoreError(lines[idx] ?? idx + 1, raw, t('illegal exclusion pattern "!"'));
      negate = true;
      p = p.slice(1);
    }
    const c = compile(p);
    if (typeof c === 'string') throw new DockerignoreError(lines[idx] ?? idx + 1, raw, c);
    rules.push({ negate, pattern: p, kind: c.kind, toks: c.toks });
  });
  return rules;
}

/**
 * Reads a `.dockerignore` as Docker's ignore file reader does: `#` at the start of a line is a comment, lines
 * are trimmed, `!` marks an exception (space after it allowed), each pattern is cleaned and a leading `/` dropped.
 */
export function parseDockerignore(text: string): IgnoreRule[] {
  const patterns: string[] = [];
  const lines: number[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    if (raw.startsWith('#')) return;
    let p = raw.trim();
    if (p === '') return;
    const invert = p.startsWith('!');
    if (invert) p = p.slice(1).trim();
    if (p.length > 0) {
      p = cleanPath(p);
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    }
    patterns.push(invert ? `!${p}` : p);
    lines.push(i + 1);
  });
  return compilePatterns(patterns, lines);
}

/**
 * True when `relPath` (forward slashes, relative to the context) is excluded: Docker's MatchesOrParentMatches,
 * where a pattern that matches a parent folder covers everything below it, and the last matching line wins.
 */
export function isIgnored(relPath: string, rules: readonly IgnoreRule[]): boolean {
  const file = cleanPath(relPath);
  if (file === '.') return false;
  const cut = file.lastIndexOf('/');
  const parents = cut > 0 ? file.slice(0, cut).split('/') : [];
  let matched = false;
  for (const rule of rules) {
    if (rule.negate !== matched) continue;
    let hit = matchPattern(rule, file);
    for (let i = 0; !hit && i < parents.length; i++) hit = matchPattern(rule, parents.slice(0, i + 1).join('/'));
    if (hit) matched = !rule.negate;
  }
  return matched;
}
