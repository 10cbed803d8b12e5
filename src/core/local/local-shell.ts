/**
 * The host shell (host-command/host-shell.ts) on this machine, for `target.host: local` (VS Code Remote-SSH or
 * code-server on the Kunpeng server itself): every argv runs through child_process without any shell, from
 * $HOME, with the extension host's environment. No SSH, no forward: the host's loopback port is this
 * machine's. Detached jobs are the same job scripts as over SSH (setsid, ~/.ascend-llm/jobs).
 *
 * Cancel: each command starts in its own process group (spawn `detached`, i.e. setsid), and cancel sends TERM
 * to the whole group, so children started by the command stop with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { homedir } from 'node:os';
import { CancelledError } from '../host-command/host-errors';
import type { ExecOptions, ExecResult, HeldCommand, HostFiles, HostForward, HostShell } from '../host-command/host-shell';
import { localFiles } from './local-files';

export const LOCAL_TARGET = 'local';

export interface LocalShellOptions {
  /** Environment of every command (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Working folder and $HOME of the commands (default: env.HOME, else the user's home). */
  home?: string;
}

/** How long hold() waits for its command to say it is ready. */
const HOLD_READY_MS = 10_000;

export class LocalHostShell implements HostShell {
  readonly target = LOCAL_TARGET;
  readonly isLocal = true;
  private readonly env: NodeJS.ProcessEnv;
  private readonly home: string;

  constructor(opts: LocalShellOptions = {}) {
    const env = opts.env ?? process.env;
    this.home = opts.home ?? env.HOME ?? homedir();
    this.env = { ...env, HOME: this.home };
  }

  async ready(): Promise<void> {
    // this machine is always there
  }

  private start(argv: readonly string[], detached: boolean): ChildProcess {
    if (argv.length === 0) throw new Error('an empty command');
    return spawn(argv[0], argv.slice(1), { cwd: this.home, env: this.env, detached, stdio: ['pipe', 'pipe', 'pipe'] });
  }

  exec(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    if (opts.signal?.aborted) return Promise.reject(new CancelledError());
    const collect = opts.collect ?? true;
    return new Promise((resolve, reject) => {
      const child = this.start(argv, true);
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      let cancelled = false;
      let missing: string | undefined;
      const onAbort = (): void => {
        cancelled = true;
        killGroup(child, 'SIGTERM');
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout?.on('data', (d: Buffer) => { if (collect) out.push(d); opts.onStdout?.(d); });
      child.stderr?.on('data', (d: Buffer) => { if (collect) errOut.push(d); opts.onStderr?.(d); });
      // A program that is not there: what a POSIX shell says and returns (127), as over SSH.
      child.on('error', (e: NodeJS.ErrnoException) => { missing = e.code === 'ENOENT' ? `${argv[0]}: not found\n` : `${argv[0]}: ${e.message}\n`; });
      child.stdin?.on('error', () => undefined); // a command that exits without reading its input
      child.on('close', (code, sig) => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (cancelled) return reject(new CancelledError());
        if (missing !== undefined) return resolve({ code: 127, stdout: '', stderr: missing });
        resolve({ code, signal: sig ?? undefined, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errOut).toString('utf8') });
      });
      const input = opts.stdin;
      if (input === undefined) child.stdin?.end();
      else if (typeof input === 'string' || Buffer.isBuffer(input)) child.stdin?.end(input);
      else if (child.stdin) {
        const stdin = child.stdin;
        input.once('close', () => stdin.end()); // ended or destroyed: the command sees the end of its input
        input.once('error', () => stdin.end());
        input.pipe(stdin);
      }
    });
  }

  hold(argv: readonly string[], readyText: string): Promise<HeldCommand | undefined> {
    return new Promise((resolve) => {
      // Not detached: it belongs to this process, and its stdin (a pipe from here) ends when this process does.
      let child: ChildProcess;
      try {
        child = this.start(argv, false);
      } catch {
        return resolve(undefined);
      }
      const ended = new Promise<void>((r) => child.once('close', () => r()));
      let head = '';
      const close = (): void => { child.stdin?.end(); child.kill('SIGTERM'); };
      const timer = setTimeout(() => { close(); resolve(undefined); }, HOLD_READY_MS);
      child.on('error', () => undefined);
      child.stdin?.on('error', () => undefined);
      child.stderr?.resume();
      child.stdout?.on('data', (d: Buffer) => {
        head += d.toString('utf8');
        if (head.includes(readyText)) {
          clearTimeout(timer);
          resolve({ close, ended });
        }
      });
      child.once('close', () => { clearTimeout(timer); resolve(undefined); });
    });
  }

  async files(): Promise<HostFiles> {
    return localFiles();
  }

  async forward(hostPort: number): Promise<HostForward> {
    return { localPort: hostPort, close: () => undefined };
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal); // the group is gone already, or never formed
  }
}
