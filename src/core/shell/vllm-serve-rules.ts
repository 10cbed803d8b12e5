/**
 * `vllm serve …` (and `python -m vllm.entrypoints.openai.api_server …`) on a script line or in a Dockerfile
 * RUN/CMD/ENTRYPOINT: each option is checked against the engine-arg catalogue of the target's release line
 * (serve-flags.ts), as vLLM's argparse would ("unrecognized arguments" / "invalid choice").
 *   ASC530 an option vllm serve does not have (error when the target is a catalogued release, warning when its
 *          nearest line stands in), with the line it exists from or was removed in
 *   ASC531 a value outside the choices vLLM enforces
 *   ASC532 `--device` (removed in vLLM v0.10; the platform plugin picks the NPU)
 * Options built from `$VARS` are not known here and are skipped.
 */
import type { Finding, QuickFix } from '../diagnostics';
import { t } from '../l10n/index';
import { commandEnd, rangeOf, type LogicalLine } from './logical-lines';
import { deletionOf, editOf, matchesOf, type CommandContext, type CommandRule } from './command-rule';
import { DOCS } from './doc-links';
import { catalogueFor, flagElsewhere, longFlag, nearestFlags, shortFlag, type FlagInfo } from './serve-flags';
import { shellWords, type Word } from './shell-words';

const SERVE = /\b(?:vllm\s+serve|python3?(?:\.\d+)?\s+-m\s+vllm\.entrypoints\.openai\.api_server)(?=\s|$)/;

/** The options of one `vllm serve` command: from after the subcommand to the end of the command. */
export function serveWords(line: LogicalLine, index: number, length: number): Word[] {
  return shellWords(line.text, index + length, commandEnd(line.text, index));
}

export const vllmServeOptions: CommandRule = (line: LogicalLine, ctx: CommandContext) => {
  const out: Finding[] = [];
  const { line: catalogue, exact } = catalogueFor(ctx.target.tag);
  for (const m of matchesOf(SERVE, line.text)) {
    const words = serveWords(line, m.index, m[0].length);
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w.dynamic || !w.text.startsWith('-') || w.text === '-' || w.text === '--') continue;
      const long = w.text.startsWith('--');
      const body = w.text.slice(long ? 2 : 1);
      const eq = body.indexOf('=');
      const name = eq === -1 ? body : body.slice(0, eq);
      const info: FlagInfo | undefined = long ? longFlag(name, ctx.target.tag) : shortFlag(name, ctx.target.tag);
      const nameEnd = w.start + (long ? 2 : 1) + name.length;
      if (!info) {
        out.push(unknownFlag(line, w, { name, long, nameEnd, next: words[i + 1] }, { catalogue, exact }, ctx));
        continue;
      }
      if (!info.takesValue) continue;
      const value = eq !== -1 ? { text: body.slice(eq + 1), start: w.start + (long ? 2 : 1) + eq + 1, end: w.end, dynamic: w.dynamic } : words[i + 1];
      if (eq === -1) i++;
      if (!value || value.dynamic || !info.choices || value.text.startsWith('-')) continue;
      if (info.choices.includes(value.text)) continue;
      out.push({
        range: rangeOf(line, value.start, value.end),
        severity: exact ? 'error' : 'warning',
        code: 'ASC531',
        message: t('vllm serve --{0}: "{1}" is not a choice (vLLM of vllm-ascend {2} takes {3}).', info.name, value.text, catalogue, info.choices.join(', ')),
        docUrl: DOCS.engineArgs,
      });
    }
  }
  return out;
};

interface FlagAt { name: string; long: boolean; nameEnd: number; next?: Word }

function unknownFlag(line: LogicalLine, w: Word, at: FlagAt, cat: { catalogue: string; exact: boolean }, ctx: CommandContext): Finding {
  const { name, long, nameEnd, next } = at;
  const { catalogue, exact } = cat;
  const range = rangeOf(line, w.start, nameEnd);
  const withValue = next && !next.text.startsWith('-') && !w.text.includes('=') ? next.end : w.end;
  if (long && name === 'device') {
    return {
      range, severity: 'error', code: 'ASC532', docUrl: DOCS.engineArgs,
      message: t('vllm serve has no --device since vLLM v0.10 (and "npu" was never a value): the vllm-ascend platform plugin selects the NPU by itself. Remove it.'),
      fixes: [{ title: t('Remove {0}', line.text.slice(w.start, withValue)), edits: [deletionOf(line, w.start, withValue)] }],
    };
  }
  const fixes: QuickFix[] = [];
  const near = long ? (name === 'max-batch-size' || name === 'max_batch_size' ? ['max-num-seqs'] : nearestFlags(name.replace(/_/g, '-'), ctx.target.tag)) : [];
  for (const n of near) fixes.push({ title: t('Change to {0}', `--${n}`), edits: [editOf(line, w.start, nameEnd, `--${n}`)] });
  const flag = line.text.slice(w.start, nameEnd);
  const elsewhere = long ? flagElsewhere(name, ctx.target.tag) : undefined;
  const parts = [exact
    ? t('vllm serve of vllm-ascend {0} has no option {1}: it stops with "unrecognized arguments".', catalogue, flag)
    : t('{0} is not a vllm serve option at vllm-ascend {1}, the catalogued line nearest the target {2}.', flag, catalogue, ctx.target.tag)];
  if (elsewhere?.removedIn) parts.push(t('It was removed in {0}.', elsewhere.removedIn));
  else if (elsewhere?.since) parts.push(t('It exists from {0}.', elsewhere.since));
  if (near.length && !elsewhere) parts.push(t('Did you mean {0}?', near.map((n) => `--${n}`).join(', ')));
  return {
    range,
    severity: exact ? 'error' : 'warning',
    code: 'ASC530',
    message: parts.join(' '),
    docUrl: DOCS.engineArgs,
    fixes,
  };
}
