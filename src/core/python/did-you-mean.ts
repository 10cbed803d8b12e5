/** Nearest names by edit distance, for "did you mean" quick fixes. */
import { editDistance } from '../edit-distance';

/** Up to `limit` candidates within a distance of about a third of the name's length, nearest first. */
export function nearest(name: string, candidates: readonly string[], limit = 3): string[] {
  const max = Math.max(2, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  return candidates
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase(), max) }))
    .filter((x) => x.d <= max && x.c !== name)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, limit)
    .map((x) => x.c);
}
