/**
 * The longest sequence vLLM accepts for a model, derived from its config.json the way vLLM's
 * `_get_and_verify_max_len` does (docs/vllm-arithmetic.md, "Derived max-model-len"):
 * the smallest of the length keys, `model_max_length` overriding; then the RoPE scaling factor applied for every
 * rope type except su/longrope/llama3 (yarn starts from original_max_position_embeddings); Gemma 3 is not scaled.
 * With max-model-len unset vLLM uses the derived length (LongRoPE: original_max_position_embeddings).
 */

/** Length keys vLLM reads, in its order; the smallest present wins. */
const LENGTH_KEYS = ['max_position_embeddings', 'n_positions', 'max_seq_len', 'seq_length', 'model_max_length',
  'max_target_positions', 'max_sequence_length', 'max_seq_length', 'seq_len'];

/** vLLM's fallback when config.json names no length (it logs a warning). */
const NO_KEY_DEFAULT = 2048;

export interface DerivedMaxLen {
  /** What a user-given max-model-len may not exceed. */
  limit: number;
  /** What vLLM uses when max-model-len is unset (or -1). */
  byDefault: number;
  /** The config.json key the length came from ('default' when none). */
  key: string;
  /** RoPE scaling applied, when any: type and factor. */
  rope?: { type: string; factor: number };
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** rope_parameters (Transformers v5) or rope_scaling (v4), as one list of per-layer-type dicts. */
function ropeList(c: Json): Json[] | undefined {
  const rp = isObj(c.rope_parameters) ? c.rope_parameters : isObj(c.rope_scaling) ? c.rope_scaling : undefined;
  if (!rp) return undefined;
  const values = Object.values(rp);
  const nested = values.length > 0 && values.every(isObj) && !('rope_type' in rp) && !('type' in rp);
  return nested ? (values as Json[]) : [rp];
}

/** The rope type after vLLM's legacy patching: `type` → `rope_type`, su → longrope, mrope → default. */
function ropeType(rp: Json): string {
  const raw = typeof rp.rope_type === 'string' ? rp.rope_type : typeof rp.type === 'string' ? rp.type : 'default';
  return raw === 'su' ? 'longrope' : raw === 'mrope' ? 'default' : raw;
}

export function derivedMaxModelLen(c: Json): DerivedMaxLen {
  let len = Infinity;
  let key = 'default';
  for (const k of LENGTH_KEYS) {
    const v = num(c[k]);
    if (v === undefined) continue;
    if (v < len) key = k;
    len = Math.min(len, v);
  }
  const mml = num(c.model_max_length);
  if (mml) { len = mml; key = 'model_max_length'; }
  if (len === Infinity) len = NO_KEY_DEFAULT;
  const list = ropeList(c);
  let rope: DerivedMaxLen['rope'];
  let longrope = false;
  const modelType = typeof c.model_type === 'string' ? c.model_type : '';
  if (list && !modelType.includes('gemma3')) {
    let factor: number | null = 1;
    let type = 'default';
    for (const rp of list) {
      const t = ropeType(rp);
      if (t === 'longrope') longrope = true;
      if (t === 'su' || t === 'longrope' || t === 'llama3') continue;
      type = t;
      if ('factor' in rp) factor = rp.factor === null ? null : num(rp.factor) ?? factor;
      if (t === 'yarn') {
        const orig = num(rp.original_max_position_embeddings) ?? num(c.original_max_position_embeddings);
        if (orig !== undefined) { len = orig; key = 'original_max_position_embeddings'; }
      }
    }
    const f = factor ?? 1;
    len *= f;
    if (f !== 1) rope = { type, factor: f };
  }
  const orig = num(c.original_max_position_embeddings);
  const byDefault = longrope && orig !== undefined ? Math.trunc(orig) : Math.trunc(len);
  return { limit: len, byDefault, key, rope };
}
