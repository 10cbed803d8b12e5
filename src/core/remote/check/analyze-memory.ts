/**
 * Host hugepages (the article's "enable HugePage" step). The references do not say vLLM-Ascend needs host
 * hugepages, so none reserved is fine; pages reserved but unused take memory from everything else, so a large
 * reservation is a warning (the 50 % line is our choice).
 */
import { t } from '../../l10n/index';
import { finding, okText } from './finding';
import type { AnalysisInput, HostFinding } from './types';

export function parseMeminfo(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([\w()]+):\s+(\d+)/.exec(line.trim());
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}

export const HUGEPAGES_WARN_RATIO = 0.5;

export function analyzeMemory(a: AnalysisInput): HostFinding[] {
  const title = t('Hugepages');
  const text = okText(a.out.meminfo);
  if (!text) return [finding('hugepages', 'warn', title, t('/proc/meminfo could not be read.'))];
  const m = parseMeminfo(text);
  const total = m.get('HugePages_Total') ?? 0;
  const freePages = m.get('HugePages_Free') ?? 0;
  const sizeKB = m.get('Hugepagesize') ?? 0;
  const memKB = m.get('MemTotal') ?? 0;
  const reservedKB = total * sizeKB;
  const gib = (kb: number): string => (kb / 1024 / 1024).toFixed(1);
  if (total === 0) return [finding('hugepages', 'pass', title, t('None reserved (vLLM-Ascend does not need host hugepages); {0} GiB of RAM.', gib(memKB)))];
  const detail = t('{0} pages of {1} kB reserved ({2} GiB of {3} GiB RAM), {4} free.', total, sizeKB, gib(reservedKB), gib(memKB), freePages);
  if (memKB > 0 && reservedKB / memKB > HUGEPAGES_WARN_RATIO && freePages / total > 0.5) {
    return [finding('hugepages', 'warn', title, detail + ' ' + t('Most of them are unused, and reserved pages are not available to vLLM or to model loading.'),
      t('Lower vm.nr_hugepages (echo N > /proc/sys/vm/nr_hugepages) unless another program uses them.'))];
  }
  return [finding('hugepages', 'pass', title, detail)];
}
