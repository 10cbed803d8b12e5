/** The commands package.json contributes, with their English palette titles ("Ascend: Check Host"). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './harness/paths';

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
  };
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
const resolve = (value: string): string => value.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? value);

/** Commands hidden from the palette on purpose (`"when": "false"`), e.g. the accept hook of inline completion. */
const hidden = new Set((manifest.contributes.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));

export const contributedCommands = manifest.contributes.commands.filter((c) => !hidden.has(c.command)).map((c) => ({
  id: c.command,
  title: `${resolve(c.category)}: ${resolve(c.title)}`,
}));
