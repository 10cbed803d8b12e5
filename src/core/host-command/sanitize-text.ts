/**
 * Text from a host (container logs, npu-smi output, error messages) made safe to show in a terminal, an output
 * channel or a notification. A hostile or broken host could otherwise retitle or clear the terminal, move the
 * cursor to overwrite what the user reads, set the clipboard (OSC 52) or plant a link (OSC 8).
 *
 * - escape sequences are removed whole: CSI (`ESC [` … final byte), OSC / DCS / SOS / PM / APC strings up to
 *   their terminator (BEL or ST), character-set and other short escapes, and their 8-bit C1 forms;
 * - other control characters (C0, DEL, C1, bidirectional overrides) are dropped, except tab and newline;
 * - CRLF stays; a lone carriage return (a progress bar redrawing its line) becomes a newline, so one line can
 *   never hide another.
 *
 * One pass, linear in the input. {@link HostTextFilter} keeps a sequence split across streamed chunks.
 */

const ESC = 0x1b;
const BEL = 0x07;
const CR = 0x0d;
/** Longest unterminated escape carried over to the next chunk; a longer one is dropped. */
const MAX_CARRY = 4096;

/** Bidirectional embedding/override/isolate controls: they reorder what the user reads. */
const isBidiControl = (c: number): boolean => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x200e || c === 0x200f;

/** String-type introducers after ESC (OSC `]`, DCS `P`, SOS `X`, PM `^`, APC `_`) and as C1 code points. */
const isStringIntroducer = (c: number): boolean => c === 0x5d || c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f;
const isC1StringIntroducer = (c: number): boolean => c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f;

/** End of a control string starting at `from`: index after BEL / ST (`ESC \` or U+009C); -1 when unterminated. */
function stringEnd(s: string, from: number): number {
  for (let j = from; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === BEL || c === 0x9c) return j + 1;
    if (c === ESC) {
      if (j + 1 >= s.length) return -1;
      // ESC \ ends it; any other ESC aborts the string (as terminals do) and starts over at that ESC.
      return s.charCodeAt(j + 1) === 0x5c ? j + 2 : j;
    }
  }
  return -1;
}

/** End of a CSI whose parameters start at `from`: index after the final byte; -1 when unterminated. */
function csiEnd(s: string, from: number): number {
  let j = from;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c >= 0x20 && c <= 0x3f) { j++; continue; } // parameter and intermediate bytes
    return c >= 0x40 && c <= 0x7e ? j + 1 : j; // a final byte; anything else cancels the sequence
  }
  return -1;
}

/** End of the escape sequence at `i` (s[i] is ESC or a C1 introducer); -1 when it is cut off by the end. */
function escapeEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 0x9b) return csiEnd(s, i + 1);
  if (isC1StringIntroducer(c)) return stringEnd(s, i + 1);
  if (c !== ESC) return i + 1; // another C1 control: drop that one character
  if (i + 1 >= s.length) return -1;
  const n = s.charCodeAt(i + 1);
  if (n === 0x5b) return csiEnd(s, i + 2);
  if (isStringIntroducer(n)) return stringEnd(s, i + 2);
  // nF escapes (ESC, intermediates 0x20–0x2F, a final 0x30–0x7E, e.g. ESC ( B) and two-character ones (ESC c).
  let j = i + 1;
  while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
  if (j >= s.length) return -1;
  const f = s.charCodeAt(j);
  return f >= 0x30 && f <= 0x7e ? j + 1 : i + 1;
}

/** Streaming form: push chunks as they arrive; a sequence split between two chunks is still removed whole. */
export class HostTextFilter {
  private carry = '';

  push(chunk: string): string {
    const s = this.carry + chunk;
    this.carry = '';
    let out = '';
    let run = 0; // start of the plain text not yet copied
    let i = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      // Plain text (the common case) is only scanned; it is copied a run at a time.
      if (c >= 0x20 && c < 0x7f) { i++; continue; }
      if (c === 0x09 || c === 0x0a || (c > 0x9f && !isBidiControl(c))) { i++; continue; }
      if (c === CR && i + 1 < s.length && s.charCodeAt(i + 1) === 0x0a) { i += 2; continue; }
      out += s.slice(run, i);
      let next = i + 1; // a lone control character is dropped
      if (c === ESC || (c >= 0x80 && c <= 0x9f)) {
        next = escapeEnd(s, i);
        if (next < 0) {
          if (s.length - i <= MAX_CARRY) this.carry = s.slice(i);
          return out;
        }
      } else if (c === CR) {
        if (i + 1 >= s.length) { this.carry = '\r'; return out; }
        out += '\n';
      }
      i = next;
      run = next;
    }
    return out + s.slice(run);
  }

  /** The end of the stream: a trailing CR becomes a newline, an unterminated escape is dropped. */
  flush(): string {
    const rest = this.carry === '\r' ? '\n' : '';
    this.carry = '';
    return rest;
  }
}

/** {@link HostTextFilter} over one complete text. */
export function sanitizeHostText(text: string): string {
  const f = new HostTextFilter();
  return f.push(text) + f.flush();
}
