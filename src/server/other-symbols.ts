/** Document symbols outside config files: Dockerfile stages, shell functions, Python classes and functions. */
import { DockerfileParser } from 'dockerfile-ast';
import { exceeds, MAX_RULES_BYTES } from '../core/analysis/limits';
import { classifyOtherDocument } from '../core/document-rules';
import type { SymbolShape } from './lsp-shapes';

type ConfigSymbol = SymbolShape;

function lineRange(line: number, start: number, end: number): ConfigSymbol['range'] {
  return { startLine: line, startColumn: start, endLine: line, endColumn: end };
}

function dockerfileSymbols(text: string): ConfigSymbol[] {
  const df = DockerfileParser.parse(text);
  return df.getFROMs().map((from) => {
    const r = from.getRange();
    const name = from.getBuildStage() ?? from.getImage() ?? 'FROM';
    return { name: `FROM ${name}`, range: { startLine: r.start.line, startColumn: r.start.character, endLine: r.end.line, endColumn: r.end.character } };
  });
}

function regexSymbols(text: string, re: RegExp): ConfigSymbol[] {
  const out: ConfigSymbol[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const m = re.exec(l);
    if (m) out.push({ name: m[1], range: lineRange(i, 0, l.length) });
  });
  return out;
}

export function otherSymbols(fileName: string, text: string): ConfigSymbol[] {
  const kind = classifyOtherDocument(fileName);
  // Over the rules' cap the outline is left empty too: the Dockerfile parser is what takes seconds.
  if (!kind || exceeds(text, MAX_RULES_BYTES[kind])) return [];
  if (kind === 'dockerfile') return dockerfileSymbols(text);
  if (kind === 'shell') return regexSymbols(text, /^\s*(?:function\s+)?([A-Za-z_][\w-]*)\s*\(\)\s*\{?/);
  if (kind === 'python') return regexSymbols(text, /^\s*(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/);
  return [];
}
