/**
 * Checks Python for the article's vLLM mistakes: keyword arguments of SamplingParams(...), LLM(...) and
 * EngineArgs(...), and model ids given to LLM/EngineArgs/from_pretrained.
 */
import type { Finding, QuickFix } from '../diagnostics';
import { t } from '../l10n/index';
import { DOCS } from '../shell/doc-links';
import { atLeast, parseTarget, type TargetVersion } from '../versions/target-version';
import { nearest } from './did-you-mean';
import { ENGINE_ARG_NAMES } from './engine-arg-names';
import { serveDef } from '../config/schemas';
import { appendKeyword, removeKeyword, renameKeyword, tokenRange, valueText } from './kwarg-edits';
import { replacementsFor } from './model-ids';
import { findCalls, type Call, type KeywordArg } from './python-calls';
import { stringValue, tokenize, type Token } from './python-tokens';
import {
  NEWER_SAMPLING_PARAMS_FIELDS, OLDER_SAMPLING_PARAMS_FIELDS, SAMPLING_PARAMS_FIELDS, SAMPLING_PARAMS_VERSION,
} from './sampling-params-fields';

export interface PythonOptions {
  targetVersion?: string;
}

const ENGINE_CALLS = new Set(['LLM', 'EngineArgs', 'AsyncEngineArgs']);
const CALLEES = new Set([...ENGINE_CALLS, 'SamplingParams', 'from_pretrained']);
const SAMPLING = new Set(SAMPLING_PARAMS_FIELDS);
const SAMPLING_OLD = new Set(OLDER_SAMPLING_PARAMS_FIELDS);
const SAMPLING_NEW = new Set(NEWER_SAMPLING_PARAMS_FIELDS);
const ENGINE = new Set(ENGINE_ARG_NAMES);
const PUBLIC_SAMPLING = SAMPLING_PARAMS_FIELDS.filter((f) => !f.startsWith('_'));

/**
 * Unknown keywords per file that get "did you mean" fixes (each costs an edit distance to every name), as in the
 * config engine: a generated file with thousands of unknown keywords stays fast.
 */
export const MAX_SUGGESTED = 50;

type Suggest = (arg: KeywordArg, candidates: readonly string[]) => QuickFix[];

export function validatePython(text: string, options: PythonOptions = {}): Finding[] {
  const target = parseTarget(options.targetVersion);
  const calls = findCalls(tokenize(text), CALLEES);
  const engineCalls = calls.filter((c) => c.callee.text === 'LLM' || c.callee.text === 'EngineArgs');
  const out: Finding[] = [];
  let suggested = 0;
  const suggest: Suggest = (arg, candidates) => (suggested++ < MAX_SUGGESTED ? didYouMean(arg, candidates) : []);
  for (const call of calls) {
    if (call.callee.text === 'SamplingParams') out.push(...checkSampling(call, engineCalls, target, suggest));
    else if (ENGINE_CALLS.has(call.callee.text)) out.push(...checkEngine(call, target, suggest));
    out.push(...checkModelId(call));
  }
  return out;
}

function didYouMean(arg: KeywordArg, candidates: readonly string[]): QuickFix[] {
  return nearest(arg.name.text, candidates).map((c) => ({ title: t('Change to {0}', c), edits: [renameKeyword(arg, c)] }));
}

/**
 * The field and engine-arg tables describe vLLM {@link SAMPLING_PARAMS_VERSION}; for another target a name missing
 * from them may exist there, so it is a warning that names both versions (docs/vllm-arithmetic.md, "Targets").
 */
function atTableVersion(target: TargetVersion): boolean {
  return target.tag === SAMPLING_PARAMS_VERSION;
}

