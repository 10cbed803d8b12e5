/** Hover on a key (or its value): type, default, allowed values, description, version, link. */
import { t } from '../l10n/index';
import { cursorAt } from './cursor';
import { classify } from './files';
import { buildContext } from './context';
import { normalizeServeKey } from './keys';
import { keyDef } from './schema-at';
import type { PropSchema } from './schemas';
import { schemaVersions, serveDef, serveKeyElsewhere } from './schemas';
import { parseYaml } from './yaml-source';
import type { TargetChoice } from '../versions/target-select';

/** Where the target release came from, for the hover footer and the status bar. */
export function targetSourceLabel(c: TargetChoice): string {
  switch (c.source) {
    case 'override': return t('set by the user');
    case 'descriptor': return t('from the descriptor target.vllmAscend');
    case 'image': return t('from the image {0}', c.detail ?? '');
    case 'pip': return t('from the pin {0}', c.detail ?? '');
    case 'host': return t('installed on the host');
    default: return t('newest final release; nothing names one');
  }
}

export function hoverMarkdown(key: string, def: PropSchema, _locale?: string, target?: TargetChoice): string {
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
  const v = schemaVersions(target?.tag);
  const why = target ? ` · ${t('target {0}', target.tag)} (${targetSourceLabel(target)})` : '';
  lines.push('', `_vLLM ${v.vllm} / vllm-ascend ${v.line}${why}_${link}`);
  return lines.join('\n');
}

export function configHover(input: {
  fileName: string; text: string; line: number; column: number; locale?: string;
  targetVersion?: string; workspaceFiles?: (relPath: string) => string | undefined;
}): string | null {
  const kind = classify(input.fileName, input.text);
  if (kind !== 'vllm-serve' && kind !== 'deploy') return null;
  const cur = cursorAt(input.text, input.line, input.column);
  if (!cur.key || (!cur.onKey && !cur.inValue)) return null;
  if (cur.onKey && input.column < cur.keyStart) return null;
  const ctx = buildContext({ fileName: input.fileName, kind, src: parseYaml(input.text), targetVersion: input.targetVersion, workspaceFiles: input.workspaceFiles });
  const target = ctx.target;
  const def = keyDef(kind, cur.path, cur.key, input.locale, target.tag);
  if (def) return hoverMarkdown(cur.key, def, input.locale, target);
  // A serve key of another release line: its description there, and which lines have it.
  const inServe = kind === 'vllm-serve' ? cur.path.length === 0 : cur.path.length === 1 && cur.path[0] === 'serve';
  const elsewhere = inServe ? serveKeyElsewhere(normalizeServeKey(cur.key), target.tag) : undefined;
  const other = elsewhere ? serveDef(normalizeServeKey(cur.key), input.locale, elsewhere.lines[0]) : undefined;
  if (!elsewhere || !other) return null;
  const note = elsewhere.removedIn
    ? t('Not in vllm-ascend {0}: removed in {1}.', target.line, elsewhere.removedIn)
    : t('Not in vllm-ascend {0}: exists from {1}.', target.line, elsewhere.since ?? '');
  return `⚠ ${note} ${t('Release lines that have it: {0}.', elsewhere.lines.join(', '))}\n\n${hoverMarkdown(cur.key, other, input.locale)}`;
}
