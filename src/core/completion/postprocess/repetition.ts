/** Detects degenerate model output: a line repeated over and over, or a short unit looping. */

export function isRepetitive(text: string): boolean {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  let run = 1;
  for (let i = 1; i < lines.length; i++) {
    run = lines[i] === lines[i - 1] ? run + 1 : 1;
    if (run >= 3) return true;
  }
  const s = text.trim();
  for (let unit = 1; unit <= 10; unit++) {
    const minRepeats = unit === 1 ? 8 : 4;
    if (s.length < unit * minRepeats) break;
    const piece = s.slice(s.length - unit);
    let count = 0;
    let end = s.length;
    while (end - unit >= 0 && s.slice(end - unit, end) === piece) { count++; end -= unit; }
    if (count >= minRepeats && count * unit >= 0.6 * s.length) return true;
  }
  return false;
}
