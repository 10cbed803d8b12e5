/**
 * `npm start`: builds and installs the extension, starts the simulated Kunpeng + Ascend host (a real sshd with
 * npu-smi, docker, msModelSlim and vLLM stand-ins), writes a demo workspace that deploys to it, and opens a real
 * VS Code (code-server) on it, with HOME set to a sandbox folder whose ~/.ssh names the host, so your own ~/.ssh
 * is never touched. Prints the URL.
 * Ctrl+C stops everything it started. A second `npm start` while one runs fails with a clear message.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain .mjs without types
import { installTools, packageAndInstall, toolsDir } from '../test/e2e/install-tools.mjs';
import { startCodeServer } from '../test/e2e/harness/code-server';
import { repoRoot } from '../test/e2e/harness/paths';
import { freePort } from '../test/support/ports';
import { startSimHost } from '../test/host/index';
import { resetSandboxSsh, writeSandboxSsh } from '../test/host/sandbox-home';
import { writeDemoWorkspace } from '../test/host/demo-workspace';
import { hostProcesses } from '../test/host/cleanup';

const sandbox = join(repoRoot, '.sandbox', 'start');
const lockPath = join(repoRoot, '.sandbox', 'start.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function takeLock(): void {
  mkdirSync(join(repoRoot, '.sandbox'), { recursive: true });
  if (existsSync(lockPath)) {
    const held = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number; url?: string };
    if (alive(held.pid)) {
      console.error(`npm start is already running (pid ${held.pid})${held.url ? ` at ${held.url}` : ''}. Stop it with Ctrl+C first.`);
      process.exit(1);
    }
  }
  writeFileSync(lockPath, JSON.stringify({ pid: process.pid }));
  process.on('exit', () => rmSync(lockPath, { force: true }));
}

async function main(): Promise<void> {
  takeLock();
  (installTools as () => void)();
  const extensionsDir = join(toolsDir as string, 'start-extensions');
  (packageAndInstall as (dir: string) => void)(extensionsDir);

  const wanted = Number(process.env.PORT ?? 8610);
  const port = await portOr(wanted);
  rmSync(join(sandbox, 'workspace'), { recursive: true, force: true });
  const host = await startSimHost({ profile: '910b4', alias: 'kunpeng-01' });
  const stopHost = () => host.stop().catch(() => undefined);
  // Last resort if we exit without the graceful path (an error, a second signal): kill what the host started.
  process.on('exit', () => {
    for (const pid of hostProcesses(host.stateDir, [])) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  });
  const home = join(sandbox, 'home');
  resetSandboxSsh(home);
  writeSandboxSsh(home, host);
  writeDemoWorkspace(join(sandbox, 'workspace'), { alias: host.alias, home: host.home });
  const server = await startCodeServer({
    name: 'start', sandbox, port, extensionsDir, home,
    userSettings: {
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'ascend.hosts': { [host.alias]: { ascendPrefix: host.ascendPrefix, devPrefix: host.devPrefix, etcPrefix: host.etcPrefix, usrLocalPrefix: host.usrLocalPrefix } },
    },
  });
  writeFileSync(lockPath, JSON.stringify({ pid: process.pid, url: server.url }));
  console.log(`\nSimulated host "${host.alias}" (8x Ascend 910B4) is at ${host.user}@${host.host}:${host.port} (ssh -F ${join(home, '.ssh/config')} ${host.alias})`);
  console.log(`\nAscend LLM is running in VS Code at:\n\n  ${server.url}\n\nPress Ctrl+C to stop everything.`);
  const stop = async () => {
    console.log('\nstopping...');
    await server.stop();
    await stopHost();
    process.exit(0);
  };
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

async function portOr(wanted: number): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => {
      void freePort().then((p) => {
        console.log(`port ${wanted} is busy; using ${p}`);
        resolve(p);
      });
    });
    probe.listen(wanted, '127.0.0.1', () => probe.close(() => resolve(wanted)));
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
