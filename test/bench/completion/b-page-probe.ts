/**
 * The in-page probe of benchmark B, installed into the workbench page. Everything is stamped with the page's own
 * clock (performance.now()), so Playwright's round trips add no noise:
 * - keystrokes: the first `keydown` or `beforeinput` (window, capture phase) after the driver announced event #i
 *   (`__benchB.next = i`, set in the same round trip that reads the ghost text before dispatching);
 * - the ghost text: the inline part (`.ghost-text-decoration`) and, in VS Code 1.100, the further lines of a
 *   multi-line suggestion (`.suggest-preview-text .view-line`; also what a next-line suggestion, which starts with a
 *   line break, shows);
 * - ghost text: a MutationObserver on the editor part; whenever the inline suggestion's text (the same selectors as
 *   Workbench.ghostText) changes, the time of the DOM change (`dom`, the observer's callback, which runs right
 *   after Monaco's render inside the animation frame) and the time after that frame was rendered (`painted`, a
 *   MessageChannel task queued from the callback, which cannot run before the frame's style/layout/paint).
 * It is a JS string (not a function) so that the TS loader's helpers never end up in the page.
 */
export interface PageKey {
  i: number;
  /** performance.now() in the listener. */
  t: number;
  /** The event's own timeStamp (when the browser created the input event). */
  ts: number;
  type: string;
  /** The key, or the inserted text. */
  what: string;
  ghostBefore: string;
}

export interface PageGhost {
  /** Index of the last keystroke stamped before this change (-1 before any). */
  key: number;
  dom: number;
  painted: number;
  text: string;
}

export interface PageLog {
  timeOrigin: number;
  keys: PageKey[];
  ghosts: PageGhost[];
}

export const PAGE_PROBE = String.raw`(() => {
  const st = { keys: [], ghosts: [], cur: '', next: -1, stamped: -1 };
  window.__benchB = st;
  const read = () => {
    const inline = Array.from(document.querySelectorAll('.monaco-editor .ghost-text-decoration, .monaco-editor .ghost-text-decoration-preview'))
      .map((e) => e.textContent || '').join('');
    const lines = Array.from(document.querySelectorAll('.monaco-editor .suggest-preview-text .view-line, .monaco-editor .ghost-text .view-line'))
      .map((e) => e.textContent || '');
    return [inline, ...lines].join('\n').replace(/\u00a0/g, ' ').replace(/\n+$/, '');
  };
  const chan = new MessageChannel();
  const waiting = [];
  chan.port1.onmessage = () => { const now = performance.now(); for (const r of waiting.splice(0)) r.painted = now; };
  const check = () => {
    const g = read();
    if (g === st.cur) return;
    st.cur = g;
    const rec = { key: st.stamped, dom: performance.now(), painted: -1, text: g };
    st.ghosts.push(rec);
    waiting.push(rec);
    chan.port2.postMessage(0);
  };
  const target = document.querySelector('.monaco-workbench .part.editor') || document.body;
  new MutationObserver(check).observe(target, { subtree: true, childList: true, characterData: true });
  const stamp = (e) => {
    if (st.next === st.stamped) return;
    if (e.type === 'keydown' && ['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) return;
    st.stamped = st.next;
    st.keys.push({ i: st.next, t: performance.now(), ts: e.timeStamp, type: e.type, what: e.type === 'keydown' ? e.key : e.data, ghostBefore: st.cur });
  };
  window.addEventListener('keydown', stamp, true);
  window.addEventListener('beforeinput', stamp, true);
  return performance.timeOrigin;
})()`;

/** Announces event #i and returns the ghost text on screen now (one round trip). */
export const announce = (i: number): string => `(() => { window.__benchB.next = ${i}; return window.__benchB.cur; })()`;

export const COLLECT = String.raw`(() => ({ timeOrigin: performance.timeOrigin, keys: window.__benchB.keys, ghosts: window.__benchB.ghosts }))()`;
