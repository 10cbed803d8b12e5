/**
 * Line-chain pre-fill. An end-of-line request reads several lines; when it ends, the cache gets, for each line
 * the answer holds, the entries the user reaches by accepting (or typing) the lines before it:
 * - the end of each line: a next-line suggestion ("\n" + the following lines);
 * - the start of each following line after Enter, auto-indented to the model's indentation: the line's text.
 * Keys come from the window the document will have then (cutWindow on the document as it will read), so a
 * lookup stays one hash and one map access.
 */
import { contextHash } from './completion-cache';
import type { CompletionCache } from './completion-cache';
import type { CompletionMode } from './completion-mode';
import { cutWindow } from './document-window';
import type { WindowOptions } from './document-window';

/**
 * Where the part of a single-line answer that is shown ends: the first line with text (after a blank first line,
 * the next line: a next-line suggestion); undefined while that line is still arriving.
 */
export function shownLineEnd(text: string): number | undefined {
  let nl = text.indexOf('\n');
  if (nl >= 0 && text.slice(0, nl).trim() === '') nl = text.indexOf('\n', nl + 1);
  return nl < 0 ? undefined : nl;
}

export interface ShownPiece {
  text: string;
  /** Nothing more will be added to what is shown (single: its line ended; multi: the stream ended). */
  complete: boolean;
}

/**
 * What a call can show of `text` now: single-line mode the shown line (complete once it ended), multi-line mode all
 * of it (complete when the stream `ended`). Undefined while there is no usable first piece yet: nothing but white
 * space on the line that will be shown.
 */
export function shownPiece(text: string, mode: CompletionMode, ended: boolean): ShownPiece | undefined {
  if (mode === 'single') {
    const end = shownLineEnd(text);
    if (end !== undefined) return { text: text.slice(0, end), complete: true };
  }
  if (ended) return { text, complete: true };
  const nl = text.indexOf('\n');
  const line = mode === 'single' && nl >= 0 && text.slice(0, nl).trim() === '' ? text.slice(nl + 1) : text;
  return /\S/.test(line) ? { text, complete: false } : undefined;
}

export interface ChainEntry {
  hash: string;
  linePrefix: string;
  /** Raw model text continuing linePrefix. */
  text: string;
  /** Store only this key (no typing-through or backspace entries): an end-of-line entry. */
  exactOnly: boolean;
}

/**
 * @param before document text before the cursor when the request was sent; `after` the text after it (the cursor
 *   was at the end of its line); `text` the answer, ending with a complete line.
 */
export function lineChain(before: string, after: string, text: string, eol: '\n' | '\r\n', opts: WindowOptions, maxLines = 8): ChainEntry[] {
  const lines = text.split('\n');
  if (lines.length < 2 || !(after === '' || after.startsWith('\n') || after.startsWith('\r\n'))) return [];
  const out: ChainEntry[] = [];
  let doc = before;
  for (let k = 0; k < lines.length && k < maxLines; k++) {
    const line = lines[k].replace(/\r$/, '');
    const rest = lines.slice(k + 1).join('\n');
    if (k > 0) {
      const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
      const w = cutWindow(doc + indent + after, doc.length + indent.length, opts);
      const hash = contextHash(w);
      out.push({ hash, linePrefix: w.linePrefix, text: line.slice(indent.length) + (k + 1 < lines.length ? '\n' + rest : ''), exactOnly: false });
      if (k + 1 < lines.length) out.push({ hash, linePrefix: w.linePrefix + line.slice(indent.length), text: '\n' + rest, exactOnly: true });
    } else {
      const w = cutWindow(doc + line + after, doc.length + line.length, opts);
      out.push({ hash: contextHash(w), linePrefix: w.linePrefix, text: '\n' + rest, exactOnly: true });
    }
    doc += line + eol;
  }
  return out;
}

/**
 * Fills the cache from a finished answer read at the end of a line (a line chain, or a multi-line answer): the
 * entry for the context it was asked for, and the entries `lineChain` gives for accepting (or typing) it line by
 * line — what `acceptNextLine` and Enter reach. A chain cut by max_tokens keeps only its complete lines.
 */
export function storeAnswer(
  cache: CompletionCache,
  asked: { hash: string; linePrefix: string; before: string; after: string; eol: '\n' | '\r\n'; mode: CompletionMode; afterOpener: boolean; chain: boolean },
  text: string,
  finishReason: string,
  opts: WindowOptions,
): void {
  const kept = asked.chain && finishReason === 'length' && text.includes('\n') ? text.slice(0, text.lastIndexOf('\n')) : text;
  const entry = { text: kept, mode: asked.mode, afterOpener: asked.afterOpener };
  cache.store(asked.hash, asked.linePrefix, entry);
  if (!asked.chain && asked.mode !== 'multi') return;
  // Past the opener, the rest is no longer "after an opener" (a block to open).
  const rest = { ...entry, afterOpener: false };
  for (const e of lineChain(asked.before, asked.after, kept, asked.eol, opts)) {
    if (e.exactOnly) cache.put(e.hash, e.linePrefix, { ...rest, text: e.text });
    else cache.store(e.hash, e.linePrefix, { ...rest, text: e.text });
  }
}
