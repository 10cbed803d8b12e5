/**
 * What the rules know about a model: attention heads, KV heads, layers, the length vLLM derives, size.
 * First from the model's config.json when it is in the workspace, else from a table of DeepSeek models
 * (docs/ascend-facts.md §5: DeepSeek-Coder and DeepSeek-Coder-V2 READMEs, VA FAQ Q13, msModelSlim examples,
 * THU-KEG/AdaptThink#1; RoPE scaling and MLA sizes: docs/vllm-arithmetic.md). Where a source is missing,
 * the field is left out, never guessed.
 */
import type { ConfigContext } from './context';
import { derivedMaxModelLen, type DerivedMaxLen } from './max-model-len';

export interface ModelFacts {
  id: string;
  /** Parameters (total, for MoE). */
  params?: number;
  heads?: number;
  kvHeads?: number;
  layers?: number;
  headDim?: number;
  maxPositions?: number;
  /** The length vLLM derives from config.json (RoPE scaling applied), when known. */
  maxLen?: DerivedMaxLen;
  /** MLA latent size per token and layer (kv_lora_rank + qk_rope_head_dim), when the model uses MLA. */
  mlaDim?: number;
  moe?: boolean;
  /** Checkpoint size in bytes (model.safetensors.index.json metadata.total_size). */
  checkpointBytes?: number;
  torchDtype?: string;
  source: string;
}

const TABLE_SOURCE = 'docs/ascend-facts.md §5 (DeepSeek-Coder / DeepSeek-Coder-V2 READMEs)';

interface Row {
  params: number; heads?: number; kvHeads?: number; maxPositions?: number; moe: boolean;
  /** config.json fields that set the derived length and the MLA KV size, where a published config.json was read. */
  config?: Record<string, unknown>;
}

/** DeepSeek-Coder 1.3B / 6.7B config.json: 16384 positions, linear RoPE scaling ×4 (docs/vllm-arithmetic.md). */
const CODER_ROPE = { max_position_embeddings: 16384, rope_scaling: { factor: 4.0, type: 'linear' } };
/** DeepSeek-V3 / R1 config.json: 61 layers, MLA (kv_lora_rank 512 + qk_rope_head_dim 64), YaRN ×40 from 4096. */
const V3_CONFIG = {
  model_type: 'deepseek_v3', num_hidden_layers: 61, kv_lora_rank: 512, qk_rope_head_dim: 64, max_position_embeddings: 163840,
  rope_scaling: { type: 'yarn', factor: 40, original_max_position_embeddings: 4096 },
};
const rows: Record<string, Row> = {
  'deepseek-coder-1.3b-base': { params: 1.3e9, heads: 16, kvHeads: 16, maxPositions: 16384, moe: false, config: CODER_ROPE },
  'deepseek-coder-1.3b-instruct': { params: 1.3e9, heads: 16, kvHeads: 16, maxPositions: 16384, moe: false, config: CODER_ROPE },
  'deepseek-coder-5.7bmqa-base': { params: 5.7e9, maxPositions: 16384, moe: false },
  'deepseek-coder-5.7bmqa-instruct': { params: 5.7e9, maxPositions: 16384, moe: false },
  // Heads of 6.7b / 33b are "not verified" in the facts: left out. 5.7bmqa / 33b: RoPE scaling not read, so no
  // derived length (vLLM would scale 16384 by it): their length is not checked from the table.
  'deepseek-coder-6.7b-base': { params: 6.7e9, maxPositions: 16384, moe: false, config: CODER_ROPE },
  'deepseek-coder-6.7b-instruct': { params: 6.7e9, maxPositions: 16384, moe: false, config: CODER_ROPE },
  'deepseek-coder-33b-base': { params: 33e9, maxPositions: 16384, moe: false },
  'deepseek-coder-33b-instruct': { params: 33e9, maxPositions: 16384, moe: false },
  'DeepSeek-Coder-V2-Lite-Base': { params: 16e9, heads: 16, moe: true },
  'DeepSeek-Coder-V2-Lite-Instruct': { params: 16e9, heads: 16, moe: true },
  'DeepSeek-Coder-V2-Base': { params: 236e9, moe: true },
  'DeepSeek-Coder-V2-Instruct': { params: 236e9, moe: true },
  'DeepSeek-V2-Lite': { params: 16e9, heads: 16, moe: true },
  'DeepSeek-V2-Lite-Chat': { params: 16e9, heads: 16, moe: true },
  'DeepSeek-V3': { params: 671e9, heads: 128, kvHeads: 128, maxPositions: 163840, moe: true, config: V3_CONFIG },
  'DeepSeek-R1': { params: 671e9, heads: 128, kvHeads: 128, maxPositions: 163840, moe: true, config: V3_CONFIG },
  'DeepSeek-R1-Distill-Qwen-1.5B': { params: 1.5e9, moe: false },
  'DeepSeek-R1-Distill-Qwen-7B': { params: 7e9, heads: 28, moe: false },
  'DeepSeek-R1-Distill-Qwen-14B': { params: 14e9, moe: false },
  'DeepSeek-R1-Distill-Qwen-32B': { params: 32e9, moe: false },
  'DeepSeek-R1-Distill-Llama-8B': { params: 8e9, moe: false },
  'DeepSeek-R1-Distill-Llama-70B': { params: 70e9, moe: false },
};

/** Ids the article uses that exist in no source (docs/ascend-facts.md §8). */
export const NONEXISTENT = new Set(['deepseek-ai/deepseek-6b', 'deepseek-ai/deepseek-13b']);

