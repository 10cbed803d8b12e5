import * as vscode from 'vscode';
import { homedir, userInfo } from 'node:os';
import type { HostShell } from '../../core/host-command/host-shell';
import { ConnectionPool, type ConnectionState } from '../../core/ssh/connection-pool';
import { hostConnector } from '../../core/ssh/host-connector';
import { SshHostShell } from '../../core/ssh/ssh-shell';
import { LOCAL_TARGET, LocalHostShell } from '../../core/local/local-shell';
import { offerLocalTarget } from '../../core/local/local-offer';
import { listHostAliases } from '../../core/ssh/host-aliases';
import type { SecretStoreLike } from '../../core/ssh/secret-store';
import { askPassphrase, askUnknownHost } from './prompts';
import { settings } from '../settings';

/**
 * The one SSH connection per host that every feature shares (check, jobs, monitor, completion forward), and the
 * local target `local` (this machine, src/core/local: no SSH, no forward).
 * Host keys are verified against known_hosts before authentication (src/core/ssh); this module only supplies
 * the VS Code prompts (unknown host key, key passphrase) and SecretStorage.
 */
export class HostConnections implements vscode.Disposable {
  private readonly pool: ConnectionPool;
  private readonly shells = new Map<string, SshHostShell>();
  private local: LocalHostShell | undefined;
  /** This machine is an Ascend host (Arm64 with npu-smi on PATH): `local` is offered first. */
  readonly localOffered = offerLocalTarget(process.platform, process.arch, process.env.PATH);
  private readonly stateEmitter = new vscode.EventEmitter<{ alias: string; state: ConnectionState }>();
  readonly onDidChangeState = this.stateEmitter.event;
  readonly home = process.env.HOME || homedir();

  constructor(secrets: vscode.SecretStorage, private readonly log: vscode.LogOutputChannel) {
    const store: SecretStoreLike = {
      get: async (key) => secrets.get(key),
      store: async (key, value) => secrets.store(key, value),
      delete: async (key) => secrets.delete(key),
    };
    const connect = hostConnector(
      { home: this.home, localUser: userInfo().username },
      {
        agentSocket: process.env.SSH_AUTH_SOCK,
        secrets: store,
        onUnknownHost: (info) => askUnknownHost(info),
        onPassphrase: (file, attempt) => askPassphrase(file, attempt),
        debug: (m) => log.trace(m),
      },
    );
    this.pool = new ConnectionPool({
      connect,
      onState: (alias, state, error) => {
        log.info(`ssh ${alias}: ${state}${error ? ` (${error.message})` : ''}`);
        this.stateEmitter.fire({ alias, state });
      },
    });
  }

  /**
   * The targets to offer: `local` first when this machine is an Ascend host or ascend.hosts names it (in an
   * untrusted workspace only the user's own value counts), then the aliases in ~/.ssh/config.
   */
  aliases(): string[] {
    const local = this.localOffered || settings.hostAliases().includes(LOCAL_TARGET) ? [LOCAL_TARGET] : [];
    try {
      return [...local, ...listHostAliases({ home: this.home }).filter((a) => a !== LOCAL_TARGET)];
    } catch (err) {
      this.log.warn(`cannot read ~/.ssh/config: ${err instanceof Error ? err.message : String(err)}`);
      return local;
    }
  }

  state(alias: string): ConnectionState {
    return alias === LOCAL_TARGET ? 'connected' : this.pool.state(alias);
  }

  /**
   * The host shell of one host: its forwards (to the host's 127.0.0.1:port) are shared per (alias, port) by the
   * deploy, the monitor and completion, and closed with this object.
   */
  shell(alias: string): HostShell {
    if (alias === LOCAL_TARGET) return (this.local ??= new LocalHostShell());
    let s = this.shells.get(alias);
    if (!s) {
      s = new SshHostShell(alias, () => this.pool.get(alias), { shareForwards: true, onForwardError: (e) => this.log.warn(`forward ${alias}: ${e.message}`) });
      this.shells.set(alias, s);
    }
    return s;
  }

  dispose(): void {
    for (const s of this.shells.values()) s.dispose();
    this.pool.dispose();
    this.stateEmitter.dispose();
  }
}
