/**
 * `npu-smi quantize` and `npu-smi top`: neither subcommand exists (npu-smi manages devices: info/set/upgrade/clear…).
 * Replacements from docs/ascend-facts.md §8: msModelSlim `msmodelslim quant …` for quantization,
 * `npu-smi info` / `npu-smi info watch -i 0` for monitoring.
 */
import type { Finding, QuickFix } from '../diagnostics';
import { t } from '../l10n/index';
import { commandEnd, rangeOf, type LogicalLine } from './logical-lines';
import { editOf, matchesOf, type CommandRule } from './command-rule';
import { DOCS } from './doc-links';

function optionValue(args: string, names: string[]): string | undefined {
  for (const n of names) {
    const m = new RegExp(`(?:^|\\s)${n}(?:=|\\s+)(\\S+)`).exec(args);
    if (m) return m[1];
  }
  return undefined;
}

/** Builds the msModelSlim command from the article-style arguments, when the model path is known. */
function msmodelslimCommand(args: string): string | undefined {
  const model = optionValue(args, ['--model_path', '--model-path']);
  if (!model) return undefined;
  const save = optionValue(args, ['--output_path', '--output-path', '--save_path']) ?? `${model.replace(/\/+$/, '')}-w8a8`;
  // --precision INT8 (the article) means weights and activations in int8: msModelSlim's w8a8.
  const precision = (optionValue(args, ['--precision']) ?? 'INT8').toUpperCase();
  const quantType = precision === 'INT8' || precision === 'W8A8' ? 'w8a8' : precision === 'W8A16' ? 'w8a16' : 'w8a8';
  return `msmodelslim quant --model_path ${model} --save_path ${save} --device npu --quant_type ${quantType} --trust_remote_code True`;
}

export const npuSmiQuantize: CommandRule = (line: LogicalLine) => {
  const out: Finding[] = [];
  for (const m of matchesOf(/\bnpu-smi\s+quantize\b/, line.text)) {
    const end = commandEnd(line.text, m.index);
    const replacement = msmodelslimCommand(line.text.slice(m.index + m[0].length, end));
    const fixes: QuickFix[] = replacement
      ? [{ title: t('Replace with msModelSlim: {0}', replacement), edits: [editOf(line, m.index, end, replacement)] }]
      : [];
    out.push({
      range: rangeOf(line, m.index, m.index + m[0].length),
      severity: 'error',
      code: 'ASC510',
      message: t('npu-smi has no "quantize" command. Quantize with msModelSlim: msmodelslim quant --model_path M --save_path S --device npu --model_type <name> --quant_type w8a8, then serve with --quantization ascend.'),
      docUrl: DOCS.msmodelslim,
      fixes,
    });
  }
  return out;
};

export const npuSmiTop: CommandRule = (line: LogicalLine) => {
  const out: Finding[] = [];
  for (const m of matchesOf(/\bnpu-smi\s+top\b/, line.text)) {
    const end = commandEnd(line.text, m.index);
    out.push({
      range: rangeOf(line, m.index, end),
      severity: 'error',
      code: 'ASC511',
      message: t('npu-smi has no "top" command. Use "npu-smi info" (poll it) or "npu-smi info watch -i 0" (streams one NPU, never exits).'),
      docUrl: DOCS.installation,
      fixes: [
        { title: t('Replace with {0}', 'npu-smi info'), edits: [editOf(line, m.index, end, 'npu-smi info')] },
        { title: t('Replace with {0}', 'npu-smi info watch -i 0'), edits: [editOf(line, m.index, end, 'npu-smi info watch -i 0')] },
      ],
    });
  }
  return out;
};
