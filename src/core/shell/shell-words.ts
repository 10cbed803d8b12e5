/** Words of one shell command (quotes removed, offsets kept), for rules that read a command's options. */

export interface Word {
  /** The word with its quotes removed. */
  text: string;
  /** Offsets of the word as written in the logical line's text. */
  start: number;
  end: number;
  /** Contains a `$` expansion outside single quotes: its value is not known here. */
  dynamic: boolean;
}

/** Splits `text[from, to)` into words the way the shell does for plain words and quotes (no expansion). */
export function shellWords(text: string, from: number, to: number): Word[] {
  const out: Word[] = [];
  let i = from;
  while (i < to) {
    while (i < to && /\s/.test(text[i])) i++;
    if (i >= to) break;
    const start = i;
    let value = '';
    let dynamic = false;
    while (i < to && !/\s/.test(text[i])) {
      const c = text[i];
      if (c === "'") {
        const close = text.indexOf("'", i + 1);
        const end = close === -1 || close >= to ? to : close;
        value += text.slice(i + 1, end);
        i = end + 1;
      } else if (c === '"') {
        let j = i + 1;
        while (j < to && text[j] !== '"') {
          if (text[j] === '\\' && j + 1 < to) j++;
          if (text[j] === '$') dynamic = true;
          value += text[j];
          j++;
        }
        i = j + 1;
      } else {
        if (c === '$' || c === '`') dynamic = true;
        if (c === '\\' && i + 1 < to) i++;
        value += text[i];
        i++;
      }
    }
    out.push({ text: value, start, end: Math.min(i, to), dynamic });
  }
  return out;
}
