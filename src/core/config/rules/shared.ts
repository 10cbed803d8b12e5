/** Small pieces the semantic rules share: reading serve values, locating descriptor keys, adding serve keys. */
import type { Node } from 'yaml';
import type { Range, TextEdit } from '../../diagnostics';
import type { ConfigContext, Entry } from '../context';
import { dirOf, joinPath } from '../context';
import { insertKeysEdit, replaceEdit } from '../edits';
import { isHubId, modelFacts } from '../model-facts';
import type { ModelFacts } from '../model-facts';
import { findNode, findPair, nodeRange } from '../yaml-source';
import { styleKey } from '../keys';

export type Rule = (ctx: ConfigContext) => import('../../diagnostics').Finding[];

/** The key as written in this file (for ranges and edits). */
export function entry(ctx: ConfigContext, norm: string): Entry | undefined {
  return ctx.serve?.byNorm.get(norm);
}

/** The value vLLM gets for a serve key: this file's, merged with the descriptor / serve.config file when one applies. */
export function serveValue(ctx: ConfigContext, norm: string): unknown {
  return ctx.effective ? ctx.effective.get(norm) : entry(ctx, norm)?.value;
}

/** Is the serve key given anywhere vLLM reads it from? */
export function hasServeKey(ctx: ConfigContext, norm: string): boolean {
  return ctx.effective ? ctx.effective.has(norm) : entry(ctx, norm) !== undefined;
}

/** Where a finding about a serve key goes: the key in this file, else the descriptor's serve.config value. */
export function serveRange(ctx: ConfigContext, norm: string): Range | undefined {
  return entry(ctx, norm)?.valueRange ?? (ctx.serveFile ? deployRange(ctx, ['serve', 'config']) : undefined);
}

/** Integer value, accepting vLLM's human-readable forms (16k = 16000, 16K = 16384). */
export function intOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^-?\d+$/.test(s)) return Number(s);
  const m = /^(\d+(?:\.\d+)?)([kmgtKMGT])$/.exec(s);
  if (!m) return undefined;
  const lower = m[2] === m[2].toLowerCase();
  if (!lower && m[1].includes('.')) return undefined;
  const exp = 'kmgt'.indexOf(m[2].toLowerCase()) + 1;
  return Math.round(Number(m[1]) * (lower ? 1000 : 1024) ** exp);
}

export function numOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?(\d+\.?\d*|\.\d+)$/.test(v.trim())) return Number(v);
  return undefined;
}

export function strOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** Range of a descriptor value (or key) when the descriptor is this file. */
export function deployRange(ctx: ConfigContext, path: string[], part: 'key' | 'value' = 'value'): Range | undefined {
  if (!ctx.deploy?.inThisFile) return undefined;
  const root = ctx.src.doc?.contents;
  if (part === 'key') {
    const p = findPair(root, path);
    return p ? nodeRange(ctx.src, p.key as Node) : undefined;
  }
  return nodeRange(ctx.src, findNode(root, path));
}

export function deployValue(ctx: ConfigContext, path: string[]): unknown {
  let cur: unknown = ctx.deploy?.value;
  for (const s of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

/** An edit that sets a serve key: replaces its value, or adds the key where serve keys live. */
export function setServeKeyEdit(ctx: ConfigContext, norm: string, valueText: string): TextEdit | undefined {
  const e = entry(ctx, norm);
  if (e) return replaceEdit(e.valueRange, valueText);
  if (ctx.serve) return insertKeysEdit(ctx.serve, ctx.src, [`${styleKey(norm, ctx.serve.underscore)}: ${valueText}`]);
  if (ctx.kind === 'deploy' && ctx.deploy?.inThisFile && deployValue(ctx, ['serve']) === undefined) {
    return insertKeysEdit(undefined, ctx.src, ['serve:', `  ${norm}: ${valueText}`]);
  }
  return undefined;
}

/** Where a serve-level finding goes when its key is absent: the first serve key, the target chip, or the top. */
export function anchor(ctx: ConfigContext): Range {
  return ctx.serve?.entries[0]?.keyRange ?? deployRange(ctx, ['target', 'chip']) ?? deployRange(ctx, ['target'], 'key')
    ?? { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
}

export interface ModelRef {
  /** What the serve config or descriptor names (path or hub id). */
  name?: string;
  hubId?: string;
  facts?: ModelFacts;
  range?: Range;
}

export function modelOf(ctx: ConfigContext): ModelRef {
  const serveModel = strOf(serveValue(ctx, 'model'));
  const deployId = strOf(deployValue(ctx, ['model', 'id']));
  const hostPath = strOf(deployValue(ctx, ['model', 'hostPath']));
  const hubId = deployId ?? (serveModel && isHubId(serveModel) ? serveModel : undefined);
  const name = serveModel ?? hostPath ?? deployId;
  // A model path in the serve.config file is relative to where vLLM runs, not to the descriptor: look it up from
  // the file's folder too.
  const facts = modelFacts(ctx, name, hubId) ?? (ctx.serveFile && serveModel && !entry(ctx, 'model')
    ? modelFacts(ctx, joinPath(dirOf(ctx.serveFile.fileName), serveModel), hubId) : undefined);
  const range = entry(ctx, 'model')?.valueRange ?? deployRange(ctx, ['model', 'id']);
  return { name, hubId, facts, range };
}

export function tensorParallel(ctx: ConfigContext): { tp: number; entry?: Entry } {
  const e = entry(ctx, 'tensor-parallel-size');
  return { tp: intOf(serveValue(ctx, 'tensor-parallel-size')) ?? 1, entry: e };
}
