/**
 * The completion cache. An entry's key is a hash of the exact context around the cursor line (window text above
 * it, the rest of the line, the text below) plus the cursor line's prefix, so a lookup is one hash and one Map
 * access, whatever the cache size: no prefix scans.
 *
 * - Typing-through: storing a completion also stores, for each of the next characters of its first line, the
 *   entry the user reaches by typing that character (line prefix + typed → rest of the completion).
 * - Backspace: the entries of the shorter line prefixes (earlier requests, or typed-through ones) are still there;
 *   storing also fills the few shorter prefixes that have no entry of their own (deleted text + completion).
 * - Empty answers are stored too (negative entries), so the same context is not asked again.
 */
import { createHash } from 'node:crypto';
import type { CompletionMode } from './completion-mode';
import type { DocumentWindow } from './document-window';
import { LruMap } from './lru-map';

export interface CachedCompletion {
  /** Raw model text continuing the line prefix of the key. */
  text: string;
  mode: CompletionMode;
  afterOpener: boolean;
}

export interface CacheOptions {
  capacity: number;
  /** How many characters ahead typing-through fills. */
  forwardChars: number;
  /** How many characters behind backspace reuse fills. */
  backwardChars: number;
}

export const DEFAULT_CACHE: CacheOptions = { capacity: 500, forwardChars: 32, backwardChars: 8 };

/** Hash of everything around the cursor line that a completion depends on. */
export function contextHash(w: Pick<DocumentWindow, 'prefixAbove' | 'lineSuffix' | 'suffixBelow'>): string {
  return createHash('sha1').update(w.prefixAbove).update('\u0000').update(w.lineSuffix).update('\u0000')
    .update(w.suffixBelow).digest('base64');
}

export class CompletionCache {
  private readonly lru: LruMap<string, CachedCompletion>;

  constructor(private readonly opts: CacheOptions = DEFAULT_CACHE) {
    this.lru = new LruMap(opts.capacity);
  }

  get size(): number {
    return this.lru.size;
  }

  private key(hash: string, linePrefix: string): string {
    return `${hash}\u0000${linePrefix}`;
  }

  lookup(hash: string, linePrefix: string): CachedCompletion | undefined {
    return this.lru.get(this.key(hash, linePrefix));
  }

  store(hash: string, linePrefix: string, entry: CachedCompletion): void {
    if (entry.text.trim() === '') {
      // A negative entry: this exact context gave nothing. No typing-through or backspace entries from it.
      this.lru.set(this.key(hash, linePrefix), entry);
      return;
    }
    // Backward entries first, so the exact and forward entries are the most recent.
    for (let i = 1; i <= this.opts.backwardChars && i <= linePrefix.length; i++) {
      const shorter = linePrefix.slice(0, linePrefix.length - i);
      const k = this.key(hash, shorter);
      if (!this.lru.has(k)) this.lru.set(k, { ...entry, text: linePrefix.slice(shorter.length) + entry.text });
    }
    this.lru.set(this.key(hash, linePrefix), entry);
    const nl = entry.text.indexOf('\n');
    const firstLine = nl < 0 ? entry.text : entry.text.slice(0, nl);
    const n = Math.min(firstLine.length, this.opts.forwardChars);
    for (let i = 1; i <= n; i++) {
      const rest = entry.text.slice(i);
      if (rest.trim() === '') break;
      this.lru.set(this.key(hash, linePrefix + entry.text.slice(0, i)), { ...entry, text: rest });
    }
  }

  /** Stores one entry under its exact key only (no typing-through or backspace entries). */
  put(hash: string, linePrefix: string, entry: CachedCompletion): void {
    this.lru.set(this.key(hash, linePrefix), entry);
  }

  clear(): void {
    this.lru.clear();
  }
}
