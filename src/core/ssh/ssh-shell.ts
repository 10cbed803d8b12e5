/**
 * The host shell (host-command/host-shell.ts) over SSH: every call asks the connection pool for the live client,
 * so a dropped connection is picked up again by the next call; failures come back as the typed host errors.
 */
import type { Client } from 'ssh2';
import { execFiles } from '../host-command/exec-files';
import type { ExecOptions, ExecResult, HeldCommand, HostFiles, HostForward, HostShell } from '../host-command/host-shell';
import { shellQuote } from '../host-command/quote';
import { execArgv, openExec } from './exec';
import { toHostError } from './link-errors';
import { startLocalForward, type LocalForward } from './port-forward';
import { openSftp, sftpFiles } from './sftp-transfer';

export interface SshShellOptions {
  /**
   * Keep one forward per host port for the life of the shell (close() of a forward is then a no-op; dispose()
   * closes them): the extension shares forwards between the deploy, the monitor and completion.
   */
  shareForwards?: boolean;
  onForwardError?: (e: Error) => void;
}

/** How long hold() waits for its command to say it is ready. */
const HOLD_READY_MS = 10_000;

export class SshHostShell implements HostShell {
  readonly isLocal = false;
  private readonly forwards = new Map<number, Promise<LocalForward>>();

  constructor(readonly target: string, private readonly getClient: () => Promise<Client>, private readonly opts: SshShellOptions = {}) {}

  private async client(): Promise<Client> {
    try {
      return await this.getClient();
    } catch (e) {
      throw toHostError(e);
    }
  }

  async ready(): Promise<void> {
    await this.client();
  }

  async exec(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return execArgv(await this.client(), argv, opts);
  }

  async hold(argv: readonly string[], readyText: string): Promise<HeldCommand | undefined> {
    const client = await this.client().catch(() => undefined);
    if (!client) return undefined;
    return openExec(client, shellQuote(argv), (ch) => {
      const ended = new Promise<void>((resolve) => ch.once('close', () => resolve()));
      return new Promise<HeldCommand | undefined>((resolve) => {
        let head = '';
        const timer = setTimeout(() => { ch.close(); resolve(undefined); }, HOLD_READY_MS);
        ch.on('data', (d: Buffer) => {
          head += d.toString('utf8');
          if (head.includes(readyText)) {
            clearTimeout(timer);
            resolve({ close: () => ch.close(), ended });
          }
        });
        ch.stderr.resume();
        ch.once('close', () => { clearTimeout(timer); resolve(undefined); });
      });
    }).catch(() => undefined);
  }

  async files(onFallback?: (why: string) => void): Promise<HostFiles> {
    const client = await this.client();
    try {
      return sftpFiles(await openSftp(client));
    } catch (e) {
      onFallback?.((e as Error).message);
      return execFiles(this);
    }
  }

  async forward(hostPort: number): Promise<HostForward> {
    if (!this.opts.shareForwards) {
      const f = await startLocalForward(() => this.client(), hostPort, { onError: this.opts.onForwardError });
      return { localPort: f.localPort, close: () => void f.close() };
    }
    let f = this.forwards.get(hostPort);
    if (!f) {
      f = startLocalForward(() => this.client(), hostPort, { onError: this.opts.onForwardError });
      f.catch(() => this.forwards.delete(hostPort));
      this.forwards.set(hostPort, f);
    }
    return { localPort: (await f).localPort, close: () => undefined };
  }

  /** Closes shared forwards. */
  dispose(): void {
    for (const f of this.forwards.values()) void f.then((x) => x.close()).catch(() => undefined);
    this.forwards.clear();
  }
}
