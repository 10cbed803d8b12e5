/**
 * Free disk where the weights, the quantized output and the images go. The references give no sizes, so the
 * thresholds are ours: below 10 GiB fails, below 50 GiB warns (a 6.7B model in BF16 is about 13 GB, and a
 * quantized copy and an image come on top).
 */
import { t } from '../../l10n/index';
import { diskPaths } from './probes';
import { finding } from './finding';
import type { AnalysisInput, HostFinding } from './types';

export const DISK_FAIL_GIB = 10;
export const DISK_WARN_GIB = 50;

export interface DfRow {
  filesystem: string;
  availableKB: number;
  mount: string;
}

/** Parses `df -Pk` (POSIX format: Filesystem 1024-blocks Used Available Capacity Mounted-on). */
export function parseDf(text: string): DfRow[] {
  return text.split(/\r?\n/).slice(1).map((l) => /^(\S+)\s+\d+\s+\d+\s+(\d+)\s+\d+%\s+(\/.*)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => !!m).map((m) => ({ filesystem: m[1], availableKB: Number(m[2]), mount: m[3] }));
}

function mountOf(rows: DfRow[], path: string): DfRow | undefined {
  return rows.filter((r) => path === r.mount || path.startsWith(r.mount === '/' ? '/' : `${r.mount}/`)).sort((x, y) => y.mount.length - x.mount.length)[0];
}

export function analyzeDisk(a: AnalysisInput): HostFinding[] {
  const title = t('Free disk');
  const rows = parseDf(a.out.disk?.stdout ?? '');
  if (rows.length === 0) return [finding('disk', 'warn', title, t('df printed nothing usable.'))];
  const paths = diskPaths(a.descriptor).filter((p) => p.startsWith('/'));
  const seen = new Map<string, { row: DfRow; paths: string[] }>();
  for (const p of paths) {
    const row = mountOf(rows, p);
    if (!row) continue;
    const e = seen.get(row.mount) ?? { row, paths: [] };
    e.paths.push(p);
    seen.set(row.mount, e);
  }
  const gib = (kb: number): number => Math.floor(kb / 1024 / 1024);
  const entries = [...seen.values()];
  const text = entries.map((e) => `${e.row.mount}: ${gib(e.row.availableKB)} GiB`).join(', ');
  const least = Math.min(...entries.map((e) => gib(e.row.availableKB)));
  if (least < DISK_FAIL_GIB) return [finding('disk', 'fail', title, t('{0}. Less than {1} GiB free.', text, DISK_FAIL_GIB), t('Free space, or point model.hostPath / quantization.outputPath to a larger disk.'))];
  if (least < DISK_WARN_GIB) return [finding('disk', 'warn', title, t('{0}. Less than {1} GiB free: weights, a quantized copy and the image may not fit.', text, DISK_WARN_GIB), t('Free space, or point model.hostPath / quantization.outputPath to a larger disk.'))];
  return [finding('disk', 'pass', title, text)];
}
