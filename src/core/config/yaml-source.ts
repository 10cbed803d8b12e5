/**
 * Parses a YAML config with the `yaml` package, keeping source ranges, with bounds against hostile input:
 * alias bombs (maxAliasCount) and very deep nesting (checked by a linear pre-scan before parsing, since the
 * composer recurses per level).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import type { Range } from '../diagnostics';

/** Deeper flow/block nesting than this is refused. Real configs nest 3-4 levels. */
export const MAX_NESTING = 64;
/** Alias expansions allowed when converting to plain values (yaml's own default is 100). */
export const MAX_ALIAS_COUNT = 100;

export interface YamlProblem {
  kind: 'syntax' | 'too-deep' | 'alias-bomb';
  message: string;
  range: Range;
}

export interface YamlSource {
  text: string;
  doc: Document | null;
  lines: LineCounter;
  /** Plain JS value of the document, or undefined when it could not be built. */
  value: unknown;
  problems: YamlProblem[];
}

export function offsetRange(lines: LineCounter, start: number, end: number): Range {
  const a = lines.linePos(start);
  const b = lines.linePos(Math.max(start, end));
  return { startLine: a.line - 1, startColumn: a.col - 1, endLine: b.line - 1, endColumn: b.col - 1 };
}

/** Maximum nesting depth by brackets and by indentation, in one pass. */
export function nestingDepth(text: string): number {
  let flow = 0;
  let maxFlow = 0;
  let maxIndent = 0;
  let atLineStart = true;
  let indent = 0;
  let inComment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { atLineStart = true; indent = 0; inComment = false; continue; }
    if (inComment) continue;
    if (atLineStart) {
      if (c === 32 || c === 45 /* '-' of nested sequences */) { indent++; continue; }
      atLineStart = false;
      if (indent > maxIndent) maxIndent = indent;
    }
    if (c === 35) inComment = true;
    else if (c === 91 || c === 123) { flow++; if (flow > maxFlow) maxFlow = flow; }
    else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  // Two spaces per level is the usual style; one space per level is the worst case yaml accepts.
  return Math.max(maxFlow, Math.ceil(maxIndent / 2));
}

export function parseYaml(text: string): YamlSource {
  const lines = new LineCounter();
  const problems: YamlProblem[] = [];
  if (nestingDepth(text) > MAX_NESTING) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines.addNewLine(i + 1);
    problems.push({ kind: 'too-deep', message: '', range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 } });
    return { text, doc: null, lines, value: undefined, problems };
  }
  // yaml's own duplicate-key check is quadratic; duplicates are reported per serve key instead (ASC114),
  // as a warning: PyYAML, which vLLM uses, keeps the last value.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  for (const e of doc.errors) {
    problems.push({ kind: 'syntax', message: e.message, range: offsetRange(lines, e.pos[0], e.pos[1]) });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const bomb = /alias count/i.test(message);
    problems.push({
      kind: bomb ? 'alias-bomb' : 'syntax',
      message,
      range: bomb ? firstAliasRange(doc, lines) : { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
    });
    value = undefined;
  }
  return { text, doc, lines, value, problems };
}

function firstAliasRange(doc: Document, lines: LineCounter): Range {
  let found: Range | undefined;
  const visit = (n: unknown): void => {
    if (found || !n) return;
    if (isAlias(n) && n.range) { found = offsetRange(lines, n.range[0], n.range[1]); return; }
    if (isMap(n) || isSeq(n)) for (const it of n.items) visit(it);
    if (isPair(n)) { visit(n.key); visit(n.value); }
  };
  visit(doc.contents);
  return found ?? { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
}

export function nodeRange(src: YamlSource, node: Node | null | undefined): Range | undefined {
  if (!node || !node.range) return undefined;
  return offsetRange(src.lines, node.range[0], node.range[1]);
}

/** The pairs of a mapping node, with their key text. */
export function mapPairs(node: unknown): Array<{ key: string; pair: Pair<Node, Node | null> }> {
  if (!isMap(node)) return [];
  const out: Array<{ key: string; pair: Pair<Node, Node | null> }> = [];
  for (const p of (node as YAMLMap<Node, Node | null>).items) {
    const k = p.key;
    const key = isScalar(k) ? String(k.value) : k ? String(k) : '';
    out.push({ key, pair: p });
  }
  return out;
}

/** Finds the pair at a path of mapping keys (exact key text). */
export function findPair(node: unknown, path: string[]): Pair<Node, Node | null> | undefined {
  let cur: unknown = node;
  let found: Pair<Node, Node | null> | undefined;
  for (const seg of path) {
    found = mapPairs(cur).find((p) => p.key === seg)?.pair;
    if (!found) return undefined;
    cur = found.value;
  }
  return found;
}

/** Walks a path of keys and indexes to the node. */
export function findNode(node: unknown, path: Array<string | number>): Node | undefined {
  let cur: unknown = node;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!isSeq(cur)) return undefined;
      cur = cur.items[seg];
    } else {
      const p = mapPairs(cur).find((x) => x.key === seg)?.pair;
      if (!p) return undefined;
      cur = p.value;
    }
  }
  return (cur ?? undefined) as Node | undefined;
}
