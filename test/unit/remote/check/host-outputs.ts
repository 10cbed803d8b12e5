/**
 * Probe outputs of an Atlas 800I A2 (8x 910B4) host, written from docs/ascend-facts.md §6 (version files, Kunpeng
 * NUMA layout) and the npu-smi fixtures of the same host. Tests copy and change them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProbeOutputs, ProbeResult } from '../../../../src/core/remote/check/types';

export const fx = (name: string): string => readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'npu-smi', name), 'utf8');
export const ok = (stdout: string): ProbeResult => ({ stdout, stderr: '', exitCode: 0 });
export const failed = (stderr: string, exitCode = 1, stdout = ''): ProbeResult => ({ stdout, stderr, exitCode });

const A = '/usr/local/Ascend';
const BUSES = ['0000:c1:00.0', '0000:c2:00.0', '0000:81:00.0', '0000:82:00.0', '0000:01:00.0', '0000:02:00.0', '0000:41:00.0', '0000:42:00.0'];
const NODE_OF_BUS = [6, 6, 4, 4, 0, 0, 2, 2];

export function healthyHost(): ProbeOutputs {
  return {
    arch: ok('aarch64\n'),
    os: ok('NAME="openEuler"\nVERSION="22.03 (LTS-SP1)"\nID="openEuler"\nVERSION_ID="22.03"\nPRETTY_NAME="openEuler 22.03 (LTS-SP1)"\n'),
    kernel: ok('5.10.0-136.12.0.86.oe2203sp1.aarch64\n'),
    driver: ok('Version=25.0.rc1.1\nascendhal_version=7.35.23\nInnerversion=V100R001C21SPC002B220\ncompatible_version=[V100R001C15],[V100R001C17],[V100R001C18],[V100R001C19],[V100R001C20],[V100R001C21]\ncompatible_version_fw=[7.0.0,7.7.99]\npackage_version=25.0.rc1.1\n'),
    firmware: ok('Version=7.7.0.1.231\n'),
    installInfo: ok(`UserName=HwHiAiUser\nUserGroup=HwHiAiUser\nFirmware_Install_Type=full\nFirmware_Install_Path_Param=${A}\nDriver_Install_Type=full\nDriver_Install_Path_Param=${A}\nDriver_Install_For_All=no\n`),
    cann: failed('', 2, `${A}/ascend-toolkit/latest/aarch64-linux/ascend_toolkit_install.info:package_name=Ascend-cann-toolkit\n${A}/ascend-toolkit/latest/aarch64-linux/ascend_toolkit_install.info:version=9.1.0\n${A}/ascend-toolkit/latest/aarch64-linux/ascend_toolkit_install.info:compatible_version=[V100R001C18],[V100R001C19],[V100R001C20],[V100R001C21],[V100R001C23]\n${A}/ascend-toolkit/latest/aarch64-linux/ascend_toolkit_install.info:arch=aarch64\n`),
    ascendPrefix: ok('ascend-toolkit\ndriver\nfirmware\nnnal\n'),
    envFiles: ok(`${A}/ascend-toolkit/set_env.sh\n${A}/nnal/atb/set_env.sh\n`),
    npuSmi: ok(fx('910b4-info-25.0.rc1.1-8card-idle.txt')),
    npuMap: ok(fx('910b4-info-m-25.0.rc1.1.txt')),
    devices: ok([...Array.from({ length: 8 }, (_, i) => `crw-rw---- HwHiAiUser HwHiAiUser /dev/davinci${i}`),
      'crw-rw---- HwHiAiUser HwHiAiUser /dev/davinci_manager', 'crw-rw-rw- root root /dev/devmm_svm', 'crw-rw-rw- root root /dev/hisi_hdc'].join('\n') + '\n'),
    id: ok('uid=1000(deploy) gid=1000(deploy) groups=1000(deploy),990(docker),1001(HwHiAiUser)\n'),
    docker: ok('24.0.9\n'),
    meminfo: ok('MemTotal:       1584575412 kB\nMemFree:        1500000000 kB\nMemAvailable:   1550000000 kB\nHugePages_Total:       0\nHugePages_Free:        0\nHugepagesize:       2048 kB\n'),
    numa: ok(`available: 8 nodes (0-7)\n${Array.from({ length: 8 }, (_, n) => `node ${n} cpus: ${Array.from({ length: 24 }, (_, i) => n * 24 + i).join(' ')}\nnode ${n} size: 193000 MB\nnode ${n} free: 190000 MB`).join('\n')}\nnode distances:\n`),
    pciNuma: ok(BUSES.map((b, i) => `/sys/bus/pci/devices/${b}/numa_node:${NODE_OF_BUS[i]}`).join('\n') + '\n/sys/bus/pci/devices/0000:00:00.0/numa_node:-1\n'),
    disk: failed('df: /data/models/deepseek-coder-6.7b-base: No such file or directory\n', 1,
      'Filesystem     1024-blocks      Used  Available Capacity Mounted on\n/dev/nvme0n1p1  3750000000 500000000 3250000000      14% /data\n/dev/sda2        500000000 100000000  400000000      20% /\n'),
  };
}
