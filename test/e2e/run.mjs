// The e2e suite: installs the tools (once), packages the .vsix, installs it into a fresh extensions dir of
// code-server, then runs test/e2e/*.e2e.ts one file at a time with node's test runner.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installTools, packageAndInstall } from './install-tools.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
installTools();
// Per checkout (not in the shared .tools/), so two checkouts running e2e at once never swap each other's build.
const extensionsDir = join(root, '.sandbox', 'e2e-extensions');
packageAndInstall(extensionsDir);

const only = process.argv.slice(2);
const files = only.length ? only : readdirSync(join(root, 'test/e2e')).filter((f) => f.endsWith('.e2e.ts')).sort()
  .map((f) => join('test/e2e', f));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, ASCEND_E2E_EXTENSIONS_DIR: extensionsDir } });
process.exit(r.status ?? 1);
