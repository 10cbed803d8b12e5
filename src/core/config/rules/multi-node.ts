/**
 * ASC200-ASC205: a multi-node descriptor (`target.hosts` + `runtime.parallel`, docs/multi-node.md §2-3).
 * ASC200 the data-parallel ranks of the nodes (dpLocal × nodes, or the dpLocal list) must add up to dp;
 * ASC201 each node's dpLocal × tp must fit its NPUs (runtime.npus, else the chip's devices per node), and dp × tp
 *        should use them all;
 * ASC202 tp must divide the attention heads and the KV heads;
 * ASC203 per-NPU memory: weights ÷ (dp × tp) with expert parallel (the MoE experts dominate DeepSeek-V3/R1),
 *        else ÷ tp, plus one max-model-len sequence of MLA cache, within HBM × gpu-memory-utilization;
 * ASC204 the plan sets the parallel and data-parallel vLLM flags itself, so serve must not;
 * ASC205 hosts without parallel (or parallel without hosts).
 */
import type { Finding, Range } from '../../diagnostics';
import { t } from '../../l10n/index';
import { chipFacts } from '../hardware';
import { replaceEdit } from '../edits';
import { Codes, docUrl } from '../rule-codes';
import { atLeast } from '../../versions/version-tags';
import type { Rule } from './shared';
import { anchor, deployRange, deployValue, entry, intOf, modelOf, numOf, strOf } from './shared';

const GiB = 1024 ** 3;
const gib = (b: number): string => (b / GiB).toFixed(1);
/** Logical devices per node: Atlas 800 A2 has 8 NPUs, A3 8 cards × 2 dies (docs/multi-node.md §3). */
const DEVICES_PER_NODE: Record<string, number> = { A2: 8, A3: 16 };
const WEIGHT_BYTES: Record<string, number> = { w8a8: 1, w8a8s: 1, w8a8c8: 1, w8a16: 1, w4a8: 0.5, w4a8c8: 0.5, w4a16: 0.5, w16a16s: 2 };
const PLAN_KEYS = ['tensor-parallel-size', 'data-parallel-size', 'data-parallel-size-local', 'data-parallel-start-rank',
  'data-parallel-address', 'data-parallel-rpc-port', 'headless', 'enable-expert-parallel', 'pipeline-parallel-size'];

function finding(code: string, range: Range, severity: Finding['severity'], message: string, fixes?: Finding['fixes']): Finding {
  return { range, severity, code, docUrl: docUrl[code], message, ...(fixes ? { fixes } : {}) };
}

function ints(v: unknown): number[] | undefined {
  return Array.isArray(v) && v.every((n) => Number.isInteger(n)) ? (v as number[]) : undefined;
}

