/** Checks a shell script (`*.sh`) for the article's commands. */
import type { Finding } from '../diagnostics';
import { checkCommands } from './command-rules';
import { logicalLines } from './logical-lines';
import { knownTarget, parseTarget } from '../versions/target-version';
import { checkVersionMatrix } from './version-matrix-rules';

export interface ShellOptions {
  targetVersion?: string;
}

export function validateShellScript(text: string, options: ShellOptions = {}): Finding[] {
  const docLines = text.split(/\r?\n/);
  const indices: number[] = [];
  let heredocEnd: string | undefined;
  for (let i = 0; i < docLines.length; i++) {
    const l = docLines[i];
    if (heredocEnd !== undefined) {
      // Heredoc bodies are data (a Python snippet, a config), not commands; skip them.
      if (l.trim() === heredocEnd) heredocEnd = undefined;
      continue;
    }
    if (i === 0 && l.startsWith('#!')) continue;
    indices.push(i);
    const h = /<<-?\s*(['"]?)([A-Za-z_][\w]*)\1/.exec(l);
    if (h) heredocEnd = h[2];
  }
  const lines = logicalLines(docLines, indices);
  return [
    ...checkCommands(lines, { target: parseTarget(options.targetVersion), kind: 'shell' }),
    ...checkVersionMatrix(lines, knownTarget(options.targetVersion)),
  ];
}
