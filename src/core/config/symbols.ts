/** Document symbols: one per key, nested for mappings. */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { Range } from '../diagnostics';
import { classify } from './files';
import { mapPairs, nodeRange, parseYaml } from './yaml-source';
import type { YamlSource } from './yaml-source';

export interface ConfigSymbol {
  name: string;
  /** Short value shown beside the name. */
  detail?: string;
  kind: 'object' | 'array' | 'property';
  /** The whole entry (key through value). */
  range: Range;
  /** The key. */
  selectionRange: Range;
  children?: ConfigSymbol[];
}

function symbolsOf(src: YamlSource, node: unknown, depth: number): ConfigSymbol[] {
  if (depth > 8) return [];
  const out: ConfigSymbol[] = [];
  for (const { key, pair } of mapPairs(node)) {
    const keyRange = nodeRange(src, pair.key as Node);
    if (!keyRange) continue;
    const valueRange = nodeRange(src, pair.value) ?? keyRange;
    const v = pair.value;
    const sym: ConfigSymbol = {
      name: key,
      kind: isMap(v) ? 'object' : isSeq(v) ? 'array' : 'property',
      range: { startLine: keyRange.startLine, startColumn: keyRange.startColumn, endLine: valueRange.endLine, endColumn: valueRange.endColumn },
      selectionRange: keyRange,
    };
    if (isScalar(v)) sym.detail = String(v.value);
    if (isMap(v)) sym.children = symbolsOf(src, v, depth + 1);
    out.push(sym);
  }
  return out;
}

export function configSymbols(input: { fileName: string; text: string }): ConfigSymbol[] {
  if (!classify(input.fileName, input.text) && !/\.ya?ml$/i.test(input.fileName)) return [];
  const src = parseYaml(input.text);
  if (!src.doc) return [];
  return symbolsOf(src, src.doc.contents, 0);
}
