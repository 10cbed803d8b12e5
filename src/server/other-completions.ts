/**
 * Completion outside config files: keyword arguments inside SamplingParams(…) / LLM(…) / EngineArgs(…) in Python,
 * and official base images after FROM in a Dockerfile.
 */
import { classifyOtherDocument } from '../core/document-rules';
import { t } from '../core/l10n/index';
import { ENGINE_ARG_NAMES } from '../core/python/engine-arg-names';
import { SAMPLING_PARAMS_FIELDS } from '../core/python/sampling-params-fields';
import { cannBaseImage, parseTarget } from '../core/versions/target-version';
import type { ConfigCompletion } from '../core/config/index';

/** The name before the innermost unclosed `(` before `offset`, ignoring strings and comments roughly. */
export function enclosingCall(text: string, offset: number): string | undefined {
  let depth = 0;
  const from = Math.max(0, offset - 20000);
  for (let i = offset - 1; i >= from; i--) {
    const c = text[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) {
        const m = /([A-Za-z_]\w*)\s*$/.exec(text.slice(Math.max(0, i - 100), i));
        return m?.[1];
      }
      depth--;
    }
  }
  return undefined;
}

function pythonCompletions(text: string, offset: number): ConfigCompletion[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (!/(?:^|[(,\s])[A-Za-z_]*$/.test(before) || /=\s*[A-Za-z_]*$/.test(before)) return [];
  const callee = enclosingCall(text, offset);
  const names = callee === 'SamplingParams'
    ? SAMPLING_PARAMS_FIELDS.filter((f) => !f.startsWith('_'))
    : callee === 'LLM' || callee === 'EngineArgs' || callee === 'AsyncEngineArgs' ? ENGINE_ARG_NAMES : [];
  const detail = callee === 'SamplingParams' ? t('SamplingParams field (vLLM sampling_params.py)') : t('vLLM engine argument');
  return names.map((n) => ({ label: n, kind: 'key', detail, insertText: `${n}=` }));
}

function dockerfileCompletions(text: string, offset: number, targetVersion: string | undefined): ConfigCompletion[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (!/^\s*FROM\s+(?:--platform=\S+\s+)?\S*$/i.test(text.slice(lineStart, offset))) return [];
  const target = parseTarget(targetVersion);
  const suffixes: Array<[string, string]> = [
    ['', t('Atlas A2 (910B), Ubuntu')],
    ['-openeuler', t('Atlas A2 (910B), openEuler')],
    ['-a3', t('Atlas A3, Ubuntu')],
    ['-310p', t('Atlas 300I Duo (310P), Ubuntu')],
  ];
  const items: ConfigCompletion[] = suffixes.map(([s, d], i) => ({
    label: `quay.io/ascend/vllm-ascend:${target.tag}${s}`,
    kind: 'value',
    detail: d,
    insertText: `quay.io/ascend/vllm-ascend:${target.tag}${s}`,
    sortText: String(i),
  }));
  const cann = cannBaseImage(target);
  if (cann) items.push({ label: cann, kind: 'value', detail: t('CANN base image that vllm-ascend {0} builds on', target.tag), insertText: cann, sortText: '9' });
  return items;
}

export function otherCompletions(fileName: string, text: string, offset: number, targetVersion?: string): ConfigCompletion[] {
  const kind = classifyOtherDocument(fileName);
  if (kind === 'python') return pythonCompletions(text, offset);
  if (kind === 'dockerfile') return dockerfileCompletions(text, offset, targetVersion);
  return [];
}
