/**
 * Runs one remote command, given as an argv (quoted by THE quoting function), streaming stdout and stderr as
 * they arrive and resolving with the exit code. Transport failures reject with the typed errors of
 * host-command/host-errors.ts (link-errors.ts): a channel that closes without an exit status is LinkLostError.
 *
 * Cancel (AbortSignal): sshd refuses the SSH "signal" request for root sessions ("session signalling requires
 * privilege separation", OpenSSH 9.2) and closing a channel does not stop a command that has no tty. So a
 * cancellable command is started through a tiny wrapper that first prints its process group id (sshd makes
 * every session its own process group), and cancel runs `kill -TERM -<pgid>` on a second channel (no `--`: dash's kill refuses it).
 */
import type { Client, ClientChannel } from 'ssh2';
import { CancelledError } from '../host-command/host-errors';
import type { ExecOptions, ExecResult } from '../host-command/host-shell';
import { shellQuote } from '../host-command/quote';
import { channelLost, toHostError } from './link-errors';

export type { ExecOptions, ExecResult } from '../host-command/host-shell';

// Prints the process group (5th field of /proc/self/stat; `sh` has no spaces in its name) then becomes argv.
const GROUP_WRAPPER = 'read -r _ _ _ _ pgid _ < /proc/$$/stat && printf "%s\\n" "$pgid" && exec "$@"';

export function execArgv(client: Client, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  if (!opts.signal) return execLine(client, shellQuote(argv), opts);
  return execCancellable(client, argv, opts, opts.signal);
}

function execCancellable(client: Client, argv: readonly string[], opts: ExecOptions, signal: AbortSignal): Promise<ExecResult> {
  let head = '';
  let pgid: string | undefined;
  let killWanted = false;
  const inner = new AbortController();
  // Kill the group first, then close our channel (closing first could drop the line that names the group).
  const kill = (): void => {
    if (pgid === undefined) {
      killWanted = true;
      setTimeout(() => inner.abort(), 5000).unref?.();
      return;
    }
    if (pgid !== '') execLine(client, shellQuote(['kill', '-TERM', `-${pgid}`])).catch(() => undefined);
    inner.abort();
  };
  const onStdout = (d: Buffer): void => {
    if (pgid !== undefined) return opts.onStdout?.(d);
    head += d.toString('latin1');
    const nl = head.indexOf('\n');
    if (nl < 0) return;
    const id = head.slice(0, nl);
    pgid = /^[1-9][0-9]*$/.test(id) ? id : '';
    const rest = Buffer.from(head.slice(nl + 1), 'latin1');
    if (rest.length > 0) opts.onStdout?.(rest);
    if (killWanted) kill();
  };
  if (signal.aborted) return Promise.reject(new CancelledError());
  signal.addEventListener('abort', kill, { once: true });
  const line = shellQuote(['sh', '-c', GROUP_WRAPPER, 'sh', ...argv]);
  return execLine(client, line, { ...opts, onStdout, signal: inner.signal }).then((r) => {
    const nl = r.stdout.indexOf('\n');
    return { ...r, stdout: nl >= 0 ? r.stdout.slice(nl + 1) : '' };
  }).finally(() => signal.removeEventListener('abort', kill));
}

/**
 * Opens an exec channel and hands it to `onOpen` synchronously, inside ssh2's callback: the exit status can
 * arrive in the same chunk as the channel's confirmation, so listeners attached a tick later would miss it.
 * ssh2's synchronous "Not connected" and its callback errors become typed errors.
 */
export function openExec<T>(client: Client, commandLine: string, onOpen: (stream: ClientChannel) => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      client.exec(commandLine, (err, stream) => (err ? reject(toHostError(err)) : onOpen(stream).then(resolve, reject)));
    } catch (e) {
      reject(toHostError(e));
    }
  });
}

/** Runs a line built by shellQuote() (never pass text that did not come from the quoting function). */
function execLine(client: Client, commandLine: string, opts: ExecOptions = {}): Promise<ExecResult> {
  const collect = opts.collect ?? true;
  if (opts.signal?.aborted) return Promise.reject(new CancelledError());
  return openExec(client, commandLine, (stream) => new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const errOut: Buffer[] = [];
    let code: number | null = null;
    let sig: string | undefined;
    let exited = false;
    let cancelled = false;
    const onAbort = (): void => {
      cancelled = true;
      sendSignal(stream, 'TERM');
      stream.close();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (d: Buffer) => { if (collect) out.push(d); opts.onStdout?.(d); });
    stream.stderr.on('data', (d: Buffer) => { if (collect) errOut.push(d); opts.onStderr?.(d); });
    stream.on('exit', (c: number | null, s?: string) => { exited = true; code = c; sig = s ?? undefined; });
    stream.on('close', () => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (cancelled) return reject(new CancelledError());
      // sshd always reports how a command ended; a channel closed without it lost its connection.
      if (!exited) return reject(channelLost());
      resolve({ code, signal: sig, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errOut).toString('utf8') });
    });
    const input = opts.stdin;
    if (input === undefined) stream.end();
    else if (typeof input === 'string' || Buffer.isBuffer(input)) stream.end(input);
    else {
      input.once('close', () => stream.end()); // ended or destroyed: the command sees the end of its input
      input.once('error', () => stream.end());
      input.pipe(stream, { end: true });
    }
    if (opts.signal?.aborted) onAbort(); // aborted while the channel was opening
  }));
}

/**
 * ssh2's ClientChannel.signal() silently does nothing once our side of the channel is ended (stream.end(),
 * which we do right away so commands see EOF on stdin). The "signal" request is still valid then (RFC 4254
 * §6.9 only needs the channel open), so we send it through the protocol object, as signal() itself does.
 * This reaches into ssh2 1.17 internals (pinned in package.json); if they change, cancel falls back to
 * closing the channel.
 */
function sendSignal(stream: ClientChannel, name: string): void {
  const ch = stream as unknown as {
    type?: string;
    outgoing?: { id: number; state: string };
    _client?: { _protocol?: { signal(id: number, signal: string): void } };
  };
  try {
    if (ch.type === 'session' && (ch.outgoing?.state === 'open' || ch.outgoing?.state === 'eof')) ch._client?._protocol?.signal(ch.outgoing.id, name);
  } catch {
    // channel already gone
  }
}
