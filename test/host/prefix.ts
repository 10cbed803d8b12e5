// The simulated host's own Ascend install prefix, /etc stand-in and device-node stand-ins
// (docs/ascend-facts.md §6 "Version files on a host"). The extension finds them through the `ascend.hosts` setting.
import { mkdirSync, writeFileSync, symlinkSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

import type { ProfileFacts } from "./profile-facts.js";

function write(file: string, text: string, mode?: number): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  if (mode !== undefined) chmodSync(file, mode);
}

export function writeAscendPrefix(ascendPrefix: string, etcPrefix: string, p: ProfileFacts): void {
  // Keys from docs/ascend-facts.md §6. Values of the component versions (aicpu…tsfw) are not in the references.
  write(join(ascendPrefix, 'driver', 'version.info'), [
    `Version=${p.driver}`, 'ascendhal_version=7.35.23', 'aicpu_version=1.0', 'tdt_version=1.0', 'log_version=1.0',
    'prof_version=2.0', 'dvppkernels_version=1.1', 'tsfw_version=1.0', 'Innerversion=V100R001C21SPC002B220',
    'compatible_version=[V100R001C15],[V100R001C17],[V100R001C18],[V100R001C19],[V100R001C20],[V100R001C21]',
    'compatible_version_fw=[7.0.0,7.7.99]', `package_version=${p.driver}`, '',
  ].join('\n'));
  // Library names are stand-ins (empty files): the simulated runtime only checks that the folder is mounted.
  for (const lib of ['libascend_hal.so', 'libdrvdsmi_host.so', 'libc_sec.so']) write(join(ascendPrefix, 'driver', 'lib64', lib), '');
  write(join(ascendPrefix, 'driver', 'tools', 'hccn_tool'), '#!/bin/sh\necho "hccn_tool stand-in"\n', 0o755);
  write(join(ascendPrefix, 'firmware', 'version.info'), `Version=${p.firmware}\n`);
  const tk = join(ascendPrefix, 'ascend-toolkit');
  write(join(tk, p.cann, 'aarch64-linux', 'ascend_toolkit_install.info'), [
    'package_name=Ascend-cann-toolkit', `version=${p.cann}`, 'innerversion=V100R001C23SPC001B235',
    `compatible_version=[V100R001C15],[V100R001C18],[V100R001C19],[V100R001C20],[V100R001C21],[V100R001C23]`,
    'arch=aarch64', 'os=linux', `path=${join(tk, p.cann, 'aarch64-linux')}`, '',
  ].join('\n'));
  symlinkSync(p.cann, join(tk, 'latest'));
  write(join(tk, 'set_env.sh'), [
    '# CANN toolkit environment (simulated host)',
    `export ASCEND_TOOLKIT_HOME=${join(tk, 'latest')}`,
    'export ASCEND_HOME_PATH=${ASCEND_TOOLKIT_HOME}',
    'export LD_LIBRARY_PATH=${ASCEND_TOOLKIT_HOME}/lib64:${LD_LIBRARY_PATH}', '',
  ].join('\n'));
  write(join(ascendPrefix, 'nnal', 'atb', 'set_env.sh'), [
    '# NNAL/ATB environment (simulated host)',
    `export ATB_HOME_PATH=${join(ascendPrefix, 'nnal', 'atb', 'latest', 'atb', 'cxx_abi_1')}`,
    'export LD_LIBRARY_PATH=${ATB_HOME_PATH}/lib:${LD_LIBRARY_PATH}', '',
  ].join('\n'));
  write(join(etcPrefix, 'ascend_install.info'), [
    'UserName=HwHiAiUser', 'UserGroup=HwHiAiUser', 'Firmware_Install_Type=full',
    `Firmware_Install_Path_Param=${ascendPrefix}`, 'Driver_Install_Type=full',
    `Driver_Install_Path_Param=${ascendPrefix}`, 'Driver_Install_For_All=no', '',
  ].join('\n'));
}

/** Regular files standing in for /dev/davinci0..N-1, davinci_manager, devmm_svm, hisi_hdc. */
export function writeDeviceNodes(devPrefix: string, logicCount: number): void {
  mkdirSync(devPrefix, { recursive: true });
  const names = [...Array.from({ length: logicCount }, (_, i) => `davinci${i}`), 'davinci_manager', 'devmm_svm', 'hisi_hdc'];
  for (const n of names) writeFileSync(join(devPrefix, n), '');
}

/** /usr/local/bin/npu-smi and /usr/local/dcmi stand-ins that deploys bind-mount into containers. */
export function writeUsrLocal(usrLocal: string): void {
  write(join(usrLocal, 'bin', 'npu-smi'), '#!/bin/sh\nexec npu-smi "$@"\n', 0o755);
  write(join(usrLocal, 'dcmi', 'dcmi_interface_api.h'), '/* stand-in */\n');
}
