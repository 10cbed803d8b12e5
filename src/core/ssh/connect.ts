/**
 * Opens one authenticated ssh2 connection to a resolved host, through its ProxyJump hops when it has any.
 * The host key is checked in hostVerifier, before authentication starts: a changed or revoked key ends the
 * handshake and no credential is ever sent.
 */
import { Client, type ConnectConfig } from 'ssh2';
import type { Duplex } from 'node:stream';
import { buildAuthHandler, type AuthOptions } from './auth-handler';
import type { ResolvedHost } from './host-config';
import { hostKeyAlgorithms } from './host-key-algorithms';
import { decideHostKey, type OnUnknownHost } from './host-key-policy';
import { checkHostKey, knownKeyTypes } from './host-key-verdict';
import { appendKnownHost, formatKnownHostsLine } from './known-hosts-append';
import type { JumpHop } from './proxy-jump';
import { AuthFailedError, ConnectError, HostKeyRefusedError } from './ssh-errors';

export interface ConnectOptions extends AuthOptions {
  onUnknownHost?: OnUnknownHost;
  /** Resolves a ProxyJump hop's alias through ~/.ssh/config. Required when the host has ProxyJump. */
  resolveHop?: (alias: string) => ResolvedHost;
  readyTimeoutMs?: number;
  /** SSH-level keepalive; defaults to ServerAliveInterval, else 15 s. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  debug?: (message: string) => void;
}

/** A live connection and the hop connections it rides on (closed together). */
export interface SshConnection {
  client: Client;
  host: ResolvedHost;
  hops: Client[];
  /** SHA256 fingerprint of the target's host key, as verified. */
  fingerprint: string;
  close(): void;
}

export async function connectHost(host: ResolvedHost, opts: ConnectOptions): Promise<SshConnection> {
  const hops: Client[] = [];
  try {
    let sock: Duplex | undefined;
    for (const hop of host.proxyJump) {
      const hopHost = resolveHopHost(hop, opts);
      const conn = await connectOne(hopHost, opts, sock);
      hops.push(conn.client);
      sock = await forwardTo(conn.client, nextTarget(host, hops.length));
    }
    const conn = await connectOne(host, opts, sock);
    return {
      client: conn.client, host, hops, fingerprint: conn.fingerprint,
      close: () => {
        conn.client.end();
        for (const h of [...hops].reverse()) h.end();
      },
    };
  } catch (e) {
    for (const h of hops.reverse()) h.end();
    throw e;
  }

  function nextTarget(target: ResolvedHost, done: number): { host: string; port: number } {
    if (done < target.proxyJump.length) {
      const next = resolveHopHost(target.proxyJump[done], opts);
      return { host: next.hostName, port: next.port };
    }
    return { host: target.hostName, port: target.port };
  }
}

function resolveHopHost(hop: JumpHop, opts: ConnectOptions): ResolvedHost {
  if (!opts.resolveHop) throw new Error('ProxyJump needs resolveHop');
  const base = opts.resolveHop(hop.host);
  // The hop's own ProxyJump is not followed (ssh would chain it); hops are given in order in one list.
  return { ...base, user: hop.user ?? base.user, port: hop.port ?? base.port, proxyJump: [] };
}

function forwardTo(client: Client, target: { host: string; port: number }): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, target.host, target.port, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
}

function connectOne(host: ResolvedHost, opts: ConnectOptions, sock: Duplex | undefined): Promise<{ client: Client; fingerprint: string }> {
  const keyHost = host.hostKeyAlias ?? host.hostName;
  const keyPort = host.hostKeyAlias ? 22 : host.port;
  const files = [...host.userKnownHostsFiles, ...host.globalKnownHostsFiles];
  const { handler, trace } = buildAuthHandler(host, opts);
  const client = new Client();
  let refused: HostKeyRefusedError | undefined;
  let fingerprint = '';

  const config: ConnectConfig = {
    host: host.hostName,
    port: host.port,
    sock,
    username: host.user,
    readyTimeout: opts.readyTimeoutMs ?? (host.connectTimeoutSec ? host.connectTimeoutSec * 1000 : 20000),
    keepaliveInterval: opts.keepaliveIntervalMs ?? (host.serverAliveIntervalSec > 0 ? host.serverAliveIntervalSec * 1000 : 15000),
    keepaliveCountMax: opts.keepaliveCountMax ?? host.serverAliveCountMax,
    algorithms: { serverHostKey: hostKeyAlgorithms(knownKeyTypes(files, keyHost, keyPort)) as ConnectConfigHostKey },
    authHandler: handler,
    debug: opts.debug,
    hostVerifier: (key: Buffer, verify: (ok: boolean) => void): void => {
      const verdict = checkHostKey({ host: keyHost, port: keyPort, keyBlob: key, files });
      fingerprint = verdict.fingerprint;
      decideHostKey(verdict, host.strictHostKeyChecking, keyHost, keyPort, opts.onUnknownHost).then((d) => {
        if (d.accept && d.save && host.userKnownHostsFiles.length > 0) {
          appendKnownHost(host.userKnownHostsFiles[0], formatKnownHostsLine(keyHost, keyPort, key, host.hashKnownHosts));
        }
        refused = d.error;
        verify(d.accept);
      }, (e: unknown) => {
        opts.debug?.(`host key decision failed: ${String(e)}`);
        verify(false);
      });
    },
  };

  return new Promise((resolve, reject) => {
    const onError = (err: Error & { level?: string }): void => {
      client.removeListener('ready', onReady);
      if (refused) reject(refused);
      else if (err.level === 'client-authentication') reject(new AuthFailedError(host.hostName, host.user, trace.tried));
      else reject(new ConnectError(host.hostName, host.port, err));
    };
    const onReady = (): void => {
      client.removeListener('error', onError);
      client.on('error', (e) => opts.debug?.(`connection error: ${e.message}`));
      trace.onReady().catch(() => undefined);
      resolve({ client, fingerprint });
    };
    client.once('error', onError);
    client.once('ready', onReady);
    client.connect(config);
  });
}

type ConnectConfigHostKey = NonNullable<NonNullable<ConnectConfig['algorithms']>['serverHostKey']>;
