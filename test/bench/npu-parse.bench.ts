// Parse time per `npu-smi info` snapshot. Run: node --import tsx test/bench/npu-parse.bench.ts
// For each real fixture, and for a 16-chip A3-sized table built from the 8-card fixture, it parses the text many
// times after a warm-up and prints the median and p99 of per-parse time, plus the monitor's alerts and one history-window frame per snapshot.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNpuSmiInfo } from '../../src/core/npu/parse-info';
import { HistoryWindow } from '../../src/core/monitor/history-window';
import { evaluateNpuAlerts } from '../../src/core/npu/alerts';

const dir = join(__dirname, '..', 'fixtures', 'npu-smi');
const read = (f: string): string => readFileSync(join(dir, f), 'utf8');

function sixteenChips(): string {
  // the 8-card table with its chip rows repeated under NPU ids 8..15 (only the first row of a chip holds the NPU id)
  const lines = read('910b4-info-25.0.rc1.1-8card-idle.txt').split('\n');
  const end = lines.findIndex((l, i) => i > 6 && l.startsWith('+---'));
  const more = lines.slice(6, end).map((l) => (l.includes('910B4') ? l.replace(/^\| (\d) /, (_m, d: string) => `| ${Number(d) + 8}`) : l));
  return [...lines.slice(0, end), ...more, ...lines.slice(end)].join('\n');
}

const cases: [string, string][] = [
  ['910b4 8 cards idle', read('910b4-info-25.0.rc1.1-8card-idle.txt')],
  ['910b1 2 cards + processes', read('910b1-info-23.0.rc3.3-loaded-with-processes.txt')],
  ['a3 2 NPUs x 2 dies', read('a3-ascend910-info-25.2.0-process-and-empty.txt')],
  ['310p3 1 chip', read('310p3-info-25.5.2-no-process.txt')],
  ['16 chips (synthetic)', sixteenChips()],
];

function stats(samples: number[]): { median: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p99: s[Math.floor(s.length * 0.99)] };
}

const ITER = 5000;
console.log(`npu-smi info parse time (${ITER} parses after 500 warm-up, Node ${process.version})`);
console.log('case                          bytes  chips   median µs   p99 µs   +alerts+history µs');
for (const [name, text] of cases) {
  const chips = parseNpuSmiInfo(text).chips.length;
  for (let i = 0; i < 500; i++) parseNpuSmiInfo(text);
  const parse: number[] = [];
  const full: number[] = [];
  const history = new HistoryWindow();
  for (let i = 0; i < ITER; i++) {
    const t0 = performance.now();
    const info = parseNpuSmiInfo(text);
    const t1 = performance.now();
    evaluateNpuAlerts(info);
    history.append(i * 1000, info.chips);
    const t2 = performance.now();
    parse.push((t1 - t0) * 1000);
    full.push((t2 - t0) * 1000);
  }
  const p = stats(parse);
  const f = stats(full);
  console.log(`${name.padEnd(28)} ${String(text.length).padStart(6)} ${String(chips).padStart(6)} ${p.median.toFixed(1).padStart(11)} ${p.p99.toFixed(1).padStart(8)} ${f.median.toFixed(1).padStart(20)}`);
}
