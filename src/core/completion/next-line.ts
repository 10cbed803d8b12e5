/**
 * Line-chain pre-fill. An end-of-line request reads several lines; when it ends, the cache gets, for each line
 * the answer holds, the entries the user reaches by accepting (or typing) the lines before it:
 * - the end of each line: a next-line suggestion ("\n" + the following lines);
 * - the start of each following line after Enter, auto-indented to the model's indentation: the line's text.
 * Keys come from the window the document will have then (cutWindow on the document as it will read), so a
 * lookup stays one hash and one map access.
 */
import { contextHash } from './completion-cache';
import { cutWindow } from './document-window';
import type { WindowOptions } from './document-window';

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
