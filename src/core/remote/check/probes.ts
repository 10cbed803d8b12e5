/**
 * The read-only commands the host check runs (each an argv; none needs a shell). Paths come from the host's
 * `ascend.hosts` facts (docs/ascend-facts.md §6 "Version files on a host"); the disk probe also covers the descriptor's
 * model folders. Every probe may fail (a missing file is itself a finding), so the analyzer reads whatever
 * came back.
 */
import type { DeployDescriptor } from '../../descriptor/types';
import type { HostPaths } from '../host/host-paths';
import type { Probe } from './types';

const trim = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, '') : p);

/** Folders whose free space matters: the model folders of the descriptor and their parents, then the home. */
export function diskPaths(d: DeployDescriptor | undefined): string[] {
  const out: string[] = [];
  for (const p of [d?.model.hostPath, d?.quantization?.outputPath]) {
    if (!p || !p.startsWith('/')) continue;
    let cur = trim(p);
    for (let i = 0; i < 3 && cur.length > 1; i++) {
      out.push(cur);
      cur = cur.slice(0, cur.lastIndexOf('/')) || '/';
    }
  }
  out.push('.', '/var/lib/docker', '/');
  return [...new Set(out)];
}

export function hostProbes(paths: HostPaths, descriptor?: DeployDescriptor): Probe[] {
  const a = trim(paths.ascendPrefix);
  const dev = trim(paths.devPrefix);
  const etc = trim(paths.etcPrefix ?? '/etc');
  return [
    { id: 'arch', argv: ['uname', '-m'] },
    { id: 'os', argv: ['cat', '/etc/os-release'] },
    { id: 'kernel', argv: ['uname', '-r'] },
    { id: 'driver', argv: ['cat', `${a}/driver/version.info`] },
    { id: 'firmware', argv: ['cat', `${a}/firmware/version.info`] },
    { id: 'installInfo', argv: ['cat', `${etc}/ascend_install.info`] },
    // docs/ascend-facts.md §6: the toolkit info lives under latest/<arch>-linux; `grep -H` names the file that answered.
    { id: 'cann', argv: ['grep', '-H', '-s', '', `${a}/ascend-toolkit/latest/aarch64-linux/ascend_toolkit_install.info`, `${a}/ascend-toolkit/latest/x86_64-linux/ascend_toolkit_install.info`] },
    // CANN 9.x installs under <prefix>/cann-<ver> (docs/ascend-facts.md §6).
    { id: 'ascendPrefix', argv: ['ls', '-1', a] },
    { id: 'envFiles', argv: ['ls', '-1', `${a}/ascend-toolkit/set_env.sh`, `${a}/nnal/atb/set_env.sh`] },
    { id: 'npuSmi', argv: ['npu-smi', 'info'] },
    { id: 'npuMap', argv: ['npu-smi', 'info', '-m'] },
    { id: 'devices', argv: ['find', dev, '-maxdepth', '1', '(', '-name', 'davinci*', '-o', '-name', 'devmm_svm', '-o', '-name', 'hisi_hdc', ')', '-printf', '%M %u %g %p\\n'] },
    { id: 'id', argv: ['id'] },
    { id: 'docker', argv: ['docker', 'version', '--format', '{{.Server.Version}}'] },
    { id: 'meminfo', argv: ['cat', '/proc/meminfo'] },
    { id: 'numa', argv: ['numactl', '-H'] },
    // The NUMA node of each PCI device, from Linux sysfs; matched to npu-smi's Bus-Id.
    { id: 'pciNuma', argv: ['find', '-L', '/sys/bus/pci/devices/', '-mindepth', '2', '-maxdepth', '2', '-name', 'numa_node', '-exec', 'grep', '-H', '.', '{}', '+'] },
    { id: 'disk', argv: ['df', '-Pk', ...diskPaths(descriptor)] },
    // The vllm-ascend release inside the image deploy runs (docs/versions.md): only an image already on the host
    // (--pull=never), so a check never downloads one.
    ...(descriptor?.image.tag ? [{ id: 'vllmAscendPip' as const, argv: ['docker', 'run', '--rm', '--pull=never', '--entrypoint', 'pip', descriptor.image.tag, 'show', 'vllm-ascend'] }] : []),
  ];
}
