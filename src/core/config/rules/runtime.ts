/**
 * ASC170 inside the container the visible NPU ids restart at 0: ASCEND_RT_VISIBLE_DEVICES, if set, holds only
 * 0…n-1 for the n NPUs of runtime.npus (docs/contracts.md §1). ASC171 a server bound to 127.0.0.1 inside a bridged
 * container cannot be reached through docker's port publishing.
 */
import type { Finding } from '../../diagnostics';
import { t } from '../../l10n/index';
import { replaceEdit } from '../edits';
import { Codes, docUrl } from '../rule-codes';
import type { Rule } from './shared';
import { deployRange, deployValue, entry, strOf } from './shared';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const runtime: Rule = (ctx) => {
  const out: Finding[] = [];
  const vis = deployValue(ctx, ['runtime', 'env', 'ASCEND_RT_VISIBLE_DEVICES']);
  const visRange = deployRange(ctx, ['runtime', 'env', 'ASCEND_RT_VISIBLE_DEVICES']);
  const n = ctx.npus?.length;
  if (vis !== undefined && visRange && n) {
    const ids = String(vis).split(',').map((s) => s.trim()).filter(Boolean);
    const bad = ids.filter((s) => !/^\d+$/.test(s) || Number(s) >= n);
    if (bad.length) {
      const right = Array.from({ length: n }, (_, i) => i).join(',');
      out.push({
        range: visRange, severity: 'error', code: Codes.visibleDevices, docUrl: docUrl[Codes.visibleDevices],
        message: t('ASCEND_RT_VISIBLE_DEVICES uses ids inside the container, which restart at 0: with {0} NPUs use {1}, not {2}.', String(n), right, String(vis)),
        fixes: [{ title: t('Change to "{0}"', right), edits: [replaceEdit(visRange, `"${right}"`)] }],
      });
    }
  }
  // serve.config must name a YAML file that exists (checked only when the workspace can be read).
  const ref = strOf(deployValue(ctx, ['serve', 'config']));
  const refRange = deployRange(ctx, ['serve', 'config']);
  if (ref && refRange && ctx.workspaceFiles && /\.ya?ml$/i.test(ref) && ctx.workspaceFiles(ctx.resolve(ref)) === undefined) {
    out.push({
      range: refRange, severity: 'warning', code: Codes.serveConfigMissing, docUrl: docUrl[Codes.serveConfigMissing],
      message: t('serve.config names {0}, which is not in the workspace.', ref),
    });
  }
  const host = entry(ctx, 'host');
  if (ctx.deploy && host && LOOPBACK.has(strOf(host.value) ?? '')) {
    out.push({
      range: host.valueRange, severity: 'error', code: Codes.hostLoopback, docUrl: docUrl[Codes.hostLoopback],
      message: t('host {0} inside a bridged container makes the server unreachable: docker publishes to the container\'s own address. Listen on 0.0.0.0 and choose the host side with runtime.publish.address.', String(host.value)),
      fixes: [{ title: t('Change to "{0}"', '0.0.0.0'), edits: [replaceEdit(host.valueRange, '0.0.0.0')] }],
    });
  }
  return out;
};
