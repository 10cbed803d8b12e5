/**
 * Driver, firmware, CANN and NNAL versions, read from their files (docs/ascend-facts.md §6), and their fit with the
 * descriptor's vllm-ascend release (the compatibility matrix of §1). The container brings its own CANN; the
 * host's CANN and NNAL matter for work on the host itself (msModelSlim, pip installs).
 */
import { t } from '../../l10n/index';
import { compatRowFor, sameCann } from '../../versions/compat-matrix';
import { tagFromPipShow } from '../../versions/target-select';
import { finding, okText } from './finding';
import { bracketLists, compareDotted, parseKeyValue } from './key-value';
import type { AnalysisInput, HostFinding } from './types';

function hostCann(a: AnalysisInput): { version?: string; innerCompat: string[] } {
  const grep = a.out.cann?.stdout ?? '';
  const lines = grep.split(/\r?\n/).map((l) => l.replace(/^[^:]*ascend_toolkit_install\.info:/, ''));
  const kv = parseKeyValue(lines.join('\n'));
  let version = kv.get('version');
  if (!version) {
    // CANN 9.x: <prefix>/cann-<ver> folders (docs/ascend-facts.md §6); the newest listed wins.
    const dirs = (okText(a.out.ascendPrefix) ?? '').split(/\r?\n/).map((l) => /^cann-(\d[\w.]*)$/.exec(l.trim())?.[1]).filter((v): v is string => !!v);
    version = dirs.sort((x, y) => compareDotted(y, x, 4))[0];
  }
  return { version, innerCompat: bracketLists(kv.get('compatible_version')).flat() };
}

