/**
 * One shared connection per host alias, for every feature. Callers ask get(alias) each time they need the
 * client. When a connection drops, the pool reconnects in the background with exponential backoff (so port
 * forwards and job tails resume by themselves); host-key refusals and failed authentication are not retried.
 */
import type { Client } from 'ssh2';
import type { SshConnection } from './connect';
import { LinkLostError } from '../host-command/host-errors';
import { AuthFailedError, HostKeyRefusedError } from './ssh-errors';
import { ConfigRefusedError } from './config-target';

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

export interface PoolOptions {
  connect: (alias: string) => Promise<SshConnection>;
  /** First retry delay; doubled each failure up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  onState?: (alias: string, state: ConnectionState, error?: Error) => void;
}

interface Entry {
  state: ConnectionState;
  conn?: SshConnection;
  pending?: Promise<SshConnection>;
  timer?: ReturnType<typeof setTimeout>;
  delay: number;
  lastError?: Error;
}

export class ConnectionPool {
  private readonly entries = new Map<string, Entry>();
  private disposed = false;

  constructor(private readonly opts: PoolOptions) {}

  state(alias: string): ConnectionState {
    return this.entries.get(alias)?.state ?? 'idle';
  }

  lastError(alias: string): Error | undefined {
    return this.entries.get(alias)?.lastError;
  }

  /** The live client for this host, connecting (or reconnecting now) when needed. */
  async get(alias: string): Promise<Client> {
    return (await this.connection(alias)).client;
  }

  connection(alias: string): Promise<SshConnection> {
    if (this.disposed) return Promise.reject(new LinkLostError('connection pool disposed', { permanent: true }));
    const e = this.entry(alias);
    if (e.conn) return Promise.resolve(e.conn);
    if (e.pending) return e.pending;
    if (e.timer) {
      clearTimeout(e.timer);
      e.timer = undefined;
    }
    return this.attempt(alias, e, e.state === 'reconnecting' ? 'reconnecting' : 'connecting');
  }

  /** Closes one host's connection and stops reconnecting it. */
  close(alias: string): void {
    const e = this.entries.get(alias);
    if (!e) return;
    this.entries.delete(alias);
    if (e.timer) clearTimeout(e.timer);
    e.conn?.close();
    this.setState(alias, { ...e, state: 'closed' }, 'closed');
  }

  dispose(): void {
    this.disposed = true;
    for (const alias of [...this.entries.keys()]) this.close(alias);
  }

  private entry(alias: string): Entry {
    let e = this.entries.get(alias);
    if (!e) {
      e = { state: 'idle', delay: this.opts.initialDelayMs ?? 500 };
      this.entries.set(alias, e);
    }
    return e;
  }

  private attempt(alias: string, e: Entry, state: ConnectionState): Promise<SshConnection> {
    this.setState(alias, e, state);
    const p = this.opts.connect(alias).then((conn) => {
      e.pending = undefined;
      if (this.entries.get(alias) !== e) {
        conn.close();
        throw new LinkLostError('connection closed', { permanent: true });
      }
      e.conn = conn;
      e.delay = this.opts.initialDelayMs ?? 500;
      e.lastError = undefined;
      conn.client.once('close', () => this.dropped(alias, e, conn));
      this.setState(alias, e, 'connected');
      return conn;
    }, (err: Error) => {
      e.pending = undefined;
      e.lastError = err;
      if (this.entries.get(alias) !== e) throw err;
      if (err instanceof HostKeyRefusedError || err instanceof AuthFailedError || err instanceof ConfigRefusedError || state === 'connecting') {
        this.setState(alias, e, 'failed', err);
      } else {
        this.scheduleRetry(alias, e);
      }
      throw err;
    });
    e.pending = p;
    return p;
  }

  private dropped(alias: string, e: Entry, conn: SshConnection): void {
    if (e.conn !== conn) return;
    e.conn = undefined;
    conn.close();
    if (this.entries.get(alias) !== e || this.disposed) return;
    this.scheduleRetry(alias, e);
  }

  private scheduleRetry(alias: string, e: Entry): void {
    this.setState(alias, e, 'reconnecting', e.lastError);
    const delay = e.delay;
    e.delay = Math.min(e.delay * 2, this.opts.maxDelayMs ?? 30000);
    e.timer = setTimeout(() => {
      e.timer = undefined;
      if (this.entries.get(alias) !== e || e.conn || e.pending) return;
      this.attempt(alias, e, 'reconnecting').catch(() => undefined);
    }, delay);
    e.timer.unref?.();
  }

  private setState(alias: string, e: Entry, state: ConnectionState, error?: Error): void {
    e.state = state;
    this.opts.onState?.(alias, state, error);
  }
}
