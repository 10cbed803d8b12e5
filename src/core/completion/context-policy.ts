/**
 * Which documents completion may read: the languages `ascend.completion.languages` enables, and, for the context
 * of recent edits sent with a prompt, never a file that holds secrets. Secret files are matched by gitignore-like
 * patterns (a pattern without '/' matches the file's name; with '/', the path; `**` spans folders). Matching is a
 * linear-time wildcard scan, never a regular expression built from a pattern.
 */
export type LanguageMap = Readonly<Record<string, boolean>>;

/** `ascend.completion.languages`: the language's own entry, else '*', else on. */
export function languageEnabled(languages: LanguageMap, languageId: string): boolean {
  if (Object.hasOwn(languages, languageId)) return languages[languageId] === true;
  if (Object.hasOwn(languages, '*')) return languages['*'] === true;
  return true;
}

/** Files that hold credentials, keys or environment secrets. */
export const SECRET_FILE_PATTERNS: readonly string[] = [
  '.env', '.env.*', '*.env', '.envrc',
  '*.pem', '*.key', '*.p12', '*.pfx', '*.jks', '*.keystore', '*.ppk', '*.kdbx', '*.gpg', '*.asc',
  'id_*', '*_rsa', '*_ed25519', '*_ecdsa', '*_dsa',
  'known_hosts', 'authorized_keys', 'ssh_config', 'sshd_config', '**/.ssh/**', '**/.gnupg/**', '**/.aws/**', '**/.kube/config', '**/.docker/config.json',
  '.netrc', '_netrc', '.npmrc', '.pypirc', '.git-credentials', '.htpasswd', 'credentials', 'credentials.*', '*.secret', '*.secrets', 'secrets.*',
];

/** '*' and '?' within one name; two-pointer scan with one backtrack point (linear in practice, no regex). */
function matchName(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) { p++; n++; }
    else if (p < pattern.length && pattern[p] === '*') { star = p++; mark = n; }
    else if (star >= 0) { p = star + 1; n = ++mark; }
    else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Path segments against pattern segments, '**' matching any number of segments. */
function matchSegments(pattern: readonly string[], parts: readonly string[]): boolean {
  // Dynamic programming over (pattern index, part index): O(p × n) for short paths.
  let reach = new Array<boolean>(parts.length + 1).fill(false);
  reach[0] = true;
  for (const seg of pattern) {
    const next = new Array<boolean>(parts.length + 1).fill(false);
    for (let i = 0; i <= parts.length; i++) {
      if (!reach[i]) continue;
      if (seg === '**') { for (let j = i; j <= parts.length; j++) next[j] = true; continue; }
      if (i < parts.length && matchName(seg, parts[i])) next[i + 1] = true;
    }
    reach = next;
  }
  return reach[parts.length];
}

/** True when `path` (any separators, absolute or relative) is a secret file by SECRET_FILE_PATTERNS (or `patterns`). */
export function isSecretFile(path: string, patterns: readonly string[] = SECRET_FILE_PATTERNS): boolean {
  const parts = path.replace(/\\/g, '/').split('/').filter((x) => x !== '');
  const name = parts.at(-1) ?? '';
  for (const pattern of patterns) {
    if (!pattern.includes('/')) {
      if (matchName(pattern, name)) return true;
    } else {
      const segs = pattern.split('/').filter((x) => x !== '');
      if (matchSegments(segs, parts)) return true;
    }
  }
  return false;
}

/** May an edit of this document go into another file's prompt as recent-edit context? */
export function mayShareAsContext(doc: { languageId: string; path: string }, languages: LanguageMap): boolean {
  return languageEnabled(languages, doc.languageId) && !isSecretFile(doc.path);
}
