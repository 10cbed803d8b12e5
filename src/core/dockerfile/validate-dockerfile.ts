/**
 * Checks a Dockerfile: builder errors, the base image, the article's commands in RUN/CMD/ENTRYPOINT/ENV, and the
 * versions named in FROM/ARG and those instructions against the compatibility matrix.
 */
import { DockerfileParser } from 'dockerfile-ast';
import type { Finding } from '../diagnostics';
import { checkCommands } from '../shell/command-rules';
import { logicalLines, type LogicalLine } from '../shell/logical-lines';
import { knownTarget, parseTarget } from '../versions/target-version';
import { checkVersionMatrix } from '../shell/version-matrix-rules';
import { checkFrom } from './base-image-rules';
import { builderFindings } from './builder-diagnostics';

export interface DockerfileOptions {
  targetVersion?: string;
}

const SHELL_INSTRUCTIONS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'ENV']);
/** Where image tags and pins may name versions (`ARG BASE=quay.io/ascend/vllm-ascend:v0.23.0`). */
const VERSION_INSTRUCTIONS = new Set([...SHELL_INSTRUCTIONS, 'FROM', 'ARG']);

export function validateDockerfile(text: string, options: DockerfileOptions = {}): Finding[] {
  const target = parseTarget(options.targetVersion);
  const dockerfile = DockerfileParser.parse(text);
  const docLines = text.split(/\r?\n/);
  const out: Finding[] = [...builderFindings(text)];
  const stages = new Set<string>();
  for (const from of dockerfile.getFROMs()) out.push(...checkFrom(from, stages, target));

  const lines: LogicalLine[] = [];
  const versionLines: LogicalLine[] = [];
  for (const ins of dockerfile.getInstructions()) {
    const keyword = ins.getKeyword();
    if (!VERSION_INSTRUCTIONS.has(keyword)) continue;
    const args = ins.getArgumentsRange();
    if (!args) continue;
    const range = ins.getRange();
    const indices: number[] = [];
    for (let l = args.start.line; l <= range.end.line; l++) indices.push(l);
    const logical = logicalLines(docLines, indices, new Map([[args.start.line, args.start.character]]));
    versionLines.push(...logical);
    if (SHELL_INSTRUCTIONS.has(keyword)) lines.push(...logical);
  }
  out.push(...checkCommands(lines, { target, kind: 'dockerfile' }));
  out.push(...checkVersionMatrix(versionLines, knownTarget(options.targetVersion)));
  return out;
}
