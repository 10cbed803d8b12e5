/** Number formatting for the panel, in the UI language; a missing reading shows as an en dash. */
import * as l10n from '@vscode/l10n';

const DASH = '–';
let locale = 'en';
const cache = new Map<string, Intl.NumberFormat>();

export function setLocale(lang: string): void {
  locale = lang;
  cache.clear();
}

function fmt(digits: number): Intl.NumberFormat {
  const key = String(digits);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    cache.set(key, f);
  }
  return f;
}

export function number(v: number | null, digits = 0): string {
  return v === null ? DASH : fmt(digits).format(v);
}

export function percent(v: number | null, digits = 0): string {
  return v === null ? DASH : `${fmt(digits).format(v)}%`;
}

/** MB shown as GB above 1 GB (npu-smi reports MB; 1 GB = 1024 MB as npu-smi's totals such as 65536 suggest). */
export function megabytes(v: number | null): string {
  if (v === null) return DASH;
  return v >= 1024 ? l10n.t('{0} GB', fmt(1).format(v / 1024)) : l10n.t('{0} MB', fmt(0).format(v));
}

export function seconds(v: number | null): string {
  if (v === null) return DASH;
  return v < 1 ? l10n.t('{0} ms', fmt(0).format(v * 1000)) : l10n.t('{0} s', fmt(2).format(v));
}

export { DASH };
