/**
 * Extra context from recently edited ranges of other files, in DeepSeek-Coder's repository-level form: a
 * file-path comment line before each file's text (docs/ascend-facts.md §5). Gathering has a hard deadline (~20 ms);
 * whatever is not ready by then is left out, so context never delays a completion.
 */
import { languageIdFromFileName, languageInfo } from './language-info';

export interface RecentEdit {
  /** Path as it should appear in the comment (workspace-relative is best). */
  fileName: string;
  /** The edited range's text (whole lines). */
  text: string;
  languageId?: string;
}

export type RecentEditsSource = readonly RecentEdit[] | (() => readonly RecentEdit[] | Promise<readonly RecentEdit[]>);

export interface ExtraContextOptions {
  deadlineMs: number;
  maxChars: number;
}

export const DEFAULT_EXTRA_CONTEXT: ExtraContextOptions = { deadlineMs: 20, maxChars: 2_000 };

export function pathComment(fileName: string, languageId?: string): string {
  const info = languageInfo(languageId ?? languageIdFromFileName(fileName));
  return `${info.lineComment} ${fileName}\n`;
}

/**
 * Formats edits of files other than `currentFile`. Files are ordered by name, not by recency, so the text (the
 * first part of the prompt) stays the same while the user types in one file and vLLM's prefix cache keeps hitting.
 */
export function formatExtraContext(edits: readonly RecentEdit[], currentFile: string, maxChars: number): string {
  const byFile = new Map<string, RecentEdit[]>();
  for (const e of edits) {
    if (e.fileName === currentFile || e.text.trim() === '') continue;
    const list = byFile.get(e.fileName) ?? [];
    list.push(e);
    byFile.set(e.fileName, list);
  }
  let out = '';
  for (const name of [...byFile.keys()].sort()) {
    const list = byFile.get(name) ?? [];
    const body = list.map((e) => (e.text.endsWith('\n') ? e.text : e.text + '\n')).join('');
    const block = pathComment(name, list[0]?.languageId) + body;
    if (out.length + block.length > maxChars) continue;
    out += block;
  }
  return out;
}

/** Resolves the source within the deadline; late or failing sources give no context. */
export async function gatherExtraContext(
  source: RecentEditsSource | undefined,
  currentFile: string,
  opts: ExtraContextOptions = DEFAULT_EXTRA_CONTEXT,
): Promise<{ text: string; timedOut: boolean }> {
  if (!source) return { text: '', timedOut: false };
  if (typeof source !== 'function') return { text: formatExtraContext(source, currentFile, opts.maxChars), timedOut: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), opts.deadlineMs); });
  try {
    const edits = await Promise.race([Promise.resolve().then(source), late]);
    if (edits === 'late') return { text: '', timedOut: true };
    return { text: formatExtraContext(edits, currentFile, opts.maxChars), timedOut: false };
  } catch {
    return { text: '', timedOut: false };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
