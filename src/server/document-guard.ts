/** Files we refuse to analyse: larger than 5 MB, or binary. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export type SkipReason = 'too-large' | 'binary';

export function skipReason(text: string): SkipReason | undefined {
  // Length in UTF-16 units is a lower bound of the UTF-8 size; Buffer.byteLength only when it matters.
  if (text.length > MAX_DOCUMENT_BYTES || (text.length * 3 > MAX_DOCUMENT_BYTES && Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES)) {
    return 'too-large';
  }
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return 'binary';
  return undefined;
}
