/**
 * Progress of local work that is not a host job (hashing a folder, uploading it): a throttled callback with one
 * localized line and, while uploading, the fraction done. The caller shows it (VS Code: the progress
 * notification; CLI: stderr).
 */
import { t } from '../../l10n/index';

/** `message` is one localized line; `fraction` (0…1) is given while bytes move to the host. */
export type ProgressFn = (message: string, fraction?: number) => void;

/** 1536 → "1.5 KiB": binary units, as `ls -h` and docker print them. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export interface ByteMeter {
  /** Adds bytes done; reports at most every `intervalMs`. */
  add(bytes: number): void;
  /** Reports the final state regardless of the interval. */
  flush(): void;
}

/** A meter for `total` bytes of one phase; `uploading` adds the rate and the fraction. */
export function byteMeter(onProgress: ProgressFn | undefined, what: string, total: number, uploading: boolean, intervalMs = 250): ByteMeter {
  const started = Date.now();
  let done = 0;
  let last = 0;
  const report = (): void => {
    if (!onProgress) return;
    last = Date.now();
    if (!uploading) {
      onProgress(t('Hashing {0}: {1} of {2}', what, formatBytes(done), formatBytes(total)));
      return;
    }
    const secs = Math.max((Date.now() - started) / 1000, 0.001);
    onProgress(t('Uploading {0}: {1} of {2} ({3}/s)', what, formatBytes(done), formatBytes(total), formatBytes(Math.round(done / secs))), total > 0 ? Math.min(done / total, 1) : 1);
  };
  return {
    add(bytes) {
      done += bytes;
      if (Date.now() - last >= intervalMs) report();
    },
    flush: report,
  };
}