export const KNOWN_IDS = Object.keys(rows).map((n) => `deepseek-ai/${n}`);

export function tableFacts(id: string): ModelFacts | undefined {
  const lower = id.toLowerCase();
  const name = Object.keys(rows).find((n) => `deepseek-ai/${n}`.toLowerCase() === lower || n.toLowerCase() === lower);
  if (!name) return undefined;
  const r = rows[name];
  const c = r.config;
  return {
    id: `deepseek-ai/${name}`, params: r.params, heads: r.heads, kvHeads: r.kvHeads, maxPositions: r.maxPositions, moe: r.moe,
    maxLen: c ? derivedMaxModelLen(c) : undefined,
    layers: num(c?.num_hidden_layers),
    mlaDim: mlaDimOf(c ?? {}),
    source: TABLE_SOURCE,
  };
}

/** Looks like a hub id (org/name), not a path. */
export function isHubId(s: string): boolean {
  return /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(s) && !s.startsWith('.');
}

/** Real models offered as replacements (docs/ascend-facts.md §8): coder sizes first, base before instruct. */
const SUGGESTIONS = [
  'deepseek-coder-1.3b-base', 'deepseek-coder-1.3b-instruct', 'deepseek-coder-6.7b-base', 'deepseek-coder-6.7b-instruct',
  'deepseek-coder-33b-base', 'deepseek-coder-33b-instruct', 'DeepSeek-Coder-V2-Lite-Base', 'DeepSeek-R1-Distill-Qwen-1.5B',
  'DeepSeek-R1-Distill-Qwen-7B', 'DeepSeek-R1-Distill-Qwen-14B', 'DeepSeek-R1-Distill-Qwen-32B',
].map((n) => `deepseek-ai/${n}`);

/** Closest real models to an id that does not exist: by the size named in it, else the coder models. */
export function suggestModels(id: string, limit = 3): string[] {
  const name = id.split('/').pop() ?? id;
  const size = /(\d+(?:\.\d+)?)\s*b\b/i.exec(name.replace(/-/g, ' '));
  if (!size) return SUGGESTIONS.slice(0, limit);
  const want = Number(size[1]) * 1e9;
  const dist = (k: string): number => Math.round(Math.abs(Math.log((tableFacts(k)?.params ?? 1) / want)) * 100);
  return SUGGESTIONS.map((k, i) => [k, dist(k), i] as const).sort((a, b) => a[1] - b[1] || a[2] - b[2]).slice(0, limit).map((s) => s[0]);
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** MLA models cache one latent per token and layer: kv_lora_rank + qk_rope_head_dim (vLLM's MLA head size). */
function mlaDimOf(c: Record<string, unknown>): number | undefined {
  const kvLora = num(c.kv_lora_rank);
  return kvLora !== undefined ? kvLora + (num(c.qk_rope_head_dim) ?? 0) : undefined;
}

/** Where a model's config.json may sit in the workspace, for a model path or id. */
function candidates(model: string): string[] {
  const clean = model.replace(/^\.\//, '').replace(/\/+$/, '');
  const base = clean.split('/').pop() ?? clean;
  const out = [clean, base, `models/${base}`];
  return [...new Set(out)].filter(Boolean);
}

export function readJson(ctx: ConfigContext, rel: string): Record<string, unknown> | undefined {
  // Relative to the config file first, then as a workspace path.
  const text = (rel.startsWith('/') ? undefined : ctx.workspaceFiles?.(ctx.resolve(rel))) ?? ctx.workspaceFiles?.(rel);
  if (!text) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Folder of the model in the workspace (where config.json was found), if any. */
export function modelDir(ctx: ConfigContext, model: string): string | undefined {
  if (!ctx.workspaceFiles) return undefined;
  return candidates(model).find((dir) => readJson(ctx, `${dir}/config.json`) !== undefined);
}

export function modelFacts(ctx: ConfigContext, model: string | undefined, hubId?: string): ModelFacts | undefined {
  const dirs = [model, hubId].filter((m): m is string => !!m);
  for (const m of dirs) {
    const dir = modelDir(ctx, m);
    if (!dir) continue;
    const c = readJson(ctx, `${dir}/config.json`) ?? {};
    const idx = readJson(ctx, `${dir}/model.safetensors.index.json`);
    const meta = idx && typeof idx.metadata === 'object' && idx.metadata ? (idx.metadata as Record<string, unknown>) : undefined;
    const heads = num(c.num_attention_heads);
    const hidden = num(c.hidden_size);
    const table = tableFacts(hubId ?? m);
    return {
      id: hubId ?? m,
      heads,
      kvHeads: num(c.num_key_value_heads) ?? heads,
      layers: num(c.num_hidden_layers),
      headDim: num(c.head_dim) ?? (heads && hidden ? hidden / heads : undefined),
      maxPositions: num(c.max_position_embeddings),
      maxLen: derivedMaxModelLen(c),
      mlaDim: mlaDimOf(c),
      moe: c.n_routed_experts !== undefined || c.num_experts !== undefined || c.num_local_experts !== undefined,
      checkpointBytes: num(meta?.total_size),
      params: table?.params,
      torchDtype: typeof c.torch_dtype === 'string' ? c.torch_dtype : undefined,
      source: `${dir}/config.json`,
    };
  }
  for (const m of dirs) {
    const f = tableFacts(m);
    if (f) return f;
  }
  return undefined;
}
