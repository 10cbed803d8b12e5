/**
 * Where analyze-file.ts gets a file's text: an editor buffer already in memory, or a file on disk that is read only
 * when it is under the size limit (its head is enough to say what it is and that it is skipped). And the one reader
 * of other files (siblings) for cross-file rules, bounded by MAX_SIBLING_BYTES.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { exceeds, HEAD_CHARS, MAX_SIBLING_BYTES } from './limits';

export interface FileSource {
  /** Is it larger than `bytes` (UTF-8)? */
  largerThan(bytes: number): boolean;
  /** The first HEAD_CHARS characters (or fewer). */
  head(): string;
  /** The whole text. */
  text(): string;
}

export function textSource(text: string): FileSource {
  return {
    largerThan: (bytes) => exceeds(text, bytes),
    head: () => (text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text),
    text: () => text,
  };
}

/** A regular file on disk; throws (ENOENT, EISDIR…) from the stat when it cannot be read. */
export function diskSource(path: string): FileSource {
  const st = statSync(path);
  if (!st.isFile()) throw new Error(`not a regular file: ${path}`);
  let text: string | undefined;
  const read = (): string => (text ??= readFileSync(path, 'utf8'));
  return {
    largerThan: (bytes) => st.size > bytes,
    head: () => {
      if (text !== undefined || st.size <= HEAD_CHARS) return read().slice(0, HEAD_CHARS);
      const fd = openSync(path, 'r');
      try {
        const buf = Buffer.alloc(HEAD_CHARS);
        const n = readSync(fd, buf, 0, HEAD_CHARS, 0);
        return buf.subarray(0, n).toString('utf8');
      } finally {
        closeSync(fd);
      }
    },
    text: read,
  };
}

export interface SiblingReaderOptions {
  /** Folder that relative paths are resolved against (the CLI's working directory); absolute paths only without it. */
  base?: string;
  /** Text of a file open in an editor (unsaved changes win over the disk). */
  openText?: (absPath: string) => string | undefined;
}

/** Reads another file for cross-file rules: undefined when absent, unreadable or larger than MAX_SIBLING_BYTES. */
export function siblingReader(options: SiblingReaderOptions = {}): (path: string) => string | undefined {
  return (path) => {
    const abs = isAbsolute(path) ? path : options.base !== undefined ? resolve(options.base, path) : undefined;
    if (abs === undefined) return undefined;
    const open = options.openText?.(abs);
    if (open !== undefined) return exceeds(open, MAX_SIBLING_BYTES) ? undefined : open;
    try {
      const st = statSync(abs);
      if (!st.isFile() || st.size > MAX_SIBLING_BYTES) return undefined;
      return readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
  };
}
