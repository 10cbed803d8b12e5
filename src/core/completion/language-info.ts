/**
 * What the completion engine needs to know about a language: its line comment (for the file-path comment of
 * extra context), its top-level keywords (sent as `"\n" + keyword` stops, as Tabby's languages.toml does, so a
 * multi-line completion ends where the next top-level definition would begin), and whether blocks open with ':'.
 * Keyword lists are ours, chosen by the languages' grammars; the project reference lists none.
 */
export interface LanguageInfo {
  readonly lineComment: string;
  readonly topLevelKeywords: readonly string[];
  /** True when a block opener is a trailing ':' (Python). */
  readonly colonOpensBlock: boolean;
}

const C_LIKE_TOP = ['#include', '#define', 'int ', 'void ', 'static ', 'struct ', 'typedef '];

const INFO: Record<string, LanguageInfo> = {
  python: { lineComment: '#', topLevelKeywords: ['def ', 'class ', 'async def ', 'if __name__', '@'], colonOpensBlock: true },
  typescript: {
    lineComment: '//',
    topLevelKeywords: ['function ', 'export ', 'class ', 'interface ', 'type ', 'import ', 'async function '],
    colonOpensBlock: false,
  },
  javascript: {
    lineComment: '//',
    topLevelKeywords: ['function ', 'export ', 'class ', 'import ', 'async function ', 'module.exports'],
    colonOpensBlock: false,
  },
  go: { lineComment: '//', topLevelKeywords: ['func ', 'type ', 'var ', 'const ', 'import ', 'package '], colonOpensBlock: false },
  rust: {
    lineComment: '//',
    topLevelKeywords: ['fn ', 'pub ', 'impl ', 'struct ', 'enum ', 'mod ', 'use ', 'trait ', '#['],
    colonOpensBlock: false,
  },
  java: { lineComment: '//', topLevelKeywords: ['public ', 'class ', 'import ', 'package ', 'interface '], colonOpensBlock: false },
  c: { lineComment: '//', topLevelKeywords: C_LIKE_TOP, colonOpensBlock: false },
  cpp: { lineComment: '//', topLevelKeywords: [...C_LIKE_TOP, 'class ', 'namespace ', 'template'], colonOpensBlock: false },
  shellscript: { lineComment: '#', topLevelKeywords: ['function '], colonOpensBlock: false },
  yaml: { lineComment: '#', topLevelKeywords: [], colonOpensBlock: true },
  dockerfile: { lineComment: '#', topLevelKeywords: ['FROM '], colonOpensBlock: false },
  ruby: { lineComment: '#', topLevelKeywords: ['def ', 'class ', 'module '], colonOpensBlock: false },
  lua: { lineComment: '--', topLevelKeywords: ['function ', 'local function '], colonOpensBlock: false },
  sql: { lineComment: '--', topLevelKeywords: [], colonOpensBlock: false },
};
INFO.typescriptreact = INFO.typescript;
INFO.javascriptreact = INFO.javascript;

const FALLBACK: LanguageInfo = { lineComment: '//', topLevelKeywords: [], colonOpensBlock: false };

export function languageInfo(languageId: string): LanguageInfo {
  return INFO[languageId] ?? FALLBACK;
}

/** VS Code language id from a file name, for extra-context files whose language the caller did not give. */
export function languageIdFromFileName(fileName: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const map: Record<string, string> = {
    py: 'python', ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', mjs: 'javascript', cjs: 'javascript',
    jsx: 'javascriptreact', go: 'go', rs: 'rust', java: 'java', c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', hpp: 'cpp',
    sh: 'shellscript', bash: 'shellscript', yaml: 'yaml', yml: 'yaml', rb: 'ruby', lua: 'lua', sql: 'sql',
  };
  if (/(^|[/\\])Dockerfile[^/\\]*$/.test(fileName)) return 'dockerfile';
  return map[ext] ?? 'plaintext';
}
