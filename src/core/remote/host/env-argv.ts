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

