/** The file name the rules see for a document URI (a path for file: URIs, the decoded path part otherwise). */
import { fileURLToPath } from 'node:url';

export function fileNameOf(uri: string): string {
  if (uri.startsWith('file:')) {
    try { return fileURLToPath(uri); } catch { /* fall through */ }
  }
  const path = uri.replace(/^[a-z][\w+.-]*:/i, '');
  try { return decodeURIComponent(path); } catch { return path; }
}

