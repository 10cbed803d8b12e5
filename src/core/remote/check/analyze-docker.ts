/** docker: installed, daemon reachable, and usable by the SSH user. */
import { t } from '../../l10n/index';
import { finding, firstError, missingCommand } from './finding';
import type { AnalysisInput, HostFinding } from './types';

export function analyzeDocker(a: AnalysisInput): HostFinding[] {
  const r = a.out.docker;
  const title = t('Docker');
  if (r?.exitCode === 0 && r.stdout.trim()) return [finding('docker', 'pass', title, t('Docker server {0}', r.stdout.trim()))];
  if (missingCommand(r)) return [finding('docker', 'fail', title, t('docker is not installed or not on PATH.'), t('Install Docker Engine on the host.'))];
  const err = `${r?.stderr ?? ''}`;
  if (/permission denied/i.test(err)) {
    return [finding('docker', 'fail', title, t('The SSH user may not use the docker daemon: {0}', firstError(r)), t('Add the user to the docker group (sudo usermod -aG docker <user>) and log in again.'))];
  }
  if (/Cannot connect to the Docker daemon|Is the docker daemon running/i.test(err)) {
    return [finding('docker', 'fail', title, t('The docker daemon is not running: {0}', firstError(r)), t('Start it: sudo systemctl start docker'))];
  }
  return [finding('docker', 'fail', title, t('docker version failed: {0}', firstError(r) || '-'))];
}
