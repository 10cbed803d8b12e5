/**
 * Where a host keeps what a vllm-ascend container needs, and where the container expects it
 * (docs/ascend-facts.md §1 "docker run"; §6 "Version files on a host"). The host side comes from `ascend.hosts`
 * (ascendPrefix, devPrefix); `/etc` and `/usr/local` are fixed on real hosts but may be moved for a test host,
 * so they are optional here with the real defaults. The container side is always the documented path.
 */
import type { HostFacts } from '../../settings/host-facts';

export interface HostPaths extends HostFacts {
  /** Folder holding ascend_install.info; `/etc` on a real host. */
  etcPrefix?: string;
  /** Folder holding bin/npu-smi and dcmi; `/usr/local` on a real host. */
  usrLocalPrefix?: string;
}

export interface BindMount {
  source: string;
  target: string;
  readOnly: boolean;
}

const trim = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, '') : p);

/** The five driver mounts of the documented docker run (docs/ascend-facts.md §1), host path → container path, read-only. */
export function driverMounts(paths: HostPaths): BindMount[] {
  const ascend = trim(paths.ascendPrefix);
  const etc = trim(paths.etcPrefix ?? '/etc');
  const usr = trim(paths.usrLocalPrefix ?? '/usr/local');
  // The documented command mounts these read-write, but a container only reads them (it loads the driver
  // libraries, runs npu-smi, reads the version files). Read-write would let an image replace the host's npu-smi,
  // which the monitor runs every second, or its driver libraries: so every one is read-only (docs/deploy-safety.md).
  return [
    { source: `${usr}/dcmi`, target: '/usr/local/dcmi', readOnly: true },
    { source: `${usr}/bin/npu-smi`, target: '/usr/local/bin/npu-smi', readOnly: true },
    { source: `${ascend}/driver/lib64/`, target: '/usr/local/Ascend/driver/lib64/', readOnly: true },
    { source: `${ascend}/driver/version.info`, target: '/usr/local/Ascend/driver/version.info', readOnly: true },
    { source: `${etc}/ascend_install.info`, target: '/etc/ascend_install.info', readOnly: true },
  ];
}

/** The device nodes every container needs besides its davinciN (docs/ascend-facts.md §1). */
export const MANAGER_DEVICES = ['davinci_manager', 'devmm_svm', 'hisi_hdc'] as const;

export function deviceNode(paths: HostPaths, name: string): string {
  return `${trim(paths.devPrefix)}/${name}`;
}

export function volumeArg(m: BindMount): string {
  return `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`;
}

const PREFIX_KEYS = ['ascendPrefix', 'devPrefix', 'etcPrefix', 'usrLocalPrefix'] as const;

/** True when a prefix is written relative to the host user's home (`~` or `~/…`, as for non-root CANN installs). */
export function needsHome(paths: HostPaths): boolean {
  return PREFIX_KEYS.some((k) => { const v = paths[k]; return v === '~' || (v?.startsWith('~/') ?? false); });
}

/** The prefixes with a leading `~` replaced by the host's $HOME (absolute), so they can reach argv unquoted-safe. */
export function expandHome(paths: HostPaths, home: string): HostPaths {
  const out: HostPaths = { ...paths };
  for (const k of PREFIX_KEYS) {
    const v = out[k];
    if (v === '~') out[k] = home;
    else if (v?.startsWith('~/')) out[k] = `${home.replace(/\/+$/, '')}/${v.slice(2)}`;
  }
  return out;
}
