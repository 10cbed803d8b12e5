// Structure of an npu-smi table line, for comparing our output with a real one column for column:
// borders must be identical; other lines must have their `|` at the same columns, the same length and the
// same number of values in each cell (values themselves may differ).
export function lineShape(line: string): string {
  const l = line.trimEnd();
  if (l.startsWith('+')) return `border ${l}`;
  const bars = [...l].map((c, i) => (c === '|' ? i : -1)).filter((i) => i >= 0);
  const cells = l.split('|').slice(1, -1).map((c) => c.replace(/\//g, ' / ').trim().split(/\s+/).filter(Boolean).length);
  return `row len=${l.length} bars=${bars.join(',')} values=${cells.join(',')}`;
}

export function shapes(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '').map(lineShape);
}
