// ESLint flat config: typescript-eslint's recommended rules, zero warnings allowed (npm run lint).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tools/**', '.sandbox/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly',
      clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly',
      URL: 'readonly', AbortController: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly',
      __dirname: 'readonly', require: 'readonly', module: 'writable', fetch: 'readonly', performance: 'readonly',
      setImmediate: 'readonly', queueMicrotask: 'readonly', structuredClone: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  ...boundaries(),
);

/**
 * The dependency direction of src/ (drawn in ARCHITECTURE.md), enforced per folder with no-restricted-imports:
 *   host-command  ←  ssh, local  ←  remote            versions  ←  config, shell, python, dockerfile  ←  analysis
 * A folder may import only what sits below it; src/core never imports vscode. ESLint applies the last matching
 * rule setting, so each folder's entry repeats the vscode ban.
 */
function boundaries() {
  const VSCODE = { name: 'vscode', message: 'src/core, src/cli and src/server never import vscode.' };
  const ban = (folders, why) => ({ group: folders.flatMap((f) => [`**/core/${f}`, `**/core/${f}/**`, `../${f}`, `../${f}/**`, `../../${f}`, `../../${f}/**`]), message: why });
  const rule = (files, patterns, paths = []) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { paths: [VSCODE, ...paths], patterns }] },
  });
  const above = (me) => `${me} sits below this import: see the dependency direction in ARCHITECTURE.md.`;
  return [
    rule(['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/server/**/*.ts'], []),
    rule(['src/core/host-command/**/*.ts'],
      [ban(['remote', 'ssh', 'local', 'config', 'descriptor', 'deployment', 'monitor', 'npu', 'completion', 'shell', 'python', 'dockerfile', 'versions', 'analysis'], above('host-command'))],
      [{ name: 'ssh2', message: 'host-command is transport-free: ssh2 belongs in src/core/ssh.' }]),
    rule(['src/core/ssh/**/*.ts', 'src/core/local/**/*.ts'],
      [ban(['remote', 'config', 'descriptor', 'deployment', 'monitor', 'completion', 'shell', 'python', 'dockerfile', 'analysis'], above('A transport'))]),
    rule(['src/core/versions/**/*.ts'],
      [ban(['remote', 'ssh', 'local', 'config', 'descriptor', 'deployment', 'monitor', 'npu', 'completion', 'shell', 'python', 'dockerfile', 'analysis'], above('versions'))]),
    rule(['src/core/config/**/*.ts', 'src/core/shell/**/*.ts', 'src/core/python/**/*.ts', 'src/core/dockerfile/**/*.ts'],
      [ban(['remote', 'ssh', 'local', 'monitor', 'completion', 'analysis'], above('The editor rules'))]),
    rule(['src/core/deployment/**/*.ts', 'src/core/descriptor/**/*.ts'],
      [ban(['remote', 'ssh', 'local', 'monitor', 'completion', 'analysis'], above('The descriptor and the deployment record'))]),
    rule(['src/core/monitor/**/*.ts', 'src/core/npu/**/*.ts', 'src/core/metrics/**/*.ts'],
      [ban(['remote', 'ssh', 'local', 'config', 'completion', 'analysis'], above('The NPU monitor core'))]),
    rule(['src/core/completion/**/*.ts'],
      [ban(['remote', 'ssh', 'local', 'config', 'monitor', 'shell', 'python', 'dockerfile', 'analysis'], above('Completion'))]),
    rule(['src/core/remote/**/*.ts'],
      [{ group: ['../index', '../../remote/index', '**/core/remote/index'], message: 'Files inside src/core/remote import each other directly; remote/index.ts is the facade for the extension and the CLI only.' },
        ban(['ssh', 'local'], 'The runner reaches a host only through the host shell (ctx.shell, src/core/host-command/host-shell.ts).')],
      [{ name: 'ssh2', message: 'The runner reaches a host only through the host shell (ctx.shell), never ssh2.' }]),
  ];
}
