/** Checks a Dockerfile: builder errors, the base image, and the article's commands in RUN/CMD/ENTRYPOINT/ENV. */
import { DockerfileParser } from 'dockerfile-ast';
import type { Finding } from '../diagnostics';
import { checkCommands } from '../shell/command-rules';
import { logicalLines, type LogicalLine } from '../shell/logical-lines';
import { parseTarget } from '../shell/target-version';
import { checkFrom } from './base-image-rules';
import { builderFindings } from './builder-diagnostics';

export interface DockerfileOptions {
  targetVersion?: string;
}

const SHELL_INSTRUCTIONS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'ENV']);

export function validateDockerfile(text: string, options: DockerfileOptions = {}): Finding[] {
  const target = parseTarget(options.targetVersion);
  const dockerfile = DockerfileParser.parse(text);
  const docLines = text.split(/\r?\n/);
  const out: Finding[] = [...builderFindings(text)];
  const stages = new Set<string>();
  for (const from of dockerfile.getFROMs()) out.push(...checkFrom(from, stages, target));

  const lines: LogicalLine[] = [];
  for (const ins of dockerfile.getInstructions()) {
    if (!SHELL_INSTRUCTIONS.has(ins.getKeyword())) continue;
    const args = ins.getArgumentsRange();
    if (!args) continue;
    const range = ins.getRange();
    const indices: number[] = [];
    for (let l = args.start.line; l <= range.end.line; l++) indices.push(l);
    lines.push(...logicalLines(docLines, indices, new Map([[args.start.line, args.start.character]])));
  }
  out.push(...checkCommands(lines, { target, kind: 'dockerfile' }));
  return out;
}
