/**
 * Every size bound of file analysis, in one place; the language server and `ascend-llm validate` both go through
 * analyze-file.ts, so they skip the same files for the same reasons.
 */
import type { OtherDocumentKind } from '../document-rules';

const KiB = 1024;
const MiB = 1024 * KiB;

/** A file larger than this (in UTF-8 bytes) is not read at all: one notice (ASC101) says so. */
export const MAX_FILE_BYTES = 5 * MiB;

/**
 * Another file read for cross-file rules (the ascend-deploy.yaml next to a serve config, the model's config.json,
 * the workspace descriptor's target version) is ignored when larger than this.
 */
export const MAX_SIBLING_BYTES = 1 * MiB;

/** What decides a file's kind and whether it is binary: a modeline in its first lines, a NUL byte. */
export const HEAD_CHARS = 8 * KiB;

/**
 * Above these sizes the Dockerfile, shell and Python rules do not run: one notice (ASC101) says why. The rules'
 * parsers take about 2–5 s per MiB on the build machine (dockerfile-ast is the slowest), and the server runs them
 * as the user types, in Restricted Mode too; see BENCHMARKS.md ("Big Dockerfiles, scripts and Python files") and test/bench/big-file.bench.ts.
 * Real Dockerfiles are a few KiB, scripts and Python modules rarely over 100 KiB.
 */
export const MAX_RULES_BYTES: Readonly<Record<OtherDocumentKind, number>> = {
  dockerfile: 256 * KiB,
  shell: 512 * KiB,
  python: 512 * KiB,
};

/** Size in UTF-8 bytes, without encoding the text when its length alone decides (UTF-16 units ≤ bytes ≤ 3×). */
export function exceeds(text: string, bytes: number): boolean {
  if (text.length > bytes) return true;
  if (text.length * 3 <= bytes) return false;
  return Buffer.byteLength(text, 'utf8') > bytes;
}
