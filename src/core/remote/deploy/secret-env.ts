/**
 * Secrets of a deployment never reach an argv (visible in `ps` on the host and in `docker inspect`'s Args), the
 * deployment record, the pending marker, the logs or `deploy --json` (docs/deploy-safety.md):
 * - `runtime.env` values whose names look secret (`*_TOKEN`, `*_KEY`, `*SECRET*`, `*PASSWORD*`, e.g. HF_TOKEN)
 *   and `serve.api-key` (which vLLM also reads from VLLM_API_KEY when --api-key is absent: docs/deploy-safety.md)
 *   go into an env file that docker reads (`--env-file`), written on the host with umask 077;
 * - container output shown to the user (the last log lines of a failed deploy) has the secret values
 *   replaced by `***` ({@link redactText}).
 */

/** Environment variable names that hold secrets. */
export function isSecretName(name: string): boolean {
  return /(?:^|_)(?:TOKEN|KEY)$|SECRET|PASSWORD|PASSWD|CREDENTIAL/i.test(name);
}

/** Serve keys that are secrets, and the variable vLLM reads instead. */
export const SECRET_SERVE_KEYS: Readonly<Record<string, string>> = { 'api-key': 'VLLM_API_KEY' };

/** The text of a docker env file: one `K=V` per line (docker takes the rest of the line verbatim). */
export function envFileText(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([k, v]) => `${k}=${v}\n`).join('');
}

export const REDACTED = '***';

/** Every occurrence of each secret value in `text` replaced by `***` (values shorter than 4 are left alone). */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(REDACTED);
  return out;
}
