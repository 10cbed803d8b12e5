/**
 * Every `ascend-llm` subcommand (contracts.md §3). A subcommand whose feature has not landed is listed as
 * planned: it prints that it is not available yet and exits with the usage code.
 */
import type { CliCommand } from './types';
import { command as npuSmiParse } from './commands/npu-smi-parse';
import { command as validate } from './commands/validate';

export const COMMANDS: CliCommand[] = [validate, npuSmiParse];

/** Subcommands named by contracts.md §3 that later issues add. */
export const PLANNED: readonly string[] = [
  'check-host',
  'fetch-model',
  'build',
  'quantize',
  'deploy',
  'stop',
  'logs',
];
