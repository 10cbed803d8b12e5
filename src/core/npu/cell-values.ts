/**
 * Reading the cells of npu-smi's box-drawn tables. Cells are split on `|`, never on fixed columns: the
 * table width varies from 93 to 116 characters between driver versions (docs/ascend-facts.md §4 item 1).
 */
import type { UsedTotal } from './types';

/** Values npu-smi prints where it has no reading. They become null, never 0. */
const NULL_TOKENS = new Set(['NA', '-']);

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** `+----+----+` or `+====+====+`, possibly with one long run and no inner `+`. */
export function isBorderLine(line: string): boolean {
  return /^\+[-=+]*\+$/.test(line) && line.length > 2;
}

/** A border made of `=`: separates header from body and NPU blocks from each other. */
export function isDoubleBorder(line: string): boolean {
  return isBorderLine(line) && line.includes('=');
}

/**
 * The trimmed cells of a `| a | b | c |` row, or null if the line does not both start and end with `|`
 * (a row cut short by truncation ends without its closing bar).
 */
export function splitTableRow(line: string): string[] | null {
  if (line.length < 2 || !line.startsWith('|') || !line.endsWith('|')) return null;
  return line.slice(1, -1).split('|').map((c) => c.trim());
}

/**
 * Whitespace tokens of a metrics cell, with `a / b`, `a/ b` and `a /b` glued into one `a/b` token, so
 * that `0    / 0` and `65099/ 65536` both read as one pair.
 */
export function metricTokens(cell: string): string[] {
  const glued = cell.replace(/\s*\/\s*/g, '/').trim();
  return glued === '' ? [] : glued.split(/\s+/);
}

/** A number, null for NA / -, or undefined when the token is neither (the caller reports the row). */
export function scalarValue(token: string): number | null | undefined {
  if (NULL_TOKENS.has(token)) return null;
  return NUMBER.test(token) ? Number(token) : undefined;
}

/** An integer id, or undefined. */
export function integerValue(token: string | undefined): number | undefined {
  return token !== undefined && /^\d+$/.test(token) ? Number(token) : undefined;
}

/**
 * A `used/total` token as produced by {@link metricTokens}. A lone `NA`/`-`, or a pair with a side that
 * reads NA/-, gives null (no half-known pairs). Anything else non-numeric gives undefined.
 */
export function pairValue(token: string): UsedTotal | null | undefined {
  if (NULL_TOKENS.has(token)) return null;
  const parts = token.split('/');
  if (parts.length !== 2) return undefined;
  const used = scalarValue(parts[0]);
  const total = scalarValue(parts[1]);
  if (used === undefined || total === undefined) return undefined;
  if (used === null || total === null) return null;
  return { used, total };
}

/** A text cell: null when blank or NA / -. */
export function textValue(cell: string): string | null {
  const v = cell.trim();
  return v === '' || NULL_TOKENS.has(v) ? null : v;
}
