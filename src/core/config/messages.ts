/** Localized wording shared by several rules. */
import { t } from '../l10n/index';
import type { PropSchema } from './schemas';

export function expectedText(def: PropSchema): string {
  const xt = def['x-type'];
  const types = Array.isArray(def.type) ? def.type : def.type ? [def.type] : [];
  const base = xt ?? (types.includes('boolean') ? 'bool' : types.includes('integer') ? 'int' : types.includes('number') ? 'float'
    : types.includes('array') ? 'list' : types.includes('object') ? 'dict' : 'str');
  if (base === 'bool') return t('true or false');
  if (base === 'int') return def.pattern?.includes('[kmgt]') ? t('an integer (16384, 16k or 16K)') : t('an integer');
  if (base === 'float') return t('a number');
  if (base.startsWith('list')) return t('a list');
  if (base === 'dict' || base.startsWith('json')) return t('a mapping (or a JSON string)');
  if (base === 'bool|str') return t('true or a string');
  return t('a string');
}

export function showValue(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(v);
  }
}
