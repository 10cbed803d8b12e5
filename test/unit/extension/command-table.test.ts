/**
 * The command table (src/extension/command-table.ts, no vscode import) is the one list of commands: every
 * contributed command is in it with the manifest's English title, and every title has a zh-cn translation
 * (messages name a command by its localized title).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../../src/extension/command-table';

const root = join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string; title: string }[] } };
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

test('every contributed command is in the table, with the title package.nls.json gives it', () => {
  const contributed = manifest.contributes.commands.map((c) => ({ id: c.command, title: nls[c.title.replace(/^%|%$/g, '')] }));
  const table = COMMANDS.map((c) => ({ id: c.id, title: c.title }));
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  assert.deepEqual([...table].sort(byId), [...contributed].sort(byId));
});

test('every command title has a zh-cn translation', () => {
  const dir = join(root, 'l10n', 'zh-cn');
  const zh = Object.assign({}, ...readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, string>)) as Record<string, string>;
  assert.deepEqual(COMMANDS.filter((c) => !zh[c.title]).map((c) => c.title), []);
});

test('the commands that reach a host are the trust-gated ones', () => {
  const gated = COMMANDS.filter((c) => c.needsHost).map((c) => c.id).sort();
  assert.deepEqual(gated, ['ascend.buildImage', 'ascend.checkHost', 'ascend.deploy', 'ascend.fetchModel', 'ascend.finishInterruptedDeploy',
    'ascend.jobs.cancel', 'ascend.jobs.reattach', 'ascend.openNpuMonitor', 'ascend.quantizeModel', 'ascend.showLogs', 'ascend.stopDeployment']);
});

test('no other source file registers a command', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && /registerCommand\(/.test(readFileSync(p, 'utf8')) && !p.endsWith(join('extension', 'commands.ts'))) offenders.push(p.slice(root.length + 1));
    }
  };
  walk(join(root, 'src'));
  assert.deepEqual(offenders, []);
});
