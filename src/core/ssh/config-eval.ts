/**
 * Evaluates ~/.ssh/config for one host alias the way ssh(1) reads it: top to bottom, the first value of a
 * directive wins (IdentityFile and the forwards accumulate), `Host` lines match the alias with OpenSSH's
 * patterns, `Include` is followed where it stands (and only when its block applies), and `Match` supports
 * all / host / originalhost / user / localuser / final. `Match exec` is never run: we do not execute commands
 * found in config files, so such a block does not apply.
 */
import { ConfigFileCache, IncludeDepthError, MAX_INCLUDE_DEPTH, includePaths } from './config-include';
import { matchHostPatterns } from './ssh-pattern';
import type { Line } from './ssh-config-parse';

/** Directive name (lower case) -> its arguments, first occurrence (or every occurrence for repeatable ones). */
export type ConfigValues = Map<string, string[]>;

const REPEATABLE = new Set(['identityfile', 'certificatefile', 'localforward', 'remoteforward', 'dynamicforward', 'sendenv', 'setenv']);

export interface EvalInput {
  alias: string;
  localUser: string;
  home: string;
  /** The user's config file (usually <home>/.ssh/config). */
  configPath: string;
  cache?: ConfigFileCache;
}

interface State {
  input: EvalInput;
  cache: ConfigFileCache;
  values: ConfigValues;
  finalPass: boolean;
  wantFinal: boolean;
}

/** The arguments of a directive line as plain strings. */
export function lineArgs(value: string | { val: string }[]): string[] {
  return typeof value === 'string' ? [value] : value.map((v) => v.val);
}

export function evaluateConfig(input: EvalInput): ConfigValues {
  const state: State = { input, cache: input.cache ?? new ConfigFileCache(), values: new Map(), finalPass: false, wantFinal: false };
  readFile(state, input.configPath, true, false, 0);
  if (state.wantFinal) {
    state.finalPass = true;
    readFile(state, input.configPath, true, false, 0);
  }
  return state.values;
}

function readFile(state: State, path: string, active: boolean, neverMatch: boolean, depth: number): void {
  if (depth > MAX_INCLUDE_DEPTH) throw new IncludeDepthError(path);
  const lines = state.cache.read(path);
  if (!lines) return;
  readLines(state, lines, active, neverMatch, depth);
}

/** Returns the block state after these lines (a Host/Match line changes it for the lines that follow). */
function readLines(state: State, lines: readonly Line[], active: boolean, neverMatch: boolean, depth: number): boolean {
  let current = active;
  for (const line of lines) {
    if (!('param' in line)) continue;
    const name = line.param.toLowerCase();
    if (name === 'host' || name === 'match') {
      current = !neverMatch && (name === 'host' ? hostLineMatches(state, lineArgs(line.value)) : matchLineMatches(state, line));
      if ('config' in line) current = readLines(state, line.config, current, neverMatch, depth);
      continue;
    }
    if (name === 'include') {
      for (const arg of lineArgs(line.value)) {
        for (const p of includePaths(arg, state.input.home)) {
          // As readconf.c: an include under an inactive block never matches anything, and the included
          // file's Host/Match lines do not change the including block's state.
          readFile(state, p, current, neverMatch || !current, depth + 1);
        }
      }
      continue;
    }
    if (current) setValue(state, name, lineArgs(line.value));
  }
  return current;
}

function setValue(state: State, name: string, args: string[]): void {
  if (REPEATABLE.has(name)) {
    state.values.set(name, [...(state.values.get(name) ?? []), ...args]);
  } else if (!state.values.has(name)) {
    state.values.set(name, args);
  }
}

function hostLineMatches(state: State, patterns: string[]): boolean {
  return matchHostPatterns(patterns, state.input.alias) === 'match';
}

function matchLineMatches(state: State, line: Line): boolean {
  if (!('criteria' in line)) return false;
  const hostName = state.values.get('hostname')?.[0] ?? state.input.alias;
  const user = state.values.get('user')?.[0] ?? state.input.localUser;
  for (const [rawKey, rawValue] of Object.entries(line.criteria)) {
    const negate = rawKey.startsWith('!');
    const key = rawKey.replace(/^!/, '').toLowerCase();
    const arg = lineArgs(rawValue).join(',');
    let ok: boolean;
    switch (key) {
      case 'all': ok = true; break;
      case 'final': ok = state.finalPass; state.wantFinal = true; break;
      case 'canonical': ok = state.finalPass; break;
      case 'host': ok = matchHostPatterns(arg, hostName) === 'match'; break;
      case 'originalhost': ok = matchHostPatterns(arg, state.input.alias) === 'match'; break;
      case 'user': ok = matchHostPatterns(arg, user) === 'match'; break;
      case 'localuser': ok = matchHostPatterns(arg, state.input.localUser) === 'match'; break;
      default: ok = false; // exec, localnetwork, tagged: not evaluated (see the file comment)
    }
    if (negate ? ok : !ok) return false;
  }
  return true;
}
