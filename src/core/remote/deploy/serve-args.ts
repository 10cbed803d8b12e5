/**
 * `serve` (vLLM engine args, inline or from the `serve.config` file) → the `vllm serve` argv run inside the
 * container. The conversion follows vLLM's own config-file loader at v0.23.0 (docs/ascend-facts.md §2): `k: true` →
 * `--k`; `k: false` → nothing (write `no-k: true` to switch a default-on flag off); a list → `--k v1 v2`; a
 * mapping → `--k '<json>'`; anything else → `--k value`. `_` in key names becomes `-`.
 * The model is the mounted folder (positional); `host` is always 0.0.0.0 inside the container so docker's
 * publish reaches it; `port` is the container port (8000 by default, vLLM's default).
 */
import { t } from '../../l10n/index';
import type { ServeValue } from '../../descriptor/types';
import { PlanError } from '../../host-command/plan-error';
import { SECRET_SERVE_KEYS } from './secret-env';

export interface ServeCommand {
  argv: string[];
  containerPort: number;
  /** The name `/v1/models` lists: the first served-model-name, else the model path (vLLM's default). */
  servedModelName: string;
  /** Secret serve keys (`api-key`), as the environment variables vLLM reads instead: never in argv. */
  secretEnv: Array<[string, string]>;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
/** Keys the plan sets itself. */
const OWN = new Set(['model', 'host', 'port', 'config']);

function scalar(key: string, v: ServeValue): string {
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new PlanError('bad-serve-value', t('serve.{0} has a value vLLM cannot take.', key));
}

function portOf(v: ServeValue | undefined): number {
  if (v === undefined || v === null) return 8000;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new PlanError('bad-serve-value', t('serve.port must be a port number from 1 to 65535.'));
  return n;
}

export function serveCommand(serve: Record<string, ServeValue>, modelPath: string, opts: { quantized: boolean }): ServeCommand {
  const norm = new Map<string, ServeValue>();
  for (const [k, v] of Object.entries(serve)) {
    if (!KEY.test(k)) throw new PlanError('bad-serve-value', t('serve key {0} is not a vLLM option name.', JSON.stringify(k)));
    norm.set(k.replace(/_/g, '-'), v);
  }
  const containerPort = portOf(norm.get('port'));
  const argv = ['vllm', 'serve', modelPath, '--host', '0.0.0.0', '--port', String(containerPort)];
  let served: string | undefined;
  const secretEnv: Array<[string, string]> = [];
  for (const [k, v] of norm) {
    if (OWN.has(k) || v === null || v === false) continue;
    if (SECRET_SERVE_KEYS[k]) {
      secretEnv.push([SECRET_SERVE_KEYS[k], scalar(k, Array.isArray(v) ? v[0] : v)]);
      continue;
    }
    if (v === true) {
      argv.push(`--${k}`);
    } else if (Array.isArray(v)) {
      if (v.length === 0) continue;
      argv.push(`--${k}`, ...v.map((x) => scalar(k, x)));
      if (k === 'served-model-name') served = scalar(k, v[0]);
    } else {
      argv.push(`--${k}`, scalar(k, v));
      if (k === 'served-model-name') served = scalar(k, v);
    }
  }
  // msModelSlim weights need `--quantization ascend` on older releases; newer ones detect them but accept the
  // flag (docs/ascend-facts.md §2, §3 "Serving").
  if (opts.quantized && !norm.has('quantization')) argv.push('--quantization', 'ascend');
  return { argv, containerPort, servedModelName: served ?? modelPath, secretEnv };
}
