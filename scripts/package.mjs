// Builds, then packages the extension into ascend-llm.vsix with @vscode/vsce. Dependencies are bundled, so no
// node_modules ships (--no-dependencies). Fails when the .vsix is over 3 MB.
import { execFileSync } from 'node:child_process';
import { statSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LIMIT = 3 * 1024 * 1024;
const out = join(root, 'ascend-llm.vsix');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies',
  '--allow-missing-repository', '--skip-license', '--readme-path', 'media/README.vsix.md', '--out', out], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
const size = statSync(out).size;
console.log(`${pkg.name}-${pkg.version}: ${out} is ${(size / 1024 / 1024).toFixed(2)} MB (limit 3 MB)`);
if (size > LIMIT) {
  console.error('the .vsix is over the 3 MB limit');
  process.exit(1);
}
