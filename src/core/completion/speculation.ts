/**
 * Speculative next request: while a suggestion is on screen, the continuation after it is asked for before the user
 * accepts it (as llama.vscode's speculative FIM does), so accepting it finds the next suggestion in the cache. Only a
 * suggestion that ends at the end of its line qualifies (a read on from there is a line chain that fills the cache
 * line by line), and only one that inserts without replacing text after the cursor, so typing it through keeps
 * the document's tail what the request assumed.
 */
export interface AcceptedState {
  /** The real document before the cursor now. */
  base: string;
  /** The suggestion, assumed accepted. */
  assumed: string;
  /** The document as it will be: before the cursor (base + assumed) and after it. */
  before: string;
  after: string;
}

export function acceptedState(documentText: string, shown: { text: string; replaceStart: number; replaceEnd: number }): AcceptedState | undefined {
  if (shown.replaceEnd !== shown.replaceStart || shown.text.trim() === '') return undefined;
  const after = documentText.slice(shown.replaceEnd);
  if (!(after === '' || after.startsWith('\n') || after.startsWith('\r\n'))) return undefined;
  const base = documentText.slice(0, shown.replaceStart);
  return { base, assumed: shown.text, before: base + shown.text, after };
}
