/**
 * Single- or multi-line: mid-line → single; after an opener, or on the blank line of an empty block → multi.
 */
import type { DocumentWindow } from './document-window';
import { languageInfo } from './language-info';
import { AUTO_CLOSED } from './postprocess/bracket-scan';
import { indentWidth } from './postprocess/indentation';

export type CompletionMode = 'single' | 'multi';

export interface ModeDecision {
  mode: CompletionMode;
  /** True when the cursor line ends with a block opener (the completion starts a new block). */
  afterOpener: boolean;
}

/** True when every non-blank character of `rest` is one an editor may have auto-closed. */
export function onlyAutoClosed(rest: string): boolean {
  for (const ch of rest.trim()) if (!AUTO_CLOSED.has(ch)) return false;
  return true;
}

/**
 * `{` (and `:` where it opens a block) start a block even with an auto-closed `}` after the cursor; `(` and `[`
 * count only at the very end of the line: `foo(|)` is an argument list, completed on one line.
 */
function endsWithOpener(line: string, colonOpens: boolean, restEmpty = true): boolean {
  const t = line.trimEnd();
  const last = t[t.length - 1];
  return last === '{' || (colonOpens && last === ':') || (restEmpty && (last === '(' || last === '['));
}

function lastNonBlankLine(text: string): string | undefined {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].trim() !== '') return lines[i];
  return undefined;
}

function firstNonBlankLine(text: string): string | undefined {
  for (const l of text.split('\n')) if (l.trim() !== '') return l;
  return undefined;
}

export function chooseMode(w: DocumentWindow, languageId: string): ModeDecision {
  const colon = languageInfo(languageId).colonOpensBlock;
  if (!onlyAutoClosed(w.lineSuffix)) return { mode: 'single', afterOpener: false };
  if (w.linePrefix.trim() !== '') {
    return endsWithOpener(w.linePrefix, colon, w.lineSuffix.trim() === '') ? { mode: 'multi', afterOpener: true } : { mode: 'single', afterOpener: false };
  }
  // Blank cursor line: an empty block is one whose opener line is followed by nothing deeper than itself.
  const prev = lastNonBlankLine(w.prefixAbove.replace(/\r/g, ''));
  if (prev === undefined) return { mode: 'multi', afterOpener: false };
  const next = firstNonBlankLine(w.suffixBelow.replace(/\r/g, ''));
  const prevIndent = indentWidth(prev);
  const opens = endsWithOpener(prev, colon) || indentWidth(w.linePrefix) > prevIndent;
  const bodyFollows = next !== undefined && indentWidth(next) > prevIndent;
  return opens && !bodyFollows ? { mode: 'multi', afterOpener: false } : { mode: 'single', afterOpener: false };
}
