/** The file name the rules see for a document URI (a path for file: URIs, the decoded path part otherwise). */
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export function fileNameOf(uri: string): string {
  if (uri.startsWith('file:')) {
    try { return fileURLToPath(uri); } catch { /* fall through */ }
  }
  const path = uri.replace(/^[a-z][\w+.-]*:/i, '');
  try { return decodeURIComponent(path); } catch { return path; }
}


/** The workspace folder holding `fileName` (the innermost one), if any. */
export function workspaceFolderOf(fileName: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const f of folders) {
    const prefix = f.endsWith(sep) ? f : f + sep;
    if (fileName.startsWith(prefix) && (!best || f.length > best.length)) best = f;
  }
  return best;
}
