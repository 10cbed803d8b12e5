/**
 * Runs the config engine on one file: YAML syntax (with its nesting and alias bounds), schema, semantic rules.
 * Size, binary and suppression are decided once for every kind of file, in src/core/analysis/analyze-file.ts.
 */
import type { Finding, Range } from '../diagnostics';
import { t } from '../l10n/index';
import { buildContext } from './context';
import { jsonConfigFindings } from './json-config';
import { Codes, docUrl } from './rule-codes';
import { checkAdditionalConfigKeys, checkDeploy, checkServeKeys } from './schema-check';
import { MAX_NESTING, parseYaml } from './yaml-source';
import { removedKeys } from './rules/removed-keys';
import { flagForms } from './rules/flag-forms';
import { parallelism } from './rules/parallelism';
import { modelIds } from './rules/model-ids';
import { chip310p } from './rules/chip-310p';
import { quantization } from './rules/quantization';
import { image } from './rules/image';
import { runtime } from './rules/runtime';
import { memoryFit } from './rules/memory-fit';
import { multiNode } from './rules/multi-node';
import type { Rule } from './rules/shared';

const ZERO: Range = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };

/** Semantic rules, in the order their findings are listed. */
export const RULES: Rule[] = [removedKeys, flagForms, parallelism, modelIds, chip310p, quantization, image, runtime, memoryFit, multiNode];

function byPosition(a: Finding, b: Finding): number {
  return a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn;
}

export interface ValidateInput {
  fileName: string;
  text: string;
  kind: 'vllm-serve' | 'deploy' | 'vllm-json';
  targetVersion?: string;
  workspaceFiles?: (relPath: string) => string | undefined;
}

export function validateKnown(input: ValidateInput): Finding[] {
  const src = parseYaml(input.text);
  const out: Finding[] = [];
  for (const p of src.problems) {
    if (p.kind === 'too-deep') {
      out.push({ range: p.range, severity: 'error', code: Codes.tooDeep, docUrl: docUrl[Codes.tooDeep], message: t('Not checked: nesting deeper than {0} levels.', String(MAX_NESTING)) });
    } else if (p.kind === 'alias-bomb') {
      out.push({ range: p.range, severity: 'error', code: Codes.tooDeep, docUrl: docUrl[Codes.tooDeep], message: t('Not checked: too many alias expansions (a YAML "billion laughs" document).') });
    } else {
      out.push({ range: p.range, severity: 'error', code: Codes.syntax, docUrl: docUrl[Codes.syntax], message: t('YAML syntax error: {0}', p.message) });
    }
  }
  if (input.kind === 'vllm-json') out.unshift(...jsonConfigFindings(input.fileName, input.text));
  // Stop at syntax errors that leave no document to check; keep going when the document still parsed.
  if (!src.doc || src.value === undefined || src.problems.some((p) => p.kind !== 'syntax')) return out;
  const kind = input.kind === 'deploy' ? 'deploy' : 'vllm-serve';
  const rootIsMap = src.value === null || (typeof src.value === 'object' && !Array.isArray(src.value));
  if (!rootIsMap) {
    out.push({ range: ZERO, severity: 'error', code: Codes.badValue, docUrl: docUrl[Codes.badValue], message: t('The file must be a mapping of keys to values.') });
    return out;
  }
  const ctx = buildContext({ fileName: input.fileName, kind, src, targetVersion: input.targetVersion, workspaceFiles: input.workspaceFiles });
  const found: Finding[] = [];
  if (kind === 'deploy') found.push(...checkDeploy(ctx));
  if (ctx.serve) {
    found.push(...checkServeKeys(ctx, ctx.serve));
    found.push(...checkAdditionalConfigKeys(ctx, ctx.serve));
  }
  for (const rule of RULES) found.push(...rule(ctx));
  // Edits written for YAML would break JSON text: in a JSON file only the convert-to-YAML fix is offered.
  if (input.kind === 'vllm-json') for (const f of found) delete f.fixes;
  found.sort(byPosition);
  out.push(...found);
  return out;
}
