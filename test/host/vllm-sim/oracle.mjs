// The simulated model's "knowledge": given a corpus of source files, it returns the true continuation of
// the prompt's prefix when the corpus contains it, and a plausible line otherwise. Deterministic.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const FIM_BEGIN = '<\uFF5Cfim\u2581begin\uFF5C>';
export const FIM_HOLE = '<\uFF5Cfim\u2581hole\uFF5C>';
export const FIM_END = '<\uFF5Cfim\u2581end\uFF5C>';

/** Splits text into "tokens": a newline, or a word/punctuation with the spaces before it. */
export function tokenize(text) {
  return text.match(/\n|[ \t\r\f\v]*[A-Za-z0-9_]+|[ \t\r\f\v]*[^\sA-Za-z0-9_]|[ \t\r\f\v]+|[\s\S]/g) ?? [];
}

export function loadCorpus(dirs) {
  const docs = [];
  const walk = (d) => {
    let entries;
    try { entries = readdirSync(d); } catch { return; }
    for (const e of entries) {
      const p = join(d, e);
      try {
        const st = statSync(p);
        if (st.isDirectory()) walk(p);
        else if (st.size < 2_000_000) docs.push(readFileSync(p, 'utf8'));
      } catch { /* unreadable */ }
    }
  };
  for (const d of dirs) walk(d);
  return docs;
}

export function splitPrompt(prompt) {
  const b = prompt.indexOf(FIM_BEGIN);
  const h = prompt.indexOf(FIM_HOLE);
  const e = prompt.indexOf(FIM_END);
  if (b >= 0 && h > b && e > h) return { prefix: prompt.slice(b + FIM_BEGIN.length, h), suffix: prompt.slice(h + FIM_HOLE.length, e) };
  return { prefix: prompt, suffix: '' };
}

function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
  return h >>> 0;
}

const PLAUSIBLE = ['return result', 'pass', 'raise NotImplementedError', 'print(value)', 'self.count += 1', 'continue'];

/** @returns {{ text: string, known: boolean }} */
export function continuation(docs, prompt) {
  const { prefix, suffix } = splitPrompt(prompt);
  for (const len of [240, 160, 96, 64, 40, 24, 16]) {
    if (prefix.length < len && len !== 16) continue;
    const tail = prefix.slice(-len);
    if (tail.trim().length < 8) continue;
    for (const doc of docs) {
      const at = doc.indexOf(tail);
      if (at < 0) continue;
      let text = doc.slice(at + tail.length);
      const anchor = suffix.trimStart().slice(0, 40);
      if (anchor) {
        const end = text.indexOf(anchor);
        if (end >= 0) text = text.slice(0, end).replace(/[ \t]*$/, '');
      } else if (suffix && text.endsWith(suffix)) {
        text = text.slice(0, -suffix.length);
      }
      return { text, known: true };
    }
  }
  const lines = prefix.split('\n');
  const last = lines[lines.length - 1];
  const indent = /^\s*/.exec(last)?.[0] ?? '';
  const extra = /:\s*$/.test(last) ? '    ' : '';
  const line = PLAUSIBLE[hash(prefix) % PLAUSIBLE.length];
  return { text: last.trim() ? `\n${indent}${extra}${line}\n` : `${line}\n`, known: false };
}