export const multiNode: Rule = (ctx) => {
  const out: Finding[] = [];
  if (ctx.kind !== 'deploy' || !ctx.deploy) return out;
  const hosts = deployValue(ctx, ['target', 'hosts']);
  const par = deployValue(ctx, ['runtime', 'parallel']);
  const here = (path: string[]): Range => deployRange(ctx, path) ?? anchor(ctx);
  const hostList = Array.isArray(hosts) ? hosts : undefined;
  if (!par || typeof par !== 'object') {
    if (hostList) out.push(finding(Codes.multiNodeMissing, deployRange(ctx, ['target', 'hosts'], 'key') ?? anchor(ctx), 'error', t('target.hosts names {0} nodes but runtime.parallel is missing: set dp (data-parallel ranks over all nodes), dpLocal and tp, e.g. the tutorial\'s dp: 4, dpLocal: 2, tp: 4.', String(hostList.length))));
    return out;
  }
  if (!hostList) {
    out.push(finding(Codes.multiNodeMissing, deployRange(ctx, ['runtime', 'parallel'], 'key') ?? anchor(ctx), 'error', t('runtime.parallel needs target.hosts: list the nodes\' SSH aliases, the head first.')));
    return out;
  }
  const p = par as Record<string, unknown>;
  const nodes = hostList.length;
  const dp = intOf(p.dp);
  const tp = intOf(p.tp) ?? 1;
  const ep = p.ep === true;
  if (dp === undefined) return out;
  // ASC200
  const list = ints(p.dpLocal);
  const one = intOf(p.dpLocal);
  const locals = list ?? (one !== undefined ? Array.from({ length: nodes }, () => one) : dp % nodes === 0 ? Array.from({ length: nodes }, () => dp / nodes) : undefined);
  const dpRange = here(['runtime', 'parallel', 'dp']);
  if (!locals) {
    out.push(finding(Codes.multiNodeDp, dpRange, 'error', t('dp {0} does not divide evenly over {1} nodes: set dpLocal per node (a list), or a dp that is a multiple of {1}.', String(dp), String(nodes))));
    return out;
  }
  if (locals.length !== nodes) {
    out.push(finding(Codes.multiNodeDp, here(['runtime', 'parallel', 'dpLocal']), 'error', t('dpLocal lists {0} nodes, but target.hosts has {1}.', String(locals.length), String(nodes))));
    return out;
  }
  const sum = locals.reduce((a, b) => a + b, 0);
  if (sum !== dp) {
    out.push(finding(Codes.multiNodeDp, dpRange, 'error', t('dp is {0}, but the {1} nodes run {2} data-parallel ranks (dpLocal × nodes): vLLM needs --data-parallel-size to be the sum of every node\'s --data-parallel-size-local.', String(dp), String(nodes), String(sum)),
      [{ title: t('Set dp to {0}', String(sum)), edits: [replaceEdit(dpRange, String(sum))] }]));
  }
  // ASC201
  const family = chipFacts(ctx.chip)?.family;
  const perNode = ctx.npus?.length ?? (family ? DEVICES_PER_NODE[family] : undefined);
  const tpRange = p.tp !== undefined ? here(['runtime', 'parallel', 'tp']) : dpRange;
  if (perNode !== undefined) {
    const worst = Math.max(...locals);
    if (worst * tp > perNode) {
      out.push(finding(Codes.multiNodeNpus, tpRange, 'error', t('A node runs dpLocal {0} × tp {1} = {2} NPUs, but has {3} ({4}).', String(worst), String(tp), String(worst * tp), String(perNode), ctx.npus ? t('runtime.npus') : String(ctx.chip))));
    } else if (sum * tp < perNode * nodes) {
      out.push(finding(Codes.multiNodeNpus, tpRange, 'warning', t('dp {0} × tp {1} uses {2} of the {3} NPUs on {4} nodes; the rest stay idle.', String(sum), String(tp), String(sum * tp), String(perNode * nodes), String(nodes))));
    }
  }
  // ASC202
  const model = modelOf(ctx);
  const f = model.facts;
  if (f?.heads && f.heads % tp !== 0) {
    out.push(finding(Codes.multiNodeHeads, tpRange, 'error', t('Total number of attention heads ({0}) must be divisible by tensor parallel size ({1}); {2} has {0} heads (source: {3}).', String(f.heads), String(tp), f.id, f.source)));
  } else if (f?.kvHeads && f.kvHeads % tp !== 0 && tp % f.kvHeads !== 0) {
    out.push(finding(Codes.multiNodeHeads, tpRange, 'error', t('tp {0} must divide the {1} KV heads of {2} (or be a multiple of them) (source: {3}).', String(tp), String(f.kvHeads), f.id, f.source)));
  }
  // ASC204
  for (const k of PLAN_KEYS) {
    const e = entry(ctx, k);
    if (e) out.push(finding(Codes.multiNodeServeKey, e.keyRange, 'error', t('serve.{0} is set from runtime.parallel on a multi-node deploy; remove it from serve.', k)));
  }
  // ASC203
  const hbmMiB = chipFacts(ctx.chip)?.hbmMiB;
  if (!f || !hbmMiB || !f.params) return out;
  const scheme = strOf(deployValue(ctx, ['quantization', 'scheme']))?.toLowerCase();
  const bytes = scheme && Object.hasOwn(WEIGHT_BYTES, scheme) ? WEIGHT_BYTES[scheme] : f.checkpointBytes ? f.checkpointBytes / f.params : 2;
  const weights = f.params * bytes;
  const split = ep && f.moe ? sum * tp : tp;
  const perNpu = weights / split;
  const hbm = hbmMiB * 1024 * 1024;
  const gmu = numOf(entry(ctx, 'gpu-memory-utilization')?.value) ?? (atLeast(ctx.targetVersion, 'v0.23.0') ? 0.92 : 0.9);
  const budget = hbm * gmu;
  const len = intOf(entry(ctx, 'max-model-len')?.value) ?? f.maxPositions;
  const kvPerSeq = f.layers && f.mlaDim && len ? f.layers * f.mlaDim * 2 * len : 0;
  if (perNpu + kvPerSeq > budget) {
    out.push(finding(Codes.multiNodeMemory, tpRange, 'error', kvPerSeq > 0 && perNpu <= budget
      ? t('Each NPU holds about {0} GiB of weights ({1} GiB ÷ {2}) plus {3} GiB of MLA cache for one {4}-token sequence, more than the {5} GiB vLLM may use: lower max-model-len or add nodes.', gib(perNpu), gib(weights), String(split), gib(kvPerSeq), String(len), gib(budget))
      : t('Each NPU holds about {0} GiB of weights ({1} GiB ÷ {2}), more than the {3} GiB vLLM may use: {4}.', gib(perNpu), gib(weights), String(split), gib(budget), ep || !f.moe ? t('add nodes or quantize') : t('set ep: true to spread the experts over all dp × tp NPUs'))));
  }
  return out;
};
