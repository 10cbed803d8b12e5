/**
 * Per-host facts from the `ascend.hosts` setting (docs/contracts.md §4), with the real defaults. The extension
 * never guesses where a host keeps its Ascend software: it is this setting, or the documented default.
 */
export interface HostFacts {
  ascendPrefix: string;
  devPrefix: string;
  /** Folder holding ascend_install.info; `/etc` when unset. */
  etcPrefix?: string;
  /** Folder holding bin/npu-smi and the dcmi libraries; `/usr/local` when unset. */
  usrLocalPrefix?: string;
}

export const DEFAULT_HOST_FACTS: HostFacts = { ascendPrefix: '/usr/local/Ascend', devPrefix: '/dev' };

function absolutePath(value: unknown): string | undefined {
  return typeof value === 'string' && (value.startsWith('/') || value.startsWith('~/')) && !value.includes('\0') ? value.replace(/\/+$/, '') || '/' : undefined;
}

/** Reads one alias's entry from the raw `ascend.hosts` object; bad or missing values fall back to defaults. */
export function hostFacts(hosts: Record<string, unknown>, alias: string): HostFacts {
  const entry = Object.hasOwn(hosts, alias) ? hosts[alias] : undefined;
  const obj = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
  const facts: HostFacts = {
    ascendPrefix: absolutePath(obj.ascendPrefix) ?? DEFAULT_HOST_FACTS.ascendPrefix,
    devPrefix: absolutePath(obj.devPrefix) ?? DEFAULT_HOST_FACTS.devPrefix,
  };
  const etc = absolutePath(obj.etcPrefix);
  const usrLocal = absolutePath(obj.usrLocalPrefix);
  if (etc) facts.etcPrefix = etc;
  if (usrLocal) facts.usrLocalPrefix = usrLocal;
  return facts;
}
