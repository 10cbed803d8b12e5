/** ASC120 `device` (removed from vLLM in v0.10), ASC121 additional-config keys vllm-ascend removed, by target. */
import type { Node } from 'yaml';
import type { Finding } from '../../diagnostics';
import { t } from '../../l10n/index';
import { deleteLinesEdit, entryLines } from '../edits';
import { Codes, docUrl } from '../rule-codes';
import { ascendSchema } from '../schemas';
import { atLeast } from '../../versions/version-tags';
import { mapPairs, nodeRange } from '../yaml-source';
import type { Rule } from './shared';
import { entry } from './shared';

export const removedKeys: Rule = (ctx) => {
  const out: Finding[] = [];
  const device = entry(ctx, 'device');
  if (device) {
    const [a, b] = entryLines(device.keyRange, device.valueRange);
    // --device: deprecated in vLLM PR #18399, removed in v0.10 (PR #21349); `npu` was never a value.
    const removed = atLeast(ctx.targetVersion, 'v0.10.0');
    out.push({
      range: device.keyRange, severity: 'error', code: Codes.removedKey, docUrl: docUrl[Codes.removedKey],
      message: removed
        ? t('"device" was removed in vLLM v0.10 (and "npu" was never a value): vllm-ascend is detected from the installed plugin. Delete the line.')
        : t('"device" never accepted "npu": vLLM detects the Ascend platform from the installed vllm-ascend plugin. Delete the line.'),
      fixes: [{ title: t('Delete "{0}"', device.key), edits: [deleteLinesEdit(a, b)] }],
    });
  }
  const ac = entry(ctx, 'additional-config');
  // Given as a JSON string (as on the command line): report removed keys on the string.
  if (ac && typeof ac.value === 'string') {
    let parsed: unknown;
    try { parsed = JSON.parse(ac.value); } catch { parsed = undefined; }
    const props = ascendSchema(undefined, ctx.targetVersion).properties ?? {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const key of Object.keys(parsed)) {
        const since = Object.prototype.hasOwnProperty.call(props, key) ? props[key]['x-removedIn'] : undefined;
        if (!since || !atLeast(ctx.targetVersion, since)) continue;
        out.push({
          range: ac.valueRange, severity: 'error', code: Codes.removedAscendKey, docUrl: props[key]['x-doc'] ?? docUrl[Codes.removedAscendKey],
          message: t('additional-config "{0}" was removed in vllm-ascend {1} (target {2}).', key, since, ctx.targetVersion),
        });
      }
    }
  }
  if (ac?.pair.value) {
    const props = ascendSchema(undefined, ctx.targetVersion).properties ?? {};
    for (const { key, pair } of mapPairs(ac.pair.value)) {
      const def = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : undefined;
      const since = def?.['x-removedIn'];
      if (!since || !atLeast(ctx.targetVersion, since)) continue;
      const keyRange = nodeRange(ctx.src, pair.key as Node) ?? ac.keyRange;
      const valueRange = nodeRange(ctx.src, pair.value) ?? keyRange;
      const [a, b] = entryLines(keyRange, valueRange);
      out.push({
        range: keyRange, severity: 'error', code: Codes.removedAscendKey, docUrl: def?.['x-doc'] ?? docUrl[Codes.removedAscendKey],
        message: def?.['x-replacement']
          ? t('additional-config "{0}" was removed in vllm-ascend {1} (target {2}). Instead: {3}.', key, since, ctx.targetVersion, def['x-replacement'])
          : t('additional-config "{0}" was removed in vllm-ascend {1} (target {2}).', key, since, ctx.targetVersion),
        fixes: [{ title: t('Delete "{0}"', key), edits: [deleteLinesEdit(a, b)] }],
      });
    }
  }
  return out;
};
