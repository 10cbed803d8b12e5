/** Indentation helpers: detect the file's unit, re-indent a completion to it, and limit it to its scope. */

export type IndentUnit = { kind: 'tab' } | { kind: 'spaces'; width: number };

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** Indent width with tabs counted as `tabWidth` columns. */
export function indentWidth(line: string, tabWidth = 4): number {
  let w = 0;
  for (const ch of leadingWhitespace(line)) w += ch === '\t' ? tabWidth : 1;
  return w;
}

/** The file's indent unit, from the most common step between consecutive indented lines; undefined if unknown. */
export function detectIndentUnit(lines: readonly string[]): IndentUnit | undefined {
  let tabs = 0;
  let spaces = 0;
  const steps = new Map<number, number>();
  let prev = -1;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const ws = leadingWhitespace(line);
    if (ws.startsWith('\t')) tabs++;
    else if (ws.length > 0) spaces++;
    const w = ws.includes('\t') ? -1 : ws.length;
    if (w >= 0 && prev >= 0 && w > prev) steps.set(w - prev, (steps.get(w - prev) ?? 0) + 1);
    prev = w;
  }
  if (tabs > spaces) return { kind: 'tab' };
  if (spaces === 0) return undefined;
  let best = 0;
  let bestCount = 0;
  for (const [step, count] of steps) if (count > bestCount || (count === bestCount && step < best)) { best = step; bestCount = count; }
  return best > 0 ? { kind: 'spaces', width: best } : undefined;
}

/**
 * Re-indents lines 1.. of a completion to the file's unit, relative to `baseIndent` (the cursor line's
 * indentation). Only when the completion is consistent in its own unit; otherwise it is returned unchanged.
 */
export function reindent(text: string, baseIndent: string, fileUnit: IndentUnit | undefined): string {
  if (!fileUnit || !text.includes('\n')) return text;
  const lines = text.split('\n');
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const usesTabs = rest.some((l) => leadingWhitespace(l).includes('\t'));
  const unitText = fileUnit.kind === 'tab' ? '\t' : ' '.repeat(fileUnit.width);
  const baseWidth = indentWidth(baseIndent);
  let compUnit = 0;
  if (!usesTabs) {
    for (const l of rest) {
      const d = leadingWhitespace(l).length - baseWidth;
      if (d > 0 && (compUnit === 0 || d < compUnit)) compUnit = d;
    }
  }
  if (usesTabs) {
    if (fileUnit.kind === 'tab') return text;
    compUnit = 4;
  }
  if (compUnit === 0) return text;
  if (fileUnit.kind === 'spaces' && !usesTabs && compUnit === fileUnit.width && !baseIndent.includes('\t')) return text;
  const out = [lines[0]];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') { out.push(''); continue; }
    const w = indentWidth(line) - baseWidth;
    if (w < 0 || w % compUnit !== 0) return text;
    out.push(baseIndent + unitText.repeat(w / compUnit) + line.slice(leadingWhitespace(line).length));
  }
  return out.join('\n');
}

/**
 * Multi-line scope: stop before the first line indented less than the block (`baseIndent`). After an opener,
 * a line back at the opener's own indentation ends the block: a closer there is kept (and ends the completion),
 * anything else is cut.
 */
export function limitToScope(text: string, baseIndent: string, afterOpener: boolean): string {
  const lines = text.split('\n');
  const base = indentWidth(baseIndent);
  const out = [lines[0]];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') { out.push(line); continue; }
    const w = indentWidth(line);
    if (w < base) break;
    if (afterOpener && w === base) {
      if (/^[)\]}]/.test(line.trimStart()) || /^end\b/.test(line.trimStart())) out.push(line);
      break;
    }
    out.push(line);
  }
  return out.join('\n');
}
