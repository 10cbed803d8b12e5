// Installs the e2e toolchain into .tools/ (git-ignored): code-server 4.100.3 (a real VS Code 1.100.3 that runs
// on Node 20) and playwright-core, following docs/testing-here.md. System packages (chromium, ripgrep, the -dev
// headers) come from .ci/run's apt-get. A second run finds .tools/READY and does nothing.
import { existsSync, mkdirSync, writeFileSync, copyFileSync, symlinkSync, rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const toolsDir = join(root, '.tools');
export const codeServerEntry = join(toolsDir, 'node_modules/code-server/out/node/entry.js');
const marker = join(toolsDir, `READY-${CODE_SERVER_VERSION}`);

function run(cmd, args, cwd) {
  console.log(`[install-tools] ${cwd.replace(root, '.')}$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
}

export function installTools() {
  if (existsSync(marker)) return;
  for (const bin of ['/usr/bin/chromium', '/usr/bin/rg']) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run .ci/run or apt-get install chromium ripgrep (see README)`);
  }
  rmSync(toolsDir, { recursive: true, force: true });
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(join(toolsDir, 'package.json'), JSON.stringify({ name: 'ascend-llm-e2e-tools', private: true }));
  run('npm', ['install', '--no-save', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], toolsDir);
  run('npm', ['rebuild', 'argon2'], toolsDir);
  const vs = join(toolsDir, 'node_modules/code-server/lib/vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], vs);
  mkdirSync(join(vs, 'node_modules/@vscode/ripgrep/bin'), { recursive: true });
  copyFileSync('/usr/bin/rg', join(vs, 'node_modules/@vscode/ripgrep/bin/rg'));
  run('npm', ['rebuild', '@parcel/watcher', '@vscode/spdlog', 'kerberos', 'native-watchdog'], vs);
  run('npx', ['--yes', 'node-gyp@12.4.0', 'rebuild'], join(vs, 'node_modules/node-pty'));
  if (!existsSync(join(vs, 'node_modules.asar'))) symlinkSync('node_modules', join(vs, 'node_modules.asar'));
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], join(vs, 'extensions'));
  writeFileSync(marker, new Date().toISOString());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) installTools();

/** Packages the extension (scripts/package.mjs) and installs the .vsix into a fresh code-server extensions dir. */
export function packageAndInstall(extensionsDir) {
  execFileSync(process.execPath, [join(root, 'scripts/package.mjs')], { cwd: root, stdio: 'inherit' });
  rmSync(extensionsDir, { recursive: true, force: true });
  mkdirSync(extensionsDir, { recursive: true });
  execFileSync(process.execPath, [codeServerEntry, '--extensions-dir', extensionsDir, '--install-extension', join(root, 'ascend-llm.vsix')],
    { cwd: root, stdio: 'inherit', env: { ...process.env, HOME: join(toolsDir, 'install-home') } });
}
