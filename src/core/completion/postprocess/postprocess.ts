/**
 * Turns raw model text into what the editor should insert, or null when nothing useful is left.
 * Order: mode cut (single: the first line; at a line end whose answer starts with a break, the next line) →
 * leading space → indentation → scope → unmatched closer → duplicated suffix → trim → widen over auto-closed
 * characters → repetition/empty check.
 */
import type { CompletionMode } from '../completion-mode';
import { onlyAutoClosed } from '../completion-mode';
import { languageInfo } from '../language-info';
import { closerOf, countClosedBy, openStack, scanCompletion } from './bracket-scan';
import { detectIndentUnit, leadingWhitespace, limitToScope, reindent } from './indentation';
import { isRepetitive } from './repetition';
import { dropDuplicatedSuffixLines, trimLineSuffixOverlap } from './suffix-overlap';

export interface PostContext {
  prefixAbove: string;
  linePrefix: string;
  lineSuffix: string;
  suffixBelow: string;
  mode: CompletionMode;
  afterOpener: boolean;
  languageId: string;
  eol: '\n' | '\r\n';
}

export interface PostResult {
  /** Text to insert at the cursor (line breaks in the document's style). */
  text: string;
  /** How many characters after the cursor the insertion replaces (auto-closed characters it re-types). */
  replaceLength: number;
}

function stripLeadingSpace(text: string, linePrefix: string): string {
  if (linePrefix === '') return text;
  const endsWithSpace = /[ \t]$/.test(linePrefix);
  if (!endsWithSpace) return text;
  const firstLineEnd = text.indexOf('\n');
  const first = firstLineEnd < 0 ? text : text.slice(0, firstLineEnd);
  const trimmed = first.replace(/^[ \t]+/, '');
  return trimmed + (firstLineEnd < 0 ? '' : text.slice(firstLineEnd));
}

export function postProcess(raw: string, ctx: PostContext): PostResult | null {
  const info = languageInfo(ctx.languageId);
  let text = raw.replace(/\r\n?/g, '\n');
  if (ctx.mode === 'single') {
    const nl = text.indexOf('\n');
    if (nl >= 0 && text.slice(0, nl).trim() === '' && ctx.lineSuffix.trim() === '') {
      // At the end of a line whose answer starts with a line break: suggest the next line (one line).
      const next = text.indexOf('\n', nl + 1);
      text = '\n' + text.slice(nl + 1, next < 0 ? undefined : next);
    } else if (nl >= 0) {
      text = text.slice(0, nl);
    }
  }
  text = stripLeadingSpace(text, ctx.linePrefix);
  if (text.trim() === '') return null;

  const baseIndent = leadingWhitespace(ctx.linePrefix);
  if (ctx.mode === 'multi') {
    const context = (ctx.prefixAbove + ctx.suffixBelow).replace(/\r/g, '').split('\n');
    text = reindent(text, baseIndent, detectIndentUnit(context));
    text = limitToScope(text, baseIndent, ctx.afterOpener);
  }

  // Brackets: what the line left open, minus what the rest of the line already closes (unless that rest is only
  // auto-closed characters, which the completion may re-type and the replace range then covers).
  const stack = openStack(ctx.linePrefix, info.lineComment);
  const widenable = ctx.lineSuffix.trim() !== '' && onlyAutoClosed(ctx.lineSuffix);
  const available = widenable ? stack : stack.slice(0, stack.length - countClosedBy(ctx.lineSuffix, stack));
  const scan = scanCompletion(text, available, info.lineComment);
  text = text.slice(0, scan.cutAt);

  if (ctx.lineSuffix.trim() === '') text = dropDuplicatedSuffixLines(text, ctx.suffixBelow.replace(/\r/g, ''));
  text = text.replace(/\s+$/, '');

  let replaceLength = 0;
  if (widenable) {
    // The completion re-types the first `closed` auto-closed characters; cover exactly those.
    const closed = scanCompletion(text, available, info.lineComment).closedFromStack;
    let i = 0;
    let matched = 0;
    const expected = available.slice().reverse();
    while (i < ctx.lineSuffix.length && matched < closed) {
      const ch = ctx.lineSuffix[i];
      if (ch === ' ' || ch === '\t') { i++; continue; }
      if (ch !== closerOf(expected[matched])) break;
      matched++;
      i++;
    }
    if (matched === closed) replaceLength = i;
  } else if (ctx.mode === 'single') {
    text = trimLineSuffixOverlap(text, ctx.lineSuffix);
  }

  if (text.trim() === '' || isRepetitive(text)) return null;
  // Nothing new: the completion only re-types what is already after the cursor.
  if (text === ctx.lineSuffix.slice(0, replaceLength)) return null;
  if (ctx.eol === '\r\n') text = text.replace(/\n/g, '\r\n');
  return { text, replaceLength };
}
