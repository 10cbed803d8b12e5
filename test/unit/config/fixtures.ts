// Shared by the config tests: read fixtures, a workspace reader rooted at test/fixtures/config, and lookups.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Finding } from '../../../src/core/diagnostics';
import { validateConfigFile } from '../../../src/core/config/index';

export const FIXTURES = resolve(__dirname, '../../fixtures/config');

export function fixture(rel: string): string {
  return readFileSync(join(FIXTURES, rel), 'utf8');
}

export function workspace(rel: string): string | undefined {
  const p = resolve(FIXTURES, rel);
  if (!p.startsWith(FIXTURES) || !existsSync(p)) return undefined;
  return readFileSync(p, 'utf8');
}

export function validateFixture(rel: string, targetVersion?: string): Finding[] {
  const r = validateConfigFile({ fileName: rel, text: fixture(rel), targetVersion, workspaceFiles: workspace });
  if (!r) throw new Error(`${rel} is not a config file`);
  return r;
}

export function validateText(fileName: string, text: string, targetVersion?: string): Finding[] {
  const r = validateConfigFile({ fileName, text, targetVersion, workspaceFiles: workspace });
  if (!r) throw new Error(`${fileName} is not a config file`);
  return r;
}

export function byCode(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

export function one(findings: Finding[], code: string): Finding {
  const list = byCode(findings, code);
  if (list.length !== 1) throw new Error(`expected one ${code}, got ${list.length}: ${JSON.stringify(findings.map((f) => [f.code, f.message]))}`);
  return list[0];
}

/** Applies a fix's edits (0-based ranges) to text; edits must not overlap. */
export function applyEdits(text: string, edits: Array<{ range: Finding['range']; newText: string }>): string {
  const lines = text.split('\n');
  const offset = (line: number, col: number): number => {
    let o = 0;
    for (let i = 0; i < line && i < lines.length; i++) o += lines[i].length + 1;
    return Math.min(text.length, o + col);
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.startLine, b.range.startColumn) - offset(a.range.startLine, a.range.startColumn));
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, offset(e.range.startLine, e.range.startColumn)) + e.newText + out.slice(offset(e.range.endLine, e.range.endColumn));
  }
  return out;
}

/** [line, column, endLine, endColumn] of a finding, for compact range assertions. */
export function at(f: Finding): [number, number, number, number] {
  return [f.range.startLine, f.range.startColumn, f.range.endLine, f.range.endColumn];
}
