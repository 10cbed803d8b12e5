/** Every command rule, run over the logical lines of a script or of Dockerfile instructions. */
import type { Finding } from '../diagnostics';
import type { CommandContext, CommandRule } from './command-rule';
import type { LogicalLine } from './logical-lines';
import { npuSmiQuantize, npuSmiTop } from './npu-smi-rules';
import { cudaWheelIndex, editableExtra, torchNpuPin, torchStableIndex } from './pip-rules';
import { demoApiServer, dockerPlatform, oldPython, useArmNeon } from './misc-command-rules';
import { oldCannImage } from './image-rules';
import { vllmServeOptions } from './vllm-serve-rules';
import { dockerRunAscend } from './docker-run-rules';

/** Each rule with a word its matches always contain, so most lines skip the rule's regex entirely. */
export const COMMAND_RULES: ReadonlyArray<readonly [string, CommandRule]> = [
  ['npu-smi', npuSmiQuantize],
  ['npu-smi', npuSmiTop],
  ['+npu', torchNpuPin],
  ['torch_stable', torchStableIndex],
  ['download.pytorch.org', cudaWheelIndex],
  ['.[', editableExtra],
  ['USE_ARM_NEON', useArmNeon],
  ['api_server', demoApiServer],
  ['python3.', oldPython],
  ['--platform', dockerPlatform],
  ['cann', oldCannImage],
  ['vllm', vllmServeOptions],
  ['docker', dockerRunAscend],
];

export function checkCommands(lines: LogicalLine[], ctx: CommandContext): Finding[] {
  const out: Finding[] = [];
  for (const line of lines) {
    if (!line.text.trim()) continue;
    for (const [word, rule] of COMMAND_RULES) if (line.text.includes(word)) out.push(...rule(line, ctx));
  }
  return out;
}
