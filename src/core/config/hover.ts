/** Hover on a key (or its value): type, default, allowed values, description, version, link. */
import { t } from '../l10n/index';
import { cursorAt } from './cursor';
import { classify } from './files';
import { keyDef } from './schema-at';
import type { PropSchema } from './schemas';
import { SCHEMA_VLLM_ASCEND_VERSION, SCHEMA_VLLM_VERSION } from './schemas';

export function hoverMarkdown(key: string, def: PropSchema, _locale?: string): string {
  const lines: string[] = [];
  const flag = def['x-flag'] ? ` (\`${def['x-flag']}\`)` : '';
  const ty = def['x-type'] ?? (Array.isArray(def.type) ? def.type.join(' | ') : def.type ?? '');
  lines.push(`**\`${key}\`**${flag}${ty ? ` · \`${ty}\`` : ''}`);
  if (def['x-removedIn']) lines.push('', `⚠ ${t('Removed in vllm-ascend {0}.', def['x-removedIn'])}${def['x-replacement'] ? ` ${def['x-replacement']}` : ''}`);
  if (def.description) lines.push('', def.description);
  const facts: string[] = [];
  if (def.default !== undefined) facts.push(`${t('Default')}: \`${JSON.stringify(def.default)}\``);
  else if (def['x-defaultNote']) facts.push(`${t('Default')}: ${def['x-defaultNote']}`);
  const allowed = (def.enum ?? []).filter((v) => v !== null && !(typeof v === 'string' && /^\d+$/.test(v) && def.enum?.includes(Number(v))));
  if (allowed.length) facts.push(`${t('Allowed values')}: ${allowed.map((v) => `\`${String(v)}\``).join(', ')}`);
  else if (def['x-knownValues']?.length) facts.push(`${t('Known values (not enforced)')}: ${def['x-knownValues'].slice(0, 30).map((v) => `\`${v}\``).join(', ')}`);
  if (def['x-aliases']?.length) facts.push(`${t('Command-line alias (not in files)')}: \`${def['x-aliases'].join('`, `')}\``);
  if (def['x-hasNoForm']) facts.push(t('Switch off with no-{0}: true (false is ignored in a config file).', key));
  if (facts.length) lines.push('', facts.map((f) => `- ${f}`).join('\n'));
  const notes = def.markdownDescription && def.description && def.markdownDescription.startsWith(def.description)
    ? def.markdownDescription.slice(def.description.length).trim() : '';
  if (notes) lines.push('', notes);
  const link = def['x-doc'] ? ` · [${t('source')}](${def['x-doc']})` : '';
  lines.push('', `_vLLM ${SCHEMA_VLLM_VERSION} / vllm-ascend ${SCHEMA_VLLM_ASCEND_VERSION}_${link}`);
  return lines.join('\n');
}

export function configHover(input: { fileName: string; text: string; line: number; column: number; locale?: string }): string | null {
  const kind = classify(input.fileName, input.text);
  if (kind !== 'vllm-serve' && kind !== 'deploy') return null;
  const cur = cursorAt(input.text, input.line, input.column);
  if (!cur.key || (!cur.onKey && !cur.inValue)) return null;
  if (cur.onKey && input.column < cur.keyStart) return null;
  const def = keyDef(kind, cur.path, cur.key, input.locale);
  return def ? hoverMarkdown(cur.key, def, input.locale) : null;
}
