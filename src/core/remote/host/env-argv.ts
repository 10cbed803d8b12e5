/**
 * Environment for one remote command without a shell: `env K=V … program args`. `env` is POSIX, so the
 * variables travel inside the argv and the one quoting function still covers every byte.
 */
export function withEnv(env: Readonly<Record<string, string>>, argv: readonly string[]): string[] {
  const pairs = Object.entries(env);
  if (pairs.length === 0) return [...argv];
  for (const [k, v] of pairs) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) || /[\0\r\n]/.test(v)) throw new Error(`withEnv: bad variable ${JSON.stringify(k)}`);
  }
  return ['env', ...pairs.map(([k, v]) => `${k}=${v}`), ...argv];
}

/**
 * Sources shell environment files (CANN / NNAL `set_env.sh`) and then runs argv. The script is a constant; the
 * files and the argv are positional parameters, so no value is ever parsed as shell code.
 */
export function withSourcedFiles(files: readonly string[], argv: readonly string[]): string[] {
  if (files.length === 0) return [...argv];
  const script = 'n=$1; shift; while [ "$n" -gt 0 ]; do . "$1" || exit 1; shift; n=$((n-1)); done; exec "$@"';
  return ['sh', '-c', script, 'sh', String(files.length), ...files, ...argv];
}
