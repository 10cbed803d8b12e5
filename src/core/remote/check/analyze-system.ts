/** Architecture, OS and kernel. Kunpeng hosts are aarch64; the images are Ubuntu or openEuler (docs/ascend-facts.md §1). */
import { t } from '../../l10n/index';
import { finding, okText } from './finding';
import { parseKeyValue } from './key-value';
import type { AnalysisInput, HostFinding } from './types';

export function analyzeSystem(a: AnalysisInput): HostFinding[] {
  const out: HostFinding[] = [];
  const arch = okText(a.out.arch)?.trim();
  if (!arch) out.push(finding('arch', 'fail', t('Architecture'), t('uname -m gave no answer.')));
  else if (arch === 'aarch64') out.push(finding('arch', 'pass', t('Architecture'), t('{0} (Kunpeng / ARM64)', arch)));
  else if (arch === 'x86_64') out.push(finding('arch', 'warn', t('Architecture'), t('{0}: not a Kunpeng host. vllm-ascend also installs on x86_64, but this extension targets Kunpeng (aarch64) servers.', arch)));
  else out.push(finding('arch', 'fail', t('Architecture'), t('{0}: vllm-ascend images exist for aarch64 (Kunpeng) hosts.', arch)));

  const osText = okText(a.out.os);
  if (!osText) {
    out.push(finding('os', 'warn', t('Operating system'), t('/etc/os-release could not be read.')));
  } else {
    const kv = parseKeyValue(osText);
    const name = kv.get('PRETTY_NAME') ?? `${kv.get('NAME') ?? '?'} ${kv.get('VERSION_ID') ?? ''}`.trim();
    const id = (kv.get('ID') ?? '').toLowerCase();
    if (id === 'kylin') {
      out.push(finding('os', 'warn', t('Operating system'), t('{0}: docker pull of the vllm-ascend images has failed on Kylin with "archive/tar: invalid tar header".', name),
        t('Pull or save the image on another host and load it here (docker load); the extension can upload an image tarball.')));
    } else if (id === 'ubuntu' || id === 'openeuler') {
      out.push(finding('os', 'pass', t('Operating system'), name));
    } else {
      out.push(finding('os', 'warn', t('Operating system'), t('{0}: not one of the systems the vllm-ascend documentation names (Ubuntu, openEuler); the container runs anyway if the driver and docker work.', name)));
    }
  }

  const kernel = okText(a.out.kernel)?.trim();
  out.push(kernel ? finding('kernel', 'pass', t('Kernel'), kernel) : finding('kernel', 'warn', t('Kernel'), t('uname -r gave no answer.')));
  return out;
}
