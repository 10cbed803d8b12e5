/** Matches job and server logs against the known-error catalogue (docs/ascend-facts.md §7); every match carries its line number, cause and fix. */
import { CATALOGUE, type CatalogueEntry } from './catalogue';

export interface DiagnosisMatch {
  id: string;
  /** 1-based line number in the text given. */
  line: number;
  /** The matching line, trimmed and cut to 300 characters. */
  text: string;
  cause: string;
  fix: string;
}

export interface DiagnoseOptions {
  /** Matches kept per catalogue entry (first ones). Default 5. */
  maxPerEntry?: number;
  /** Number of the first line of `text` in the whole log (for tailing). Default 1. */
  firstLine?: number;
  catalogue?: readonly CatalogueEntry[];
}

/** Lines of docker's JSON log or our job logs may carry ANSI colours; they must not break the patterns. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

export function diagnoseLog(text: string, opts: DiagnoseOptions = {}): DiagnosisMatch[] {
  const max = opts.maxPerEntry ?? 5;
  const first = opts.firstLine ?? 1;
  const catalogue = opts.catalogue ?? CATALOGUE;
  const counts = new Map<string, number>();
  const out: DiagnosisMatch[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(ANSI, '');
    if (line.length === 0) continue;
    for (const e of catalogue) {
      if ((counts.get(e.id) ?? 0) >= max || !e.pattern.test(line)) continue;
      counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
      out.push({ id: e.id, line: first + i, text: line.trim().slice(0, 300), cause: e.cause(), fix: e.fix() });
    }
  }
  return out;
}

/** One entry per catalogue id (its first match), for a short summary. */
export function distinctCauses(matches: readonly DiagnosisMatch[]): DiagnosisMatch[] {
  const seen = new Set<string>();
  return matches.filter((m) => (seen.has(m.id) ? false : (seen.add(m.id), true)));
}
