/**
 * Every `ascend-llm` subcommand (contracts.md §3). A subcommand whose feature has not landed is listed as
 * planned: it prints that it is not available yet and exits with the usage code.
 */
import type { CliCommand } from './types';

export const COMMANDS: CliCommand[] = [];

/** Subcommands named by contracts.md §3 that later issues add. */
export const PLANNED: readonly string[] = [
  'validate',
  'npu-smi parse',
  'check-host',
  'fetch-model',
  'build',
  'quantize',
  'deploy',
  'stop',
  'logs',
];
