/**
 * `ascend-llm npu-smi parse [--kind K] [FILE|-]`: npu-smi output in, JSON out, so that
 * `ssh host npu-smi info | ascend-llm npu-smi parse` works in scripts. Exit 0 ok, 1 when the text cannot be
 * parsed (the reason and the raw text go to stderr), 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { t } from '../../core/l10n/index';
import { NpuSmiParseError } from '../../core/npu/parse-error';
import { parseNpuSmiInfo } from '../../core/npu/parse-info';
import { parseNpuSmiMapping } from '../../core/npu/parse-info-m';
import { parseNpuSmiList } from '../../core/npu/parse-info-list';
import { parseNpuSmiChipInfo } from '../../core/npu/parse-chip-info';
import { NpuWatchParser } from '../../core/npu/watch-stream';
import { ExitCode, type CliCommand, type CliIO } from '../types';

const KINDS = {
  info: parseNpuSmiInfo,
  map: parseNpuSmiMapping,
  list: parseNpuSmiList,
  usages: parseNpuSmiChipInfo,
  common: parseNpuSmiChipInfo,
  watch: (raw: string) => {
    const parser = new NpuWatchParser();
    const a = parser.feed(raw);
    const b = parser.end();
    const errors = [...a.errors, ...b.errors];
    if (errors.length > 0) throw errors[0];
    return [...a.samples, ...b.samples];
  },
} as const;
type Kind = keyof typeof KINDS;

/** How much of the raw text to echo on stderr after a parse error. */
const RAW_ECHO_LIMIT = 4000;

function usageText(): string {
  return [
    t('Usage: ascend-llm npu-smi parse [--kind info|map|list|usages|common|watch] [FILE|-]'),
    '',
    t('Reads npu-smi output from FILE (or standard input when FILE is "-" or missing) and prints it as JSON.'),
    t('--kind says which command produced it: info (default, "npu-smi info"), map ("info -m"), list ("info -l"), usages ("info -t usages"), common ("info -t common"), watch ("info watch").'),
    t('Exit codes: 0 parsed, 1 the text could not be parsed, 2 usage error.'),
  ].join('\n');
}

function usageError(io: CliIO, message: string): number {
  io.stderr(`${message}\n${usageText()}\n`);
  return ExitCode.usage;
}

async function run(args: string[], io: CliIO): Promise<number> {
  let kind: Kind = 'info';
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      io.stdout(`${usageText()}\n`);
      return ExitCode.ok;
    }
    if (a === '--kind' || a.startsWith('--kind=')) {
      const value = a === '--kind' ? args[++i] : a.slice('--kind='.length);
      if (value === undefined || !(value in KINDS)) return usageError(io, t('Unknown --kind: {0}', value ?? ''));
      kind = value as Kind;
    } else if (a.startsWith('-') && a !== '-') {
      return usageError(io, t('Unknown option: {0}', a));
    } else if (file !== undefined) {
      return usageError(io, t('Expected at most one FILE, got "{0}" and "{1}"', file, a));
    } else {
      file = a;
    }
  }
  let raw: string;
  if (file === undefined || file === '-') {
    raw = await io.readStdin();
  } else {
    try {
      raw = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (e) {
      return usageError(io, t('Cannot read {0}: {1}', file, (e as Error).message));
    }
  }
  try {
    const result = KINDS[kind](raw);
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return ExitCode.ok;
  } catch (e) {
    if (!(e instanceof NpuSmiParseError)) throw e;
    const echo = raw.length > RAW_ECHO_LIMIT ? `${raw.slice(0, RAW_ECHO_LIMIT)}\n…` : raw;
    io.stderr(`${t('Cannot parse npu-smi output: {0}', e.message)}\n${t('Raw text:')}\n${echo}${echo.endsWith('\n') ? '' : '\n'}`);
    return ExitCode.findings;
  }
}

export const command: CliCommand = {
  name: 'npu-smi parse',
  summary: () => t('Parse npu-smi output into JSON'),
  usage: usageText,
  run,
};
