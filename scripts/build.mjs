// Builds every entry point with esbuild (one bundle each) and the l10n bundles. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeBundles } from './l10n-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  // ssh2's optional native helpers: ssh2 falls back to pure JS when they are absent.
  external: ['vscode', 'cpu-features', '*.node'],
  define: { ASCEND_LLM_VERSION: JSON.stringify(pkg.version) },
};
const entries = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...node, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
  {
    bundle: true, platform: 'browser', target: 'es2022', format: 'iife', minify: true, sourcemap: 'linked',
    logLevel: 'warning', entryPoints: ['webview/monitor/main.ts'], outfile: 'dist/webview/monitor.js',
  },
].filter((e) => existsSync(join(root, e.entryPoints[0])));

const l10n = mergeBundles(root);
if (watch) {
  for (const e of entries) await (await esbuild.context({ ...e, absWorkingDir: root })).watch();
  console.log(`watching ${entries.length} entry points`);
} else {
  const t0 = Date.now();
  await Promise.all(entries.map((e) => esbuild.build({ ...e, absWorkingDir: root })));
  console.log(`built ${entries.map((e) => e.outfile).join(', ')} and ${l10n.keys} l10n keys in ${Date.now() - t0} ms`);
}
