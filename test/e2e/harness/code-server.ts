/**
 * Starts a real VS Code (code-server 4.100.3) on a free loopback port with a fresh user-data dir, a workspace
 * made for the test and HOME set to a sandbox folder, so a test never reads or writes the developer's ~/.ssh.
 */
import { mkdirSync, writeFileSync, rmSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { spawnTracked, stopTracked } from './processes';
import { freePort } from '../../support/ports';
import { waitForHttp } from '../../support/wait';
import { codeServerEntry, extensionsDir, sandboxRoot } from './paths';

export interface CodeServerOptions {
  /** Short name used for the sandbox folder. */
  name: string;
  /** Workspace files: relative path -> content. */
  files?: Record<string, string>;
  /** User settings merged over the harness defaults. */
  userSettings?: Record<string, unknown>;
  /** User keybindings (User/keybindings.json), e.g. to invoke a command that the palette hides, with arguments. */
  userKeybindings?: { key: string; command: string; args?: unknown }[];
  /** Workspace settings (.vscode/settings.json). */
  workspaceSettings?: Record<string, unknown>;
  /** Start with workspace trust enabled; the workspace then opens in Restricted Mode. Default: trust off. */
  workspaceTrust?: boolean;
  /** Extra environment for code-server and so the extension host. */
  env?: Record<string, string>;
  /** Use this HOME (e.g. one holding a simulated host's .ssh). Default: a fresh sandbox folder. */
  home?: string;
  /** Listen on this port instead of a free one. */
  port?: number;
  /** Use this extensions dir instead of the e2e one. */
  extensionsDir?: string;
  /** Sandbox folder to use (kept between runs) instead of a fresh one under .sandbox/e2e. */
  sandbox?: string;
}

export interface CodeServer {
  url: string;
  port: number;
  workspace: string;
  home: string;
  userDataDir: string;
  sandbox: string;
  /** Text of the extension host log(s). */
  extHostLog(): string;
  /** Text of our own LogOutputChannel ("Ascend LLM"), when it has been written. */
  extensionLog(): string;
  /** Text of a plain output channel by name (e.g. "Ascend Jobs"), as VS Code logs it to disk. */
  outputChannel(name: string): string;
  stop(): Promise<void>;
}

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

function findFiles(dir: string, match: (name: string, path: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findFiles(path, match, out);
    else if (match(entry.name, path)) out.push(path);
  }
  return out;
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  if (!existsSync(codeServerEntry)) throw new Error('code-server is not installed: run `npm run test:e2e` (it installs .tools/)');
  const sandbox = opts.sandbox ?? join(sandboxRoot, `${opts.name}-${process.pid}-${Date.now().toString(36)}`);
  if (!opts.sandbox) rmSync(sandbox, { recursive: true, force: true });
  const home = opts.home ?? join(sandbox, 'home');
  const userDataDir = join(sandbox, 'user-data');
  const workspace = join(sandbox, 'workspace');
  for (const d of [home, join(userDataDir, 'User'), workspace]) mkdirSync(d, { recursive: true });

  writeFiles(workspace, opts.files ?? {});
  if (opts.workspaceSettings) writeFiles(workspace, { '.vscode/settings.json': JSON.stringify(opts.workspaceSettings, null, 2) });
  const userSettings = {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': opts.workspaceTrust ?? false,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'always',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    ...opts.userSettings,
  };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  if (opts.userKeybindings) writeFileSync(join(userDataDir, 'User', 'keybindings.json'), JSON.stringify(opts.userKeybindings, null, 2));

  const port = opts.port ?? (await freePort());
  const args = [codeServerEntry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userDataDir,
    '--extensions-dir', opts.extensionsDir ?? extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    '--ignore-last-opened'];
  if (!opts.workspaceTrust) args.push('--disable-workspace-trust');
  args.push(workspace);
  const logPath = join(sandbox, 'code-server.log');
  const env: NodeJS.ProcessEnv = {
    ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'), ...opts.env,
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const child: ChildProcess = spawnTracked(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  child.stdout?.on('data', (d: Buffer) => chunks.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => chunks.push(d.toString()));
  child.on('exit', () => writeFileSync(logPath, chunks.join('')));
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000);
  } catch (err) {
    await stopTracked(child);
    throw new Error(`code-server did not start: ${String(err)}\n${chunks.join('')}`, { cause: err });
  }

  return {
    url, port, workspace, home, userDataDir, sandbox,
    extHostLog: () =>
      findFiles(join(userDataDir, 'logs'), (n) => /exthost\.log$/.test(n)).map((f) => readFileSync(f, 'utf8')).join('\n'),
    extensionLog: () =>
      findFiles(join(userDataDir, 'logs'), (n, p) => n === 'Ascend LLM.log' || (p.includes('ascend-llm') && n.endsWith('.log')))
        .map((f) => readFileSync(f, 'utf8')).join('\n'),
    outputChannel: (name: string) =>
      findFiles(join(userDataDir, 'logs'), (n, p) => p.includes('output_logging') && n.endsWith(`-${name}.log`))
        .map((f) => readFileSync(f, 'utf8')).join('\n'),
    stop: () => stopTracked(child),
  };
}
