/** The commands package.json contributes, with their English palette titles ("Ascend: Check Host"). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './harness/paths';

interface Manifest {
  contributes: { commands: { command: string; title: string; category: string }[] };
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
const resolve = (value: string): string => value.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? value);

export const contributedCommands = manifest.contributes.commands.map((c) => ({
  id: c.command,
  title: `${resolve(c.category)}: ${resolve(c.title)}`,
}));
