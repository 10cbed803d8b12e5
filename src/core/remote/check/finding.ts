import type { CheckStatus, HostFinding, ProbeResult } from './types';

export function finding(id: string, status: CheckStatus, title: string, detail: string, fix?: string): HostFinding {
  return fix === undefined ? { id, status, title, detail } : { id, status, title, detail, fix };
}

/** The probe did not run, or its program is not installed (exit 127 / "not found"). */
export function missingCommand(r: ProbeResult | undefined): boolean {
  return !r || r.exitCode === 127 || /command not found|No such file or directory.*(exec|spawn)|not found$/m.test(r.stderr);
}

/** Text the probe printed, when it succeeded. */
export function okText(r: ProbeResult | undefined): string | undefined {
  return r && r.exitCode === 0 && r.stdout.trim() !== '' ? r.stdout : undefined;
}

/** The first non-empty line of stderr (or stdout), to quote in a finding. */
export function firstError(r: ProbeResult | undefined): string {
  const line = `${r?.stderr ?? ''}\n${r?.stdout ?? ''}`.split(/\r?\n/).map((l) => l.trim()).find(Boolean);
  return line ?? '';
}
