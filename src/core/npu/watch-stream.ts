/**
 * `npu-smi info watch` never exits: it prints a header, then one whitespace row per chip per interval
 * (docs/ascend-facts.md §4). This parser is fed chunks as they arrive and returns the complete rows seen so far.
 * Columns are read from the header, so `-s ptaicmb` subsets work; a column not shown is null.
 */
import { t } from '../l10n/index';
import { DCMI_FAILURE_PATTERN, NpuSmiParseError } from './parse-error';

export interface NpuWatchSample {
  npuId: number;
  chipId: number;
  powerW: number | null;
  tempC: number | null;
  aicorePercent: number | null;
  aicpuPercent: number | null;
  ctrlcpuPercent: number | null;
  memoryPercent: number | null;
  memoryBandwidthPercent: number | null;
}

type WatchField = keyof NpuWatchSample;

/** Header names as npu-smi prints them → fields. Longest names first so that the regex prefers them. */
const COLUMNS: [string, WatchField][] = [
  ['NpuID(Idx)', 'npuId'],
  ['ChipId(Idx)', 'chipId'],
  ['Memory BW(%)', 'memoryBandwidthPercent'],
  ['Ctrl Cpu(%)', 'ctrlcpuPercent'],
  ['AI Core(%)', 'aicorePercent'],
  ['AI Cpu(%)', 'aicpuPercent'],
  ['Memory(%)', 'memoryPercent'],
  ['Pwr(W)', 'powerW'],
  ['Temp(C)', 'tempC'],
];
const BY_NAME = new Map(COLUMNS);
const escape = (s: string): string => s.replace(/[()%]/g, (c) => `\\${c}`);
const HEADER_TOKEN = new RegExp(`^(?:${COLUMNS.map(([n]) => escape(n)).join('|')})`);

/** A line longer than this without a newline is not npu-smi output; drop it rather than buffer forever. */
const MAX_LINE = 64 * 1024;

/** Reads a header line into its fields, or returns null if any part of it is not a known column. */
export function readWatchHeader(line: string): WatchField[] | null {
  const fields: WatchField[] = [];
  let rest = line.trim();
  while (rest !== '') {
    const m = HEADER_TOKEN.exec(rest);
    if (!m) return null;
    const field = BY_NAME.get(m[0]);
    if (!field || fields.includes(field)) return null;
    fields.push(field);
    rest = rest.slice(m[0].length).trimStart();
  }
  return fields.includes('npuId') && fields.includes('chipId') ? fields : null;
}

export interface NpuWatchFeed {
  samples: NpuWatchSample[];
  /** One per line that could not be read; the stream goes on. Each error's `raw` is that line. */
  errors: NpuSmiParseError[];
}

export class NpuWatchParser {
  private pending = '';
  private columns: WatchField[] | null = null;
  private lineNo = 0;

  /** Feeds a chunk (any split, `\n` or `\r\n`); returns the rows completed by it. */
  feed(chunk: string): NpuWatchFeed {
    const out: NpuWatchFeed = { samples: [], errors: [] };
    this.pending += chunk;
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 1);
      this.readLine(line, out);
    }
    if (this.pending.length > MAX_LINE) {
      this.lineNo++;
      out.errors.push(new NpuSmiParseError('bad-row', t('A line of "npu-smi info watch" output is too long'), this.pending.slice(0, 200), this.lineNo));
      this.pending = '';
    }
    return out;
  }

  /** Call when the stream ends: reads a last line that had no newline. */
  end(): NpuWatchFeed {
    const out: NpuWatchFeed = { samples: [], errors: [] };
    const rest = this.pending;
    this.pending = '';
    if (rest.trim() !== '') this.readLine(rest, out);
    return out;
  }

  private readLine(raw: string, out: NpuWatchFeed): void {
    this.lineNo++;
    const line = raw.replace(/\r$/, '').trim();
    if (line === '') return;
    if (line.startsWith('NpuID')) {
      const header = readWatchHeader(line);
      if (header) this.columns = header;
      else out.errors.push(new NpuSmiParseError('unknown-layout', t('Unknown "npu-smi info watch" header: {0}', line), line, this.lineNo));
      return;
    }
    if (DCMI_FAILURE_PATTERN.test(line)) {
      out.errors.push(new NpuSmiParseError('dcmi-failure', t('npu-smi could not initialize the device management interface (dcmi error {0})', DCMI_FAILURE_PATTERN.exec(line)?.[1] ?? ''), line, this.lineNo));
      return;
    }
    if (!this.columns) {
      out.errors.push(new NpuSmiParseError('bad-row', t('A row came before the "npu-smi info watch" header: {0}', line), line, this.lineNo));
      return;
    }
    const tokens = line.split(/\s+/);
    if (tokens.length !== this.columns.length) {
      out.errors.push(new NpuSmiParseError('bad-row', t('expected {0} values in "{1}", found {2}', this.columns.length, line, tokens.length), line, this.lineNo));
      return;
    }
    const sample: NpuWatchSample = {
      npuId: 0, chipId: 0, powerW: null, tempC: null, aicorePercent: null, aicpuPercent: null,
      ctrlcpuPercent: null, memoryPercent: null, memoryBandwidthPercent: null,
    };
    for (let i = 0; i < tokens.length; i++) {
      const field = this.columns[i];
      const token = tokens[i];
      const isId = field === 'npuId' || field === 'chipId';
      const ok = isId ? /^\d+$/.test(token) : /^-?\d+(?:\.\d+)?$/.test(token) || token === 'NA' || token === '-';
      if (!ok) {
        out.errors.push(new NpuSmiParseError('bad-row', t('not a number: {0}', token), line, this.lineNo));
        return;
      }
      const value = token === 'NA' || token === '-' ? null : Number(token);
      if (field === 'npuId' || field === 'chipId') sample[field] = Number(token);
      else sample[field] = value;
    }
    out.samples.push(sample);
  }
}
