// Test support: analyzeFile on an in-memory text, as the language server calls it.
import { analyzeFile, type AnalyzeInput } from '../../../src/core/analysis/analyze-file';
import { textSource } from '../../../src/core/analysis/file-source';
import type { Finding } from '../../../src/core/diagnostics';

export function analyzeText(fileName: string, text: string, options: Omit<AnalyzeInput, 'fileName' | 'source'> = {}): Finding[] | null {
  return analyzeFile({ fileName, source: textSource(text), ...options });
}
