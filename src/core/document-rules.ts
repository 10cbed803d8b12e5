/**
 * The rules for documents that are not vLLM/deploy configs: Dockerfiles, shell scripts and Python. Returns null for
 * any other file. Size caps and suppression comments are applied around this, once, by src/core/analysis.
 */
import type { Finding } from './diagnostics';
import { validateDockerfile } from './dockerfile/validate-dockerfile';
import { validatePython } from './python/validate-python';
import { validateShellScript } from './shell/validate-shell';

export type OtherDocumentKind = 'dockerfile' | 'shell' | 'python';

export interface OtherDocumentOptions {
  /** vllm-ascend release to check against, e.g. "v0.23.0" (the default). */
  targetVersion?: string;
}

function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1] ?? fileName;
}

/** `Dockerfile`, `*.Dockerfile`, `Dockerfile.*`, `Containerfile` (and `*.dockerfile`); `*.sh`; `*.py`. */
export function classifyOtherDocument(fileName: string): OtherDocumentKind | null {
  const base = baseName(fileName);
  const lower = base.toLowerCase();
  if (lower === 'dockerfile' || lower === 'containerfile' || lower.endsWith('.dockerfile') || lower.startsWith('dockerfile.') || lower.startsWith('containerfile.')) {
    return 'dockerfile';
  }
  if (lower.endsWith('.sh') || lower.endsWith('.bash')) return 'shell';
  if (lower.endsWith('.py')) return 'python';
  return null;
}

export function validateOtherDocument(fileName: string, text: string, options: OtherDocumentOptions = {}): Finding[] | null {
  const kind = classifyOtherDocument(fileName);
  if (!kind) return null;
  const findings = kind === 'dockerfile'
    ? validateDockerfile(text, options)
    : kind === 'shell'
      ? validateShellScript(text, options)
      : validatePython(text, options);
  return findings.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
}
