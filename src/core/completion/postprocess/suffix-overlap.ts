/** Removing text the document already has after the cursor. */

const SHORT_OVERLAP_OK = new Set([';', ',', ')', ']', '}', ':', '"', "'", '`']);

/**
 * Single line: if the completion ends with the start of the rest of the line, cut that tail (the user keeps the
 * document's copy). One-character overlaps count only for punctuation.
 */
export function trimLineSuffixOverlap(text: string, rest: string): string {
  const r = rest.trimEnd();
  for (let j = Math.min(text.length, r.length); j >= 1; j--) {
    const head = r.slice(0, j);
    if (!text.endsWith(head)) continue;
    if (j === 1 && !SHORT_OVERLAP_OK.has(head)) continue;
    return text.slice(0, text.length - j);
  }
  return text;
}

/**
 * Multi-line: drop trailing completion lines equal (ignoring surrounding whitespace) to the first non-blank lines
 * after the cursor, e.g. a closing `}` the editor already has.
 */
export function dropDuplicatedSuffixLines(text: string, suffixBelow: string): string {
  const lines = text.split('\n');
  const next = suffixBelow.split('\n').map((l) => l.trim()).filter((l) => l !== '').slice(0, 8);
  for (let n = Math.min(lines.length, next.length); n >= 1; n--) {
    const tail = lines.slice(lines.length - n).map((l) => l.trim());
    if (tail.every((l, i) => l === next[i]) && tail.some((l) => l !== '')) {
      return lines.slice(0, lines.length - n).join('\n');
    }
  }
  return text;
}
