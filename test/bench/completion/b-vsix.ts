/**
 * Benchmark B's own copy of the extension: build, package into a private .vsix (not the shared ascend-llm.vsix
 * that the e2e suite writes), and install it into a private code-server extensions dir. Returns that dir.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerEntry, repoRoot, toolsDir } from '../../e2e/harness/paths';

export function packageForBench(): string {
  const work = join(toolsDir, 'bench-b');
  const vsix = join(work, 'ascend-llm-bench-b.vsix');
  const extensionsDir = join(work, 'extensions');
  mkdirSync(work, { recursive: true });
  const quiet = { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] as ('ignore' | 'inherit')[] };
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], quiet);
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies',
    '--allow-missing-repository', '--skip-license', '--readme-path', 'media/README.vsix.md', '--out', vsix], quiet);
  rmSync(extensionsDir, { recursive: true, force: true });
  mkdirSync(extensionsDir, { recursive: true });
  execFileSync(process.execPath, [codeServerEntry, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { ...quiet, env: { ...process.env, HOME: join(toolsDir, 'install-home') } });
  return extensionsDir;
}