function checkSampling(call: Call, engineCalls: Call[], target: TargetVersion, suggest: Suggest): Finding[] {
  const out: Finding[] = [];
  for (const arg of call.keywords) {
    const name = arg.name.text;
    if (SAMPLING.has(name)) continue;
    if (name === 'max_batch_size' || name === 'max_num_seqs') {
      const fixes: QuickFix[] = [];
      const value = valueText(arg);
      const target = engineCalls.length === 1 ? engineCalls[0] : undefined;
      if (target && value && !target.keywords.some((k) => k.name.text === 'max_num_seqs')) {
        const add = appendKeyword(target, 'max_num_seqs', value);
        if (add) fixes.push({ title: t('Move to {0}(max_num_seqs={1})', target.callee.text, value), edits: [removeKeyword(arg), add] });
      }
      fixes.push({ title: t('Remove {0}', `${name}=${value}`), edits: [removeKeyword(arg)] });
      out.push({
        range: tokenRange(arg.name),
        severity: 'error',
        code: 'ASC521',
        message: t('SamplingParams has no field {0}: Python raises TypeError. The batch size is the engine argument max_num_seqs, e.g. LLM(..., max_num_seqs=256) or --max-num-seqs 256.', name),
        docUrl: DOCS.engineArgs,
        fixes,
      });
      continue;
    }
    const old = SAMPLING_OLD.has(name);
    const newer = SAMPLING_NEW.has(name);
    const exact = atTableVersion(target);
    out.push({
      range: tokenRange(arg.name),
      severity: old || newer || !exact ? 'warning' : 'error',
      code: 'ASC520',
      message: old
        ? t('{0} is a field of older vLLM releases; SamplingParams at {1} no longer has it, and passing it raises TypeError there.', name, SAMPLING_PARAMS_VERSION)
        : newer
          ? t('{0} is a SamplingParams field of vLLM releases after {1}; at {1} passing it raises TypeError.', name, SAMPLING_PARAMS_VERSION)
          : exact
            ? t('SamplingParams has no field {0}: Python raises TypeError.', name)
            : t('SamplingParams of vLLM {1} has no field {0} (the table this check reads; the target is {2}).', name, SAMPLING_PARAMS_VERSION, target.tag),
      docUrl: DOCS.samplingParams,
      fixes: suggest(arg, PUBLIC_SAMPLING),
    });
  }
  return out;
}

function checkEngine(call: Call, target: TargetVersion, suggest: Suggest): Finding[] {
  const out: Finding[] = [];
  for (const arg of call.keywords) {
    const name = arg.name.text;
    if (ENGINE.has(name)) continue;
    // Another release line's engine argument (e.g. swap_space at v0.13.0): the target's own catalogue has it.
    if (!atTableVersion(target) && serveDef(name.replace(/_/g, '-'), undefined, target.tag)) continue;
    if (name === 'device') {
      // Facts: `device` was removed in vLLM 0.10; the Ascend platform plugin selects the NPU itself.
      if (!atLeast(target, 0, 10)) continue;
      out.push({
        range: tokenRange(arg.name),
        severity: 'error',
        code: 'ASC523',
        message: t('The engine argument "device" was removed in vLLM 0.10 (and "npu" was never a value): the vllm-ascend platform plugin selects the NPU by itself. Remove it.'),
        docUrl: DOCS.engineArgs,
        fixes: [{ title: t('Remove {0}', `device=${valueText(arg)}`), edits: [removeKeyword(arg)] }],
      });
      continue;
    }
    if (name === 'max_batch_size') {
      out.push({
        range: tokenRange(arg.name),
        severity: 'error',
        code: 'ASC521',
        message: t('{0}() has no argument max_batch_size: the batch size is the engine argument max_num_seqs.', call.callee.text),
        docUrl: DOCS.engineArgs,
        fixes: [{ title: t('Change to {0}', 'max_num_seqs'), edits: [renameKeyword(arg, 'max_num_seqs')] }],
      });
      continue;
    }
    out.push({
      range: tokenRange(arg.name),
      severity: 'warning',
      code: 'ASC522',
      message: atTableVersion(target)
        ? t('{0} is not a vLLM {1} engine argument; {2}() would raise TypeError.', name, SAMPLING_PARAMS_VERSION, call.callee.text)
        : t('{0} is not a vLLM {1} engine argument (the table this check reads; the target is {2}).', name, SAMPLING_PARAMS_VERSION, target.tag),
      docUrl: DOCS.engineArgs,
      fixes: suggest(arg, ENGINE_ARG_NAMES),
    });
  }
  return out;
}

function modelToken(call: Call): Token | undefined {
  const kw = call.keywords.find((k) => ['model', 'tokenizer', 'pretrained_model_name_or_path'].includes(k.name.text));
  const first = kw ? kw.value : call.positional[0];
  return first && first.length === 1 && first[0].kind === 'string' ? first[0] : undefined;
}

function checkModelId(call: Call): Finding[] {
  const tok = modelToken(call);
  if (!tok) return [];
  const s = stringValue(tok);
  if (!s) return [];
  const real = replacementsFor(s.value);
  if (!real) return [];
  const range = { startLine: tok.line, startColumn: tok.column + s.quoteStart, endLine: tok.endLine, endColumn: tok.endColumn - s.quoteEnd };
  return [{
    range,
    severity: 'error',
    code: 'ASC524',
    message: t('There is no model {0}. DeepSeek code models: {1}.', s.value, real.join(', ')),
    docUrl: DOCS.deepseekModels,
    fixes: real.map((id) => ({ title: t('Change to {0}', id), edits: [{ range, newText: id }] })),
  }];
}
