/** Every `ascend-llm` subcommand (docs/contracts.md §3). */
import type { CliCommand } from './types';
import { command as validate } from './commands/validate';
import { command as npuSmiParse } from './commands/npu-smi-parse';
import { command as checkHost } from './commands/check-host';
import { command as fetchModel } from './commands/fetch-model';
import { command as build } from './commands/build';
import { command as quantize } from './commands/quantize';
import { command as deploy } from './commands/deploy';
import { command as stop } from './commands/stop';
import { command as logs } from './commands/logs';

export const COMMANDS: CliCommand[] = [validate, npuSmiParse, checkHost, fetchModel, build, quantize, deploy, stop, logs];
