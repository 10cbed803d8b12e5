/** Hover on a keyword argument of SamplingParams(…) / LLM(…) / EngineArgs(…) in Python: what it is and where to read. */
import { t } from '../core/l10n/index';
import { ENGINE_ARG_NAMES } from '../core/python/engine-arg-names';
import { findCalls } from '../core/python/python-calls';
import { tokenize } from '../core/python/python-tokens';
import { SAMPLING_PARAMS_FIELDS } from '../core/python/sampling-params-fields';
import { DOCS } from '../core/shell/doc-links';

const CALLS = new Set(['SamplingParams', 'LLM', 'EngineArgs', 'AsyncEngineArgs']);
const SAMPLING = new Set(SAMPLING_PARAMS_FIELDS);
const ENGINE = new Set(ENGINE_ARG_NAMES);

export function pythonKeywordHover(text: string, line: number, column: number): string | null {
  for (const call of findCalls(tokenize(text), CALLS)) {
    for (const kw of call.keywords) {
      const n = kw.name;
      if (n.line !== line || column < n.column || column > n.endColumn) continue;
      if (call.callee.text === 'SamplingParams' && SAMPLING.has(n.text)) {
        return `**\`${n.text}\`** · ${t('SamplingParams field (vLLM sampling_params.py)')}\n\n[${DOCS.samplingParams}](${DOCS.samplingParams})`;
      }
      if (call.callee.text !== 'SamplingParams' && ENGINE.has(n.text)) {
        const flag = `--${n.text.replace(/_/g, '-')}`;
        return `**\`${n.text}\`** (\`${flag}\`) · ${t('vLLM engine argument')}\n\n[${DOCS.engineArgs}](${DOCS.engineArgs})`;
      }
      return null;
    }
  }
  return null;
}