export function analyzeVersions(a: AnalysisInput): HostFinding[] {
  const out: HostFinding[] = [];
  const prefix = a.paths.ascendPrefix;
  const driverText = okText(a.out.driver);
  const driver = driverText ? parseKeyValue(driverText) : undefined;
  const driverVersion = driver?.get('Version') ?? driver?.get('package_version');
  if (!driverVersion) {
    out.push(finding('driver', 'fail', t('NPU driver'), t('{0}/driver/version.info could not be read: no Ascend driver under this prefix.', prefix),
      t('Install the Ascend NPU driver, or set ascend.hosts.<alias>.ascendPrefix to where it is installed (non-root installs live under ~/Ascend).')));
  } else {
    out.push(finding('driver', 'pass', t('NPU driver'), t('Driver {0}', driverVersion)));
  }

  const install = okText(a.out.installInfo);
  const installPath = install ? parseKeyValue(install).get('Driver_Install_Path_Param') : undefined;
  if (installPath && installPath.replace(/\/+$/, '') !== prefix.replace(/\/+$/, '')) {
    out.push(finding('install-path', 'warn', t('Driver install path'), t('ascend_install.info says the driver is installed under {0}, but the prefix in use is {1}.', installPath, prefix),
      t('Set ascend.hosts.<alias>.ascendPrefix to {0}.', installPath)));
  }

  const fwText = okText(a.out.firmware);
  const fw = fwText ? parseKeyValue(fwText).get('Version') : undefined;
  const range = bracketLists(driver?.get('compatible_version_fw'))[0];
  if (!fw) {
    out.push(finding('firmware', 'warn', t('NPU firmware'), t('{0}/firmware/version.info could not be read.', prefix)));
  } else if (range && range.length === 2 && (compareDotted(fw, range[0]) < 0 || compareDotted(fw, range[1]) > 0)) {
    out.push(finding('firmware', 'fail', t('NPU firmware'), t('Firmware {0} is outside the range the driver supports ({1} to {2}, compatible_version_fw).', fw, range[0], range[1]),
      t('Upgrade the firmware or the driver so that they match.')));
  } else {
    out.push(finding('firmware', 'pass', t('NPU firmware'), range ? t('Firmware {0} (driver supports {1} to {2})', fw, range[0], range[1]) : t('Firmware {0}', fw)));
  }

  const cann = hostCann(a);
  const target = a.descriptor?.target.vllmAscend;
  const row = target ? compatRowFor(target) : undefined;
  const inner = driver?.get('Innerversion');
  if (!cann.version) {
    out.push(finding('cann', 'warn', t('CANN toolkit'), t('No CANN toolkit found under {0}. The container brings its own CANN, but msModelSlim and pip installs on the host need one.', prefix),
      row ? t('Install CANN {0} (the release vllm-ascend {1} is built for) if you quantize on the host.', row.cann, row.vllmAscend) : undefined));
  } else if (target && !row) {
    out.push(finding('cann', 'warn', t('CANN toolkit'), t('CANN {0}. vllm-ascend {1} is not in the compatibility table known to this extension, so the match cannot be checked.', cann.version, target)));
  } else if (row && !sameCann(row.cann, cann.version)) {
    out.push(finding('cann', 'warn', t('CANN toolkit'), t('Host CANN {0}; vllm-ascend {1} is built for CANN {2}. The official image carries CANN {2}; host-side msModelSlim or pip installs use {0}.', cann.version, row.vllmAscend, row.cann),
      t('Install CANN {0} on the host, or run msModelSlim inside the vllm-ascend image.', row.cann)));
  } else if (inner && cann.innerCompat.length > 0 && !cann.innerCompat.some((c) => inner.startsWith(c))) {
    // The toolkit's compatible_version lists driver inner versions; reading it this way is our inference,
    // the references give the field but not its meaning.
    out.push(finding('cann', 'warn', t('CANN toolkit'), t('CANN {0} does not list the driver (inner version {1}) among its compatible versions.', cann.version, inner),
      t('Check the driver and CANN versions against the Ascend compatibility table.')));
  } else {
    out.push(finding('cann', 'pass', t('CANN toolkit'), row ? t('CANN {0}, as vllm-ascend {1} expects', cann.version, row.vllmAscend) : t('CANN {0}', cann.version)));
  }

  const envFiles = (a.out.envFiles?.stdout ?? '').split(/\r?\n/).map((l) => l.trim());
  const nnal = envFiles.some((l) => l.endsWith('/nnal/atb/set_env.sh'));
  out.push(nnal
    ? finding('nnal', 'pass', t('NNAL (ATB)'), t('{0}/nnal/atb/set_env.sh is present.', prefix))
    : finding('nnal', 'warn', t('NNAL (ATB)'), t('{0}/nnal/atb/set_env.sh is missing: vllm-ascend outside the container fails with "libatb.so: cannot open shared object file".', prefix),
      t('Install the NNAL package and source {0}/nnal/atb/set_env.sh before running vLLM on the host.', prefix)));
  out.push(...imageRelease(a));
  return out;
}

/** The vllm-ascend release `pip show vllm-ascend` reports inside the descriptor's image. */
export function installedRelease(a: Pick<AnalysisInput, 'out'>): string | undefined {
  return tagFromPipShow(okText(a.out.vllmAscendPip) ?? '');
}

function imageRelease(a: AnalysisInput): HostFinding[] {
  const r = a.out.vllmAscendPip;
  const image = a.descriptor?.image.tag;
  if (!r || !image) return [];
  const installed = installedRelease(a);
  const title = t('vllm-ascend in the image');
  if (!installed) {
    const why = /No such image|Unable to find image/i.test(r.stderr) ? t('{0} is not on the host yet (not pulled or built).', image) : t('pip show vllm-ascend in {0} gave no version.', image);
    return [finding('vllm-ascend', 'warn', title, why)];
  }
  const target = a.descriptor?.target.vllmAscend;
  if (target && target.replace(/^v?/, 'v') !== installed) {
    return [finding('vllm-ascend', 'warn', title, t('{0} has vllm-ascend {1}, but target.vllmAscend is {2}: configs are checked against {2}.', image, installed, target),
      t('Set target.vllmAscend to {0}, or use the image of {1}.', installed, target))];
  }
  return [finding('vllm-ascend', 'pass', title, t('{0} has vllm-ascend {1}', image, installed))];
}
